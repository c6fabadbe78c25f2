"""A sibling station's staff find none of 城关's patrols, vehicles, cameras, alerts or
inspections, and change nothing trying."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shouwang.patrols.models import Patrol, PostInspection, Vehicle, VideoAlert
from shouwang.patrols.services import post_inspection_record, video_alert_ingest

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(staff, bureau):
    chief = staff["chief1"]
    car = f.vehicle(chief)
    patrol = f.patrol(staff["officer1"])
    system, _token = f.system(chief)
    camera = f.camera(chief, system)
    alert = video_alert_ingest(
        system=system,
        system_event_id="E1",
        camera=camera.code,
        kind="gathering",
        occurred_at=timezone.now() - timedelta(minutes=3),
    ).alert
    inspection = post_inspection_record(
        actor=chief,
        checkpoint=f.checkpoint(bureau["城关东出口卡点"]),
        checklist={"gear": (False, "缺口罩")},
        deadline=timezone.localdate(),
    )
    return {
        "car": car,
        "patrol": patrol,
        "camera": camera,
        "alert": alert,
        "inspection": inspection,
    }


def test_sibling_pages_are_not_found(login_as, records):
    pages = [
        f"/patrols/{records['patrol'].pk}/",
        f"/patrols/{records['patrol'].pk}/findings/new/",
        f"/patrols/vehicles/{records['car'].pk}/",
        f"/patrols/cameras/{records['camera'].pk}/",
        f"/patrols/alerts/{records['alert'].pk}/",
        f"/patrols/inspections/{records['inspection'].pk}/",
    ]
    client = login_as("chief2")
    for url in pages:
        assert client.get(url).status_code == 404, url
    actions = [
        f"/patrols/{records['patrol'].pk}/end/",
        f"/patrols/vehicles/{records['car'].pk}/status/",
        f"/patrols/alerts/{records['alert'].pk}/outcome/",
        f"/patrols/inspections/{records['inspection'].pk}/close/",
    ]
    for url in actions:
        assert (
            client.post(
                url,
                {
                    "status": "maintenance",
                    "reason": "x",
                    "outcome": "handled",
                    "accepted": "1",
                    "ended_at": "2020-02-03T10:00",
                },
            ).status_code
            == 404
        )
    assert Patrol.objects.get().ended_at is None
    assert Vehicle.objects.get().status == "in_service"
    assert VideoAlert.objects.get().status == "new"
    assert PostInspection.objects.get().status == "rectifying"


def test_sibling_lists_are_empty(login_as, api_as, records):
    client = api_as("chief2")
    for url in (
        "/api/v1/patrols",
        "/api/v1/vehicles",
        "/api/v1/cameras",
        "/api/v1/video-alerts",
        "/api/v1/post-inspections",
    ):
        assert client.get(url).json()["count"] == 0, url
    page = login_as("chief2").get("/patrols/alerts/")
    assert "CAM-001" not in page.content.decode() and "点位" not in page.content.decode()


def test_the_bureau_sees_every_station(api_as, records):
    client = api_as("commander")
    assert client.get("/api/v1/patrols").json()["count"] == 1
    assert client.get("/api/v1/video-alerts").json()["count"] == 1
