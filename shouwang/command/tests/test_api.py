"""The interface of issue 17, kept exactly: the daily report and the zones."""

import pytest
from django.utils import timezone

from .scenario import days, passages

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[108.90, 34.30], [108.91, 34.30], [108.91, 34.31], [108.90, 34.31], [108.90, 34.30]]
    ],
}
CONTRACT_FIGURES = {
    "vehicles_passed",
    "vehicles_registered",
    "vehicle_turn_backs",
    "people_checked",
    "people_turned_back",
    "watched_people",
    "isolating",
    "followups_done",
    "followups_due",
}


def test_daily_report_answers_the_contract(staff, bureau, checkpoints, api_as):
    passages(staff, checkpoints)
    first, second = days()
    unit = bureau["清河县公安局"]
    response = api_as("commander").get(
        f"/api/v1/reports/daily?unit={unit.pk}&from={first}&to={second}"
    )
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert set(body) == {"unit", "from", "to", "figures", "previous", "text"}
    assert body["unit"] == {"id": unit.pk, "name": "清河县公安局"}
    assert (body["from"], body["to"]) == (first.isoformat(), second.isoformat())
    assert set(body["figures"]) >= CONTRACT_FIGURES
    assert set(body["previous"]) == set(body["figures"])
    assert all(type(v) is int for v in [*body["figures"].values(), *body["previous"].values()])
    assert body["figures"]["vehicles_passed"] == 52
    assert body["previous"]["vehicles_passed"] == 1  # the passage of the day before
    assert isinstance(body["text"], str) and "放行车辆52辆" in body["text"]


def test_daily_report_defaults_to_yesterday_of_the_users_unit(staff, api_as):
    body = api_as("chief1").get("/api/v1/reports/daily").json()
    yesterday = (timezone.localdate() - timezone.timedelta(days=1)).isoformat()
    assert body["unit"]["name"] == "城关派出所"
    assert body["from"] == body["to"] == yesterday


def test_a_sibling_stations_report_is_not_found(staff, bureau, api_as):
    response = api_as("chief1").get(f"/api/v1/reports/daily?unit={bureau['白云山派出所'].pk}")
    assert response.status_code == 404


@pytest.mark.parametrize("username", ["officer1", "volunteer1", "duty1", "health1", "auxiliary1"])
def test_only_report_readers_get_the_report(staff, api_as, username):
    assert api_as(username).get("/api/v1/reports/daily").status_code == 403


def test_zones_are_drawn_and_listed_by_unit(staff, bureau, api_as, checkpoints):
    api = api_as("chief1")
    community = bureau["北门社区"]
    response = api.post_json(
        "/api/v1/zones",
        {"unit": community.pk, "level": "sealed", "name": "北门社区3号楼", "geometry": SQUARE},
    )
    assert response.status_code == 201, response.content
    zone = response.json()
    assert zone["level"] == "sealed" and zone["unit"] == community.pk
    assert zone["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[float(x), float(y)] for x, y in SQUARE["coordinates"][0]]],
    }
    assert zone["days_without_case"] == 0 and zone["meets_lifting_rule"] is False

    listed = api.get(f"/api/v1/zones?unit={community.pk}").json()
    assert [z["id"] for z in listed["items"]] == [zone["id"]]
    assert api.get(f"/api/v1/zones?unit={bureau['南关社区'].pk}").json()["items"] == []
    # The bureau reads the station's zone; the sibling station neither lists nor opens it.
    assert [z["id"] for z in api_as("commander").get("/api/v1/zones").json()["items"]] == [
        zone["id"]
    ]
    assert api_as("chief2").get("/api/v1/zones").json()["items"] == []
    assert api_as("chief2").get(f"/api/v1/zones/{zone['id']}").status_code == 404
    assert api_as("chief2").get(f"/api/v1/zones?unit={community.pk}").status_code == 404


@pytest.mark.parametrize(
    "geometry, message",
    [
        ({"type": "Point", "coordinates": [108.9, 34.3]}, "不支持的几何类型"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[108.9, 34.3], [108.91, 34.3], [108.91, 34.31], [108.92, 34.31]]],
            },
            "未闭合",
        ),
        (
            {"type": "Polygon", "coordinates": [[[108.9, 34.3], [108.91, 34.3], [108.9, 34.3]]]},
            "至少需要4个坐标点",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[190, 34.3], [108.91, 34.3], [108.91, 34.31], [190, 34.3]]],
            },
            "经度应在-180至180之间",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[108.9, 95], [108.91, 34.3], [108.91, 34.31], [108.9, 95]]],
            },
            "纬度应在-90至90之间",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[["a", 34.3], [108.91, 34.3], [108.91, 34.31], ["a", 34.3]]],
            },
            "坐标应为数字",
        ),
        ({"type": "Polygon", "coordinates": []}, "至少包含一个环"),
        ("not geojson", "GeoJSON对象"),
    ],
)
def test_a_bad_geojson_gets_a_clear_field_error(staff, bureau, api_as, geometry, message):
    from shouwang.command.models import Zone

    response = api_as("chief1").post_json(
        "/api/v1/zones",
        {"unit": bureau["北门社区"].pk, "level": "sealed", "name": "坏范围", "geometry": geometry},
    )
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert errors[0]["field"] == "geometry"
    assert message in errors[0]["message"]
    assert not Zone.objects.exists()


def test_a_zone_for_a_sibling_unit_is_refused_and_nothing_is_stored(staff, bureau, api_as):
    from shouwang.command.models import Zone

    response = api_as("chief1").post_json(
        "/api/v1/zones",
        {"unit": bureau["白云村"].pk, "level": "controlled", "name": "白云村", "geometry": SQUARE},
    )
    assert response.status_code == 404
    assert (
        api_as("officer1")
        .post_json(
            "/api/v1/zones",
            {
                "unit": bureau["北门社区"].pk,
                "level": "controlled",
                "name": "北门",
                "geometry": SQUARE,
            },
        )
        .status_code
        == 403
    )
    assert not Zone.objects.exists()
