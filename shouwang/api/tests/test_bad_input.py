"""Ordinary bad input is a field-level 422 in Chinese, with the same limits on both databases.

Each of these answered 500 (PostgreSQL refusing NUL or an OFFSET past 64 bits, SQLite an
integer it cannot hold, a KeyError on an unknown health code) or was silently stored by
SQLite where PostgreSQL refused it.
"""

import json

import pytest

from shouwang.people.models import IsolationSite, Person

NAME_OF_5000 = "张" * 5000
HUGE = 2**64


def errors_of(response) -> list[dict]:
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == "输入有误"
    return response.json()["errors"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "张\x00三", "不能包含控制字符或无效字符"),
        ("current_address", "城关\x00路", "不能包含控制字符或无效字符"),
        ("name", "张\udbf9三", "不能包含控制字符或无效字符"),
        ("name", NAME_OF_5000, "内容过长，最多50个字"),
        ("workplace", "厂" * 201, "内容过长，最多200个字"),
    ],
)
def test_unstorable_person_fields_are_refused_before_the_database(api_as, field, value, message):
    data = {"name": "张三", field: value}
    response = api_as("chief1").post(
        "/api/v1/people", json.dumps(data), content_type="application/json"
    )
    assert errors_of(response) == [{"field": field, "message": message}]
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u200b\u200b", "姓名不能包含不可见字符或文字方向控制字符"),
        ("\u202e三张", "姓名不能包含不可见字符或文字方向控制字符"),
        ("张\ufeff三", "姓名不能包含不可见字符或文字方向控制字符"),
        ("12345", "姓名必须包含文字"),
    ],
)
def test_names_of_invisible_characters_are_refused(api_as, name, message):
    response = api_as("chief1").post_json("/api/v1/people", {"name": name})
    assert errors_of(response) == [{"field": "name", "message": message}]


def test_a_search_with_nul_is_a_field_error(api_as):
    response = api_as("chief1").get("/api/v1/people", {"q": "张\x00"})
    assert errors_of(response) == [{"field": "q", "message": "不能包含控制字符或无效字符"}]


def test_a_login_name_with_nul_is_a_field_error(api_as, staff):
    response = api_as("chief1").post_json(
        "/api/v1/auth/token", {"username": "chief1\x00", "password": "x"}
    )
    assert errors_of(response) == [{"field": "username", "message": "不能包含控制字符或无效字符"}]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_temperatures_must_be_finite(api_as, value):
    body = '{"episode": 1, "temperature": ' + value + "}"
    response = api_as("chief1").post("/api/v1/followups", body, content_type="application/json")
    assert errors_of(response) == [{"field": "temperature", "message": "必须是有限的数字"}]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/v1/units/{HUGE}", "unit_id"),
        (f"/api/v1/people/{HUGE}", "person_id"),
        (f"/api/v1/watch-records?person={HUGE}", "person"),
        ("/api/v1/people?page=9223372036854775807", "page"),
        ("/api/v1/passages?page=9223372036854775807", "page"),
        ("/api/v1/units?page_size=9223372036854775807", "page_size"),
    ],
)
def test_integers_past_the_databases_are_field_errors(api_as, path, field):
    response = api_as("chief1").get(path)
    assert errors_of(response) == [{"field": field, "message": "数值过大"}]


def test_an_id_past_64_bits_in_a_body_is_a_field_error(api_as):
    response = api_as("chief1").post_json("/api/v1/people", {"name": "张三", "unit": HUGE})
    assert errors_of(response) == [{"field": "unit", "message": "数值过大"}]


def test_a_count_the_column_cannot_hold_is_refused_on_both_databases(api_as):
    client = api_as("chief1")
    too_many = client.post_json(
        "/api/v1/isolation-sites", {"name": "站", "address": "路", "rooms": 40000}
    )
    assert errors_of(too_many) == [{"field": "rooms", "message": "房间数不能超过32767"}]
    huge = client.post_json(
        "/api/v1/isolation-sites", {"name": "站", "address": "路", "rooms": HUGE}
    )
    assert errors_of(huge) == [{"field": "rooms", "message": "数值过大"}]
    assert IsolationSite.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/key-areas?on=0001-01-01",
        "/api/v1/followups/due?date=9999-12-31",
        "/api/v1/passages?from=0001-01-01",
        "/api/v1/stats/checkpoints?from=0001-01-01",
    ],
)
def test_dates_out_of_any_range_are_field_errors(api_as, path):
    response = api_as("chief1").get(path)
    field = path.split("?")[1].split("=")[0]
    assert errors_of(response) == [{"field": field, "message": "日期超出范围（1900年至2099年）"}]


def test_a_year_one_isolation_start_is_a_field_error(api_as):
    response = api_as("chief1").post_json(
        "/api/v1/isolations", {"person": 1, "kind": "home", "start_date": "0001-01-01"}
    )
    assert errors_of(response) == [
        {"field": "start_date", "message": "日期超出范围（1900年至2099年）"}
    ]


def test_an_unknown_health_code_of_an_occupant_is_a_field_error(api_as, staff):
    from shouwang.checkpoints.models import Checkpoint

    checkpoint = Checkpoint.objects.visible_to(staff["chief1"]).first()
    response = api_as("chief1").post_json(
        "/api/v1/passages",
        {
            "checkpoint": checkpoint.pk if checkpoint else 1,
            "disposition": "released",
            "occupants": [{"name": "张三", "health_code": "«é"}],
        },
    )
    errors = errors_of(response)
    assert {
        "field": "occupants.0.health_code",
        "message": "健康码应为绿码、黄码、红码或无码",
    } in errors


def test_an_occupant_named_with_direction_overrides_is_refused(api_as, staff):
    response = api_as("chief1").post_json(
        "/api/v1/passages",
        {"checkpoint": 1, "disposition": "released", "occupants": [{"name": "\u202e张三"}]},
    )
    assert {
        "field": "occupants.0.name",
        "message": "姓名不能包含不可见字符或文字方向控制字符",
    } in errors_of(response)


def test_pass_holders_named_with_invisible_characters_are_refused(api_as):
    response = api_as("chief1").post_json(
        "/api/v1/passes",
        {
            "holder_kind": "person",
            "person_name": "\u200b",
            "person_id_number": "11010519491231002X",
            "purpose": "通勤",
            "valid_from": "2026-01-01T08:00:00",
            "valid_to": "2026-01-02T08:00:00",
        },
    )
    assert {
        "field": "person_name",
        "message": "姓名不能包含不可见字符或文字方向控制字符",
    } in errors_of(response)
