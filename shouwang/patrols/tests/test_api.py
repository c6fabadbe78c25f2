import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from shouwang.cases.models import Case
from shouwang.patrols.models import VideoAlert, VideoSystem

from . import factories as f

pytestmark = pytest.mark.django_db
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def system_client(token: str | None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}") if token else Client()


def push(client: Client, **fields):
    body = {
        "system_event_id": "EV-0001",
        "camera": "CAM-001",
        "kind": "out_of_town_plate",
        "occurred_at": (timezone.now() - timedelta(minutes=1)).isoformat(),
        "plate": "鄂A12345",
        **fields,
    }
    return client.post("/api/v1/video-alerts", body, content_type="application/json")


@pytest.fixture
def video(staff):
    system, token = f.system(staff["chief1"])
    f.camera(staff["chief1"], system)
    return system, token


def test_a_chief_or_an_administrator_registers_a_system_and_sees_its_token_once(
    api_as, staff, bureau
):
    response = api_as("chief1").post_json(
        "/api/v1/video-systems", {"unit": bureau["城关派出所"].pk, "name": "城关视频平台"}
    )
    assert response.status_code == 201
    body = response.json()
    assert sorted(body) == ["id", "token"]
    system = VideoSystem.objects.get(pk=body["id"])
    assert body["token"] not in system.token_hash and body["token"].startswith("swv_")
    listed = api_as("chief1").get("/api/v1/video-systems").json()
    assert "token" not in listed["items"][0]
    admin = api_as("admin").post_json(
        "/api/v1/video-systems", {"unit": bureau["白云山派出所"].pk, "name": "白云山平台"}
    )
    assert admin.status_code == 201
    for role in ("officer1", "duty1", "commander"):
        refused = api_as(role).post_json(
            "/api/v1/video-systems", {"unit": bureau["城关派出所"].pk, "name": "x"}
        )
        assert refused.status_code == 403


def test_a_chief_registers_cameras_of_his_systems(api_as, staff, bureau, video):
    system, _token = video
    response = api_as("chief1").post_json(
        "/api/v1/cameras",
        {
            "unit": bureau["城关派出所"].pk,
            "system": system.pk,
            "code": "CAM-002",
            "name": "旅游路口",
            "latitude": "34.301",
            "longitude": "108.902",
        },
    )
    assert response.status_code == 201
    assert response.json()["code"] == "CAM-002"
    again = api_as("chief1").post_json(
        "/api/v1/cameras",
        {"unit": bureau["城关派出所"].pk, "system": system.pk, "code": "CAM-002", "name": "x"},
    )
    assert again.status_code == 422
    sibling = api_as("chief2").post_json(
        "/api/v1/cameras",
        {"unit": bureau["白云山派出所"].pk, "system": system.pk, "code": "CAM-9", "name": "x"},
    )
    assert sibling.status_code == 404


def test_ingest_needs_the_systems_own_token(video, api_as):
    assert push(system_client(None)).status_code == 401
    assert push(system_client("swv_not-a-token")).status_code == 401
    # A person's token is not a system's.
    assert push(api_as("chief1")).status_code == 401
    assert VideoAlert.objects.count() == 0


def test_a_revoked_system_is_refused(video, staff):
    from shouwang.patrols.services import video_system_revoke

    system, token = video
    video_system_revoke(actor=staff["chief1"], system=system)
    assert push(system_client(token)).status_code == 401


def test_a_resend_is_the_same_alert(video):
    _system, token = video
    client = system_client(token)
    first = push(client, snapshot=base64.b64encode(PNG).decode())
    assert first.status_code == 201
    again = push(client, plate="鄂A99999")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    alert = VideoAlert.objects.get()
    assert (alert.plate, alert.plate_place, alert.has_snapshot) == ("鄂A12345", "湖北武汉", True)
    assert bytes(alert.snapshot) != PNG  # kept encrypted


def test_a_camera_of_another_system_is_refused(video, staff):
    _system, token = video
    other, _other_token = f.system(staff["chief2"], name="白云山平台")
    f.camera(staff["chief2"], other, code="CAM-900")
    response = push(system_client(token), camera="CAM-900")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "camera"
    assert VideoAlert.objects.count() == 0


def test_bad_alerts_are_field_errors(video):
    _system, token = video
    client = system_client(token)
    assert push(client, kind="fire").status_code == 422
    assert push(client, plate="").status_code == 422  # a plate alert names its plate
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert push(client, occurred_at=future).status_code == 422
    assert push(client, snapshot="not base64!").status_code == 422
    assert push(client, snapshot=base64.b64encode(b"GIF89a....").decode()).status_code == 422
    assert VideoAlert.objects.count() == 0


def test_staff_read_only_the_alerts_of_their_units(video, staff, api_as):
    _system, token = video
    push(system_client(token))
    other, other_token = f.system(staff["chief2"], name="白云山平台")
    f.camera(staff["chief2"], other, code="CAM-900")
    push(system_client(other_token), camera="CAM-900", system_event_id="B-1", kind="gathering")
    own = api_as("duty1").get("/api/v1/video-alerts?status=new").json()
    assert [a["camera_code"] for a in own["items"]] == ["CAM-001"]
    assert api_as("duty1").get("/api/v1/video-alerts?status=closed").json()["count"] == 0
    bureau_wide = api_as("commander").get("/api/v1/video-alerts").json()
    assert bureau_wide["count"] == 2
    sibling_alert = VideoAlert.objects.get(system=other)
    assert api_as("duty1").get(f"/api/v1/video-alerts/{sibling_alert.pk}").status_code == 404
    assert api_as("health1").get("/api/v1/video-alerts").status_code == 403


def test_the_video_room_dispatches_and_records_the_outcome(video, staff, bureau, api_as):
    _system, token = video
    alert_id = push(system_client(token)).json()["id"]
    post = f.checkpoint(bureau["城关东出口卡点"])
    client = api_as("duty1")
    sent = client.post_json(f"/api/v1/video-alerts/{alert_id}/dispatch", {"checkpoint": post.pk})
    assert sent.status_code == 200
    assert (sent.json()["status"], sent.json()["checkpoint"]) == ("dispatched", post.pk)
    done = client.post_json(
        f"/api/v1/video-alerts/{alert_id}/outcome", {"outcome": "turned_back", "note": "已劝返"}
    )
    assert done.json()["status"] == "closed"
    again = client.post_json(f"/api/v1/video-alerts/{alert_id}/outcome", {"outcome": "handled"})
    assert again.status_code == 409
    statuses = [h.status for h in VideoAlert.objects.get().history.order_by("history_id")]
    assert statuses == ["new", "dispatched", "closed"]


def test_patrol_api_contract(api_as, staff, bureau):
    client = api_as("officer1")
    created = client.post_json(
        "/api/v1/patrols",
        {"unit": bureau["城关派出所"].pk, "kind": "foot", "area": "石门村-白云村夜巡"},
    )
    assert created.status_code == 201
    patrol = created.json()
    assert patrol["ended_at"] is None and patrol["officers"] == [staff["officer1"].pk]
    finding = client.post_json(
        f"/api/v1/patrols/{patrol['id']}/findings",
        {"kind": "violation", "note": "村民家中聚众打麻将", "case_kind": "gambling_gathering"},
    )
    assert finding.status_code == 201
    assert finding.json()["case"] == Case.objects.get().pk
    ended = client.post_json(f"/api/v1/patrols/{patrol['id']}/end", {})
    assert ended.json()["ended_at"] is not None
    detail = client.get(f"/api/v1/patrols/{patrol['id']}").json()
    assert [x["kind"] for x in detail["findings"]] == ["violation"]
    assert api_as("officer2").get(f"/api/v1/patrols/{patrol['id']}").status_code == 404
    assert api_as("volunteer1").get("/api/v1/patrols").status_code == 403


def test_post_inspection_api(api_as, bureau):
    post = f.checkpoint(bureau["城关东出口卡点"])
    deadline = (timezone.localdate() + timedelta(days=3)).isoformat()
    created = api_as("commander").post_json(
        "/api/v1/post-inspections",
        {
            "checkpoint": post.pk,
            "checklist": [
                {"item": "staffing", "passed": True},
                {"item": "gear", "passed": False, "note": "缺护目镜"},
            ],
            "deadline": deadline,
        },
    )
    assert created.status_code == 201
    inspection = created.json()
    assert (inspection["status"], inspection["overdue"]) == ("rectifying", False)
    url = f"/api/v1/post-inspections/{inspection['id']}"
    assert (
        api_as("chief1")
        .post_json(url + "/rectification", {"rectification": "已配发"})
        .json()["status"]
        == "reported"
    )
    assert (
        api_as("chief1").post_json(url + "/close", {"accepted": True}).json()["status"] == "closed"
    )
    assert api_as("chief2").get(url).status_code == 404
    assert api_as("officer1").get("/api/v1/post-inspections").status_code == 403
