"""The community API as the issue's interface fixes it: paths, keys and status codes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.community.models import Household, Visit
from shouwang.community.services import captain_assign
from shouwang.people.models import WatchRecord
from shouwang.people.tests.factories import WUHAN_DISTRICT

from .factories import campaign, household, id_number, visit

ARRIVAL_ID = id_number(region=WUHAN_DISTRICT, sequence="611")


def _household_body(bureau, **fields):
    return {
        "unit": bureau["北门社区"].pk,
        "building": "34号楼",
        "entrance": "2单元",
        "room": "601",
        "members": [{"name": "张三", "id_number": id_number(sequence="612"), "relation": "户主"}],
        **fields,
    }


def test_post_households_creates_and_answers_409_with_the_existing_id(bureau, api_as):
    client = api_as("officer1")
    created = client.post_json("/api/v1/households", _household_body(bureau))
    assert created.status_code == 201
    body = created.json()
    assert (body["building_name"], body["entrance"], body["room"]) == ("34号楼", "2单元", "601")
    assert (
        body["members"][0]["id_number"]
        == "610824********6127"[:6] + body["members"][0]["id_number"][6:]
    )
    assert "*" in body["members"][0]["id_number"]

    again = client.post_json("/api/v1/households", _household_body(bureau, members=[]))
    assert again.status_code == 409
    assert again.json()["id"] == body["id"]
    assert Household.objects.count() == 1


def test_household_errors_are_field_level_422(bureau, api_as):
    response = api_as("officer1").post_json(
        "/api/v1/households",
        _household_body(bureau, room="", members=[{"name": "李四", "id_number": "123"}]),
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"room", "members.0.id_number"} <= fields


def test_get_households_filters_by_unit_and_building_with_few_queries(bureau, staff, api_as):
    chief = staff["chief1"]
    for room in range(1, 8):
        household(
            chief,
            bureau["北门社区"],
            "1号楼",
            "",
            str(room),
            members=[{"name": "甲"}, {"name": "乙"}],
        )
    other = household(chief, bureau["南关社区"], "9号楼", "", "1")
    client = api_as("officer1")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/households?unit={bureau['北门社区'].pk}")
    assert response.status_code == 200
    assert response.json()["count"] == 7
    assert len(queries) <= 8

    by_building = client.get(f"/api/v1/households?building={other.building_id}").json()
    assert [item["id"] for item in by_building["items"]] == [other.pk]


def test_a_campaign_its_visits_and_its_coverage_through_the_api(bureau, staff, api_as):
    home = household(staff["chief1"], bureau["北门社区"])
    household(staff["chief1"], bureau["南关社区"])
    chief, officer = api_as("chief1"), api_as("officer1")
    today = timezone.localdate()
    created = chief.post_json(
        "/api/v1/screening/campaigns",
        {
            "name": "城关入户排查",
            "starts_on": str(today - timedelta(days=1)),
            "ends_on": str(today + timedelta(days=7)),
            "units": [bureau["城关派出所"].pk],
        },
    )
    assert created.status_code == 201
    campaign_id = created.json()["id"]
    body = {
        "campaign": campaign_id,
        "household": home.pk,
        "visited_at": timezone.now().isoformat(),
        "visitors": [staff["officer1"].pk, staff["auxiliary1"].pk],
        "residents_present": 3,
        "key_area_arrival": {
            "name": "陈晓",
            "id_number": ARRIVAL_ID,
            "from_region_code": "420100",
            "arrived_on": str(today - timedelta(days=2)),
        },
    }

    first = officer.post_json("/api/v1/screening/visits", body)
    second = officer.post_json("/api/v1/screening/visits", {**body, "visitors": []})

    assert first.status_code == second.status_code == 201
    record = WatchRecord.objects.get()
    assert first.json()["watch_record"] == second.json()["watch_record"] == record.pk
    coverage = officer.get(f"/api/v1/screening/campaigns/{campaign_id}/coverage").json()
    assert {
        key: coverage[key]
        for key in (
            "households_total",
            "households_visited",
            "people_seen",
            "watched_found",
            "staff_person_times",
        )
    } == {
        "households_total": 2,
        "households_visited": 1,
        "people_seen": 3,
        "watched_found": 1,
        "staff_person_times": 3,
    }
    assert [
        (row["unit_name"], row["households_total"], row["households_visited"])
        for row in coverage["by_unit"]
    ] == [
        ("南关社区", 1, 0),
        ("北门社区", 1, 1),
    ]
    north = officer.get(
        f"/api/v1/screening/campaigns/{campaign_id}/coverage?unit={bureau['北门社区'].pk}"
    ).json()
    assert (north["households_total"], north["households_visited"]) == (1, 1)


def test_a_visit_naming_a_sibling_stations_officer_is_a_422(bureau, staff, api_as):
    home = household(staff["chief1"], bureau["北门社区"])
    drive = campaign(staff["chief1"], [bureau["城关派出所"]])
    response = api_as("officer1").post_json(
        "/api/v1/screening/visits",
        {"campaign": drive.pk, "household": home.pk, "visitors": [staff["officer2"].pk]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "visitors"
    assert not Visit.objects.exists()


def test_buildings_captain_me_and_activities(bureau, staff, api_as):
    one = household(staff["chief1"], bureau["北门社区"], "1号楼").building
    household(staff["chief1"], bureau["北门社区"], "2号楼")
    captain_assign(actor=staff["chief1"], building=one, officer=staff["officer1"])
    client = api_as("officer1")

    mine = client.get("/api/v1/buildings?captain=me").json()
    assert [item["name"] for item in mine["items"]] == ["1号楼"]
    assert mine["items"][0]["captain"] == staff["officer1"].pk

    logged = client.post_json(
        f"/api/v1/buildings/{one.pk}/activities",
        {"kind": "stairwell_disinfection", "people_count": 28, "note": "单元代表消毒"},
    )
    assert logged.status_code == 201
    assert logged.json()["kind_label"] == "楼道消毒"
    refused = api_as("auxiliary1").post_json(
        f"/api/v1/buildings/{one.pk}/activities", {"kind": "other"}
    )
    assert refused.status_code == 403
    bad = client.post_json(f"/api/v1/buildings/{one.pk}/activities", {"kind": "dance"})
    assert bad.status_code == 422

    figures = client.get("/api/v1/stats/buildings").json()
    assert (figures["buildings"], figures["with_captain"], figures["idle_this_week"]) == (2, 1, 1)
    assert figures["weeks"][-1]["activities"] == 1


@pytest.mark.parametrize("username", ["officer2", "chief2"])
def test_a_sibling_station_finds_nothing_of_ours(bureau, staff, api_as, username):
    home = household(staff["chief1"], bureau["北门社区"])
    drive = campaign(staff["chief1"], [bureau["城关派出所"]])
    visit(staff["officer1"], drive, home)
    client = api_as(username)

    assert client.get(f"/api/v1/households/{home.pk}").status_code == 404
    assert client.get("/api/v1/households").json()["count"] == 0
    assert client.get(f"/api/v1/screening/campaigns/{drive.pk}/coverage").status_code == 404
    assert client.get(f"/api/v1/buildings/{home.building_id}/activities").status_code == 404
    assert client.get("/api/v1/screening/visits").json()["count"] == 0
    posted = client.post_json(
        "/api/v1/screening/visits", {"campaign": drive.pk, "household": home.pk}
    )
    assert posted.status_code == 404
    assert Visit.objects.count() == 1
