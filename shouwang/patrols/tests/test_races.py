"""Concurrent writes on PostgreSQL: one alert per event however many resends arrive at once,
one outcome per alert."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from shouwang.patrols.models import VideoAlert
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from . import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_simultaneous_resends_store_one_alert(staff):
    system, token = f.system(staff["chief1"])
    f.camera(staff["chief1"], system)
    body = {
        "system_event_id": "EV-RACE",
        "camera": "CAM-001",
        "kind": "gathering",
        "occurred_at": (timezone.now() - timedelta(minutes=1)).isoformat(),
    }
    clients = [Client(HTTP_AUTHORIZATION=f"Bearer {token}") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post("/api/v1/video-alerts", body, content_type="application/json")
    )
    assert sorted(r.status_code for r in responses) == [200] * (WORKERS - 1) + [201]
    assert VideoAlert.objects.count() == 1
    assert {r.json()["id"] for r in responses} == {VideoAlert.objects.get().pk}


def test_simultaneous_outcomes_record_one(staff, api_as):
    system, token = f.system(staff["chief1"])
    f.camera(staff["chief1"], system)
    alert_id = (
        Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        .post(
            "/api/v1/video-alerts",
            {
                "system_event_id": "EV-1",
                "camera": "CAM-001",
                "kind": "gathering",
                "occurred_at": (timezone.now() - timedelta(minutes=1)).isoformat(),
            },
            content_type="application/json",
        )
        .json()["id"]
    )
    clients = [api_as("duty1") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/video-alerts/{alert_id}/outcome", {"outcome": "dispersed"}
        )
    )
    assert sorted(r.status_code for r in responses) == [200] + [409] * (WORKERS - 1)
    alert = VideoAlert.objects.get()
    assert alert.history.filter(status="closed").count() == 1
