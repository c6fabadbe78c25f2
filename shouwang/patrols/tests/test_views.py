"""The pages: lists, forms with Chinese field errors, the queue's dispatch to the nearest post."""

import base64
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from shouwang.accounts.models import hash_token
from shouwang.cases.models import Case
from shouwang.patrols.models import Patrol, PostInspection, VideoAlert, VideoSystem
from shouwang.patrols.services import video_alert_ingest

from . import factories as f
from .world import PNG

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_an_officer_starts_a_patrol_records_a_violation_and_ends_it(login_as, staff):
    client = login_as("officer1")
    assert client.get("/patrols/new/").status_code == 200
    bad = client.post(
        "/patrols/new/",
        {
            "kind": "car",
            "area": "城关",
            "unit": staff["officer1"].unit_id,
            "started_at": local(timezone.now()),
        },
    )
    assert bad.status_code == 422
    assert "请选择车辆" in bad.content.decode()
    started = timezone.now() - timedelta(minutes=20)
    response = client.post(
        "/patrols/new/",
        {
            "kind": "foot",
            "area": "南关夜巡",
            "unit": staff["officer1"].unit_id,
            "started_at": local(started),
        },
    )
    patrol = Patrol.objects.get()
    assert response.url == f"/patrols/{patrol.pk}/"
    finding = client.post(
        f"/patrols/{patrol.pk}/findings/new/",
        {
            "kind": "violation",
            "note": "棋牌室聚集打牌",
            "people_count": 5,
            "occurred_at": local(timezone.now()),
            "case_kind": "gambling_gathering",
        },
    )
    assert finding.status_code == 302
    case = Case.objects.get()
    page = client.get(f"/patrols/{patrol.pk}/").content.decode()
    assert f"/cases/{case.pk}/" in page
    client.post(f"/patrols/{patrol.pk}/end/", {"ended_at": local(timezone.now())})
    patrol.refresh_from_db()
    assert patrol.ended_at is not None


def test_lists_render_for_their_readers(login_as):
    for username, urls in {
        "chief1": [
            "/patrols/",
            "/patrols/vehicles/",
            "/patrols/cameras/",
            "/patrols/alerts/",
            "/patrols/inspections/",
            "/patrols/vehicles/new/",
            "/patrols/cameras/new/",
            "/patrols/video-systems/new/",
            "/patrols/inspections/new/",
        ],
        "duty1": ["/patrols/alerts/", "/patrols/cameras/"],
        "admin": ["/patrols/cameras/", "/patrols/video-systems/new/"],
    }.items():
        client = login_as(username)
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
    assert login_as("volunteer1").get("/patrols/").status_code == 403
    assert login_as("admin").get("/patrols/alerts/").status_code == 403


def test_a_new_video_system_shows_its_token_once(login_as, staff):
    client = login_as("chief1")
    response = client.post(
        "/patrols/video-systems/new/", {"unit": staff["chief1"].unit_id, "name": "城关视频"}
    )
    assert response.status_code == 200
    token = re.search(r"swv_[A-Za-z0-9_-]{40,}", response.content.decode()).group(0)
    system = VideoSystem.objects.get()
    assert system.token_hash == hash_token(token)
    # Only its first characters are shown again.
    page = client.get("/patrols/cameras/").content.decode()
    assert token not in page and token[:10] in page


def test_the_queue_offers_the_nearest_checkpoint_first(login_as, staff, bureau):
    chief = staff["chief1"]
    system, _token = f.system(chief)
    f.camera(chief, system, lat="34.300900", lng="108.957800")
    far = f.checkpoint(bureau["城关东出口卡点"], "北门卡点", lat="34.318400", lng="108.934800")
    near = f.checkpoint(bureau["城关东出口卡点"], "东出口卡点", lat="34.302100", lng="108.951300")
    f.checkpoint(bureau["城关东出口卡点"], "无坐标卡点")
    alert = video_alert_ingest(
        system=system,
        system_event_id="A1",
        camera="CAM-001",
        kind="out_of_town_plate",
        occurred_at=timezone.now() - timedelta(minutes=2),
        plate="鄂A12345",
        snapshot=PNG,
    ).alert
    client = login_as("duty1")
    page = client.get(f"/patrols/alerts/{alert.pk}/").content.decode()
    assert page.index("东出口卡点") < page.index("北门卡点") < page.index("无坐标卡点")
    assert f'value="checkpoint:{near.pk}" checked' in page
    snapshot = client.get(f"/patrols/alerts/{alert.pk}/snapshot/")
    assert snapshot.content == base64.b64decode(PNG)
    assert snapshot["Content-Security-Policy"] == "default-src 'none'; sandbox"
    client.post(f"/patrols/alerts/{alert.pk}/dispatch/", {"target": f"checkpoint:{near.pk}"})
    alert.refresh_from_db()
    assert (alert.status, alert.checkpoint, alert.distance_m) == ("dispatched", near, 612)
    client.post(f"/patrols/alerts/{alert.pk}/outcome/", {"outcome": "turned_back", "note": "劝返"})
    alert.refresh_from_db()
    assert alert.outcome == "turned_back"
    assert far.pk != near.pk


def test_an_inspection_form_flags_failed_items(login_as, bureau):
    post = f.checkpoint(bureau["城关东出口卡点"])
    client = login_as("chief1")
    data = {
        "checkpoint": post.pk,
        "inspected_at": local(timezone.now()),
        "unannounced": "on",
        "ok_staffing": "on",
        "ok_duty_records": "on",
        "note_gear": "缺护目镜",
    }
    refused = client.post("/patrols/inspections/new/", data)
    assert refused.status_code == 422 and "发现问题须规定整改期限" in refused.content.decode()
    data["deadline"] = timezone.localdate().isoformat()
    client.post("/patrols/inspections/new/", data)
    inspection = PostInspection.objects.get()
    failed = sorted(i.item for i in inspection.items.all() if not i.passed)
    assert failed == ["disinfection", "gear", "signage", "temperature"]
    assert inspection.status == "rectifying"
    listed = client.get("/patrols/inspections/?overdue=1").content.decode()
    assert f"inspection-{inspection.pk}" not in listed
    assert VideoAlert.objects.count() == 0


def test_a_vehicle_is_corrected_on_its_page_and_a_blank_code_is_refused(login_as, staff):
    car = f.vehicle(staff["chief1"])
    client = login_as("chief1")
    url = f"/patrols/vehicles/{car.pk}/"
    refused = client.post(url, {"code": "", "model_name": "比亚迪"})
    assert refused.status_code == 422
    assert "车牌或编号" in refused.content.decode()
    saved = client.post(url, {"code": "陕K0002警", "model_name": "比亚迪", "note": "新喷涂"})
    assert saved.status_code == 302 and saved["Location"] == url
    car.refresh_from_db()
    assert (car.code, car.model_name, car.note) == ("陕K0002警", "比亚迪", "新喷涂")
