"""List endpoints read a page in a fixed number of queries, however many rows it holds."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.patrols.models import FindingKind
from shouwang.patrols.services import finding_record, video_alert_ingest

from . import factories as f

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_cost_the_same_for_2_or_8_rows(staff, login_as):
    officer, chief = staff["officer1"], staff["chief1"]
    system, _token = f.system(chief)
    camera = f.camera(chief, system)
    client = login_as("chief1")
    urls = ["/api/v1/patrols", "/api/v1/video-alerts", "/patrols/", "/patrols/alerts/"]

    def add(n: int) -> None:
        for i in range(n):
            patrol = f.patrol(officer, officers=[staff["auxiliary1"]])
            finding_record(actor=officer, patrol=patrol, kind=FindingKind.OTHER, note=f"{i}")
            video_alert_ingest(
                system=system,
                system_event_id=f"{n}-{i}",
                camera=camera.code,
                kind="gathering",
                occurred_at=timezone.now() - timedelta(minutes=1),
            )

    add(2)
    few = [queries_of(client, url) for url in urls]
    add(6)
    many = [queries_of(client, url) for url in urls]
    assert many == few
