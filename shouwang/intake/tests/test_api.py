"""The API of the interface: the residents' (no account, limited) and the desk's (scoped)."""

import pytest
from django.core.cache import cache
from django.test import Client

from shouwang.intake.models import Report
from shouwang.intake.services import report_assign

from .factories import HELP, TIP, at_station, in_progress

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_lookup_misses():
    cache.clear()
    yield
    cache.clear()


def post_public(client: Client, data: dict, address: str = "198.51.100.20"):
    return client.post(
        "/api/v1/public/reports", data, content_type="application/json", REMOTE_ADDR=address
    )


def test_the_public_units_are_those_a_resident_may_choose(bureau):
    units = Client().get("/api/v1/public/units").json()
    by_name = {unit["name"]: unit for unit in units}
    assert "城关东出口卡点" not in by_name and "交通管理大队" not in by_name
    assert by_name["北门社区"] == {
        "id": bureau["北门社区"].pk,
        "name": "北门社区",
        "kind": "community",
        "parent": bureau["城关派出所"].pk,
    }


def test_a_resident_submits_without_an_account_and_reads_only_the_status(bureau, staff):
    client = Client()
    response = post_public(client, {**TIP, "unit": bureau["北门社区"].pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"tracking_code", "status"} and body["status"] == "new"
    report = Report.objects.get(tracking_code=body["tracking_code"])
    assert (report.channel, report.unit.name) == ("public_api", "北门社区")
    status = client.get(f"/api/v1/public/reports/{body['tracking_code']}").json()
    assert set(status) == {"status", "unit_name", "reply", "updated_at"}
    assert (status["status"], status["unit_name"], status["reply"]) == ("new", "北门社区", "")
    assert client.get("/api/v1/public/reports/ZZZZZZZZZZZZ").status_code == 404


def test_public_input_errors_are_field_level_422(bureau):
    response = post_public(
        Client(), {"type": "tip", "category": "gambling", "text": "", "anonymous": True}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "text", "message": "请描述具体情况"}]
    response = post_public(Client(), {"type": "tip"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"category", "text"}
    response = post_public(Client(), {**TIP, "text": "字" * 2001})
    assert response.json()["errors"] == [{"field": "text", "message": "内容过长，最多2000个字"}]


def test_the_public_api_answers_429_past_the_limits(bureau, settings):
    settings.SHOUWANG_INTAKE_PER_ADDRESS_HOUR = 2
    client = Client()
    grievance = {"type": "grievance", "category": "living", "text": "暖气不热", "anonymous": True}
    assert post_public(client, grievance).status_code == 201
    assert post_public(client, grievance).status_code == 201
    limited = post_public(client, grievance)
    assert limited.status_code == 429
    assert limited.json() == {
        "detail": "提交过于频繁，请稍后再试；紧急情况请直接拨打110",
        "errors": [],
    }
    assert int(limited["Retry-After"]) > 3000
    assert post_public(client, grievance, address="198.51.100.21").status_code == 201


def test_the_desk_lists_filters_and_reads_a_report(
    bureau, staff, api_as, django_assert_max_num_queries
):
    urgent = at_station(bureau, HELP)
    tip = at_station(bureau)
    at_station(bureau, station="白云山派出所")
    duty = api_as("duty1")
    with django_assert_max_num_queries(6):
        listed = duty.get("/api/v1/intake/reports").json()
    assert listed["count"] == 2
    assert [item["id"] for item in listed["items"]] == [urgent.pk, tip.pk]
    assert listed["items"][1]["contact_phone"] == "138****8000"
    assert duty.get("/api/v1/intake/reports?type=help").json()["count"] == 1
    assert duty.get(f"/api/v1/intake/reports?unit={bureau['白云山派出所'].pk}").json()["count"] == 0
    assert duty.get("/api/v1/intake/reports?overdue=true").json()["count"] == 0
    assert duty.get("/api/v1/intake/reports?status=resolved").json()["count"] == 0
    detail = duty.get(f"/api/v1/intake/reports/{tip.pk}").json()
    assert detail["tracking_code"] == tip.tracking_code
    assert [event["kind"] for event in detail["history"]] == ["received"]


def test_assign_transition_and_merge_through_the_api(bureau, staff, api_as):
    first, second = at_station(bureau), at_station(bureau, contact_phone="13700000000")
    duty = api_as("duty1")
    claimed = duty.post_json(f"/api/v1/intake/reports/{first.pk}/assign", {})
    assert (claimed.status_code, claimed.json()["handler_name"]) == (200, "周敏")
    clash = api_as("officer1").post_json(f"/api/v1/intake/reports/{first.pk}/assign", {})
    assert clash.status_code == 409
    assert clash.json()["errors"] == [{"field": "handler", "message": "已由周敏处理"}]
    moved = duty.post_json(
        f"/api/v1/intake/reports/{first.pk}/transitions", {"status": "in_progress", "note": "核实"}
    )
    assert moved.json()["status"] == "in_progress"
    refused = duty.post_json(
        f"/api/v1/intake/reports/{first.pk}/transitions", {"status": "resolved", "note": "好了"}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "reply"
    merged = duty.post_json(f"/api/v1/intake/reports/{second.pk}/merge", {"into": first.pk})
    assert (merged.status_code, merged.json()["status"], merged.json()["merged_into_id"]) == (
        200,
        "merged",
        first.pk,
    )
    done = duty.post_json(
        f"/api/v1/intake/reports/{first.pk}/transitions",
        {"status": "resolved", "note": "已核实", "reply": "已核实处理，谢谢您的反映。"},
    ).json()
    assert done["status"] == "resolved" and done["duplicates"] == [second.pk]
    status = Client().get(f"/api/v1/public/reports/{second.tracking_code}").json()
    assert (status["status"], status["reply"]) == ("resolved", "已核实处理，谢谢您的反映。")


def test_the_desk_assigns_to_a_unit_or_officer_of_its_own(bureau, staff, api_as):
    report = at_station(bureau)
    duty = api_as("duty1")
    to_unit = duty.post_json(
        f"/api/v1/intake/reports/{report.pk}/assign",
        {"unit": bureau["北门社区"].pk, "note": "请社区核实"},
    )
    assert (to_unit.json()["unit_name"], to_unit.json()["status"]) == ("北门社区", "assigned")
    sibling = duty.post_json(
        f"/api/v1/intake/reports/{report.pk}/assign", {"unit": bureau["白云山派出所"].pk}
    )
    assert sibling.status_code == 422
    assert sibling.json()["errors"] == [{"field": "unit", "message": "只能指派给本单位或下级单位"}]
    missing = duty.post_json(f"/api/v1/intake/reports/{report.pk}/assign", {"officer": 999999})
    assert missing.json()["errors"] == [{"field": "officer", "message": "未找到该人员"}]


def test_a_sibling_station_gets_404_and_changes_nothing(bureau, staff, api_as):
    ours = at_station(bureau)
    theirs = at_station(bureau, station="白云山派出所")
    chief2 = api_as("chief2")
    assert chief2.get(f"/api/v1/intake/reports/{ours.pk}").status_code == 404
    assert chief2.post_json(f"/api/v1/intake/reports/{ours.pk}/assign", {}).status_code == 404
    assert (
        chief2.post_json(
            f"/api/v1/intake/reports/{ours.pk}/transitions", {"status": "in_progress", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        chief2.post_json(f"/api/v1/intake/reports/{theirs.pk}/merge", {"into": ours.pk}).status_code
        == 422
    )
    assert chief2.get(f"/api/v1/stats/intake?unit={bureau['城关派出所'].pk}").status_code == 404
    ours.refresh_from_db()
    assert (ours.status, ours.handler_id, ours.events.count()) == ("new", None, 1)


def test_stats_have_the_interface_keys(bureau, staff, api_as):
    report = at_station(bureau, HELP)
    report = in_progress(report, staff["duty1"])
    stats = api_as("commander").get("/api/v1/stats/intake").json()
    assert set(stats) == {
        "received",
        "resolved",
        "overdue",
        "assign_minutes_p50",
        "assign_minutes_p90",
        "resolve_hours_p50",
        "resolve_hours_p90",
        "by_type",
    }
    assert (stats["received"], stats["by_type"]["help"]["received"]) == (1, 1)
    assert stats["assign_minutes_p50"] == 0.0
    bad = api_as("commander").get("/api/v1/stats/intake?from=2026-02-05&to=2026-02-01")
    assert bad.status_code == 422
    assert api_as("volunteer1").get("/api/v1/stats/intake").status_code == 403


def test_roles_without_intake_are_refused(bureau, staff, api_as):
    report = at_station(bureau)
    for username in ("volunteer1", "health1", "auxiliary1"):
        assert api_as(username).get("/api/v1/intake/reports").status_code == 403
    # The commander reads the queue but does not handle it.
    assert api_as("commander").get("/api/v1/intake/reports").json()["count"] == 1
    assert (
        api_as("commander").post_json(f"/api/v1/intake/reports/{report.pk}/assign", {}).status_code
        == 403
    )
    report_assign(actor=staff["duty1"], report=report)
