"""Concurrent writes on PostgreSQL: one household per address, one watch record per person
found, one captain per building, coverage counted once per household."""

import pytest
from django.utils import timezone

from shouwang.community.models import BuildingCaptain, CampaignHousehold, Household, Visit
from shouwang.community.services import captain_assign
from shouwang.people.models import Person, WatchRecord
from shouwang.people.tests.factories import WUHAN_DISTRICT
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import campaign, household, id_number

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def _statuses(responses) -> list:
    return sorted(getattr(r, "status_code", repr(r)) for r in responses)


def test_parallel_registrations_of_one_address_make_one_household(bureau, api_as):
    clients = [api_as("officer1") for _ in range(WORKERS)]
    body = {"unit": bureau["北门社区"].pk, "building": "34号楼", "entrance": "2单元", "room": "601"}

    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/households", body))

    assert _statuses(responses) == [201] + [409] * (WORKERS - 1)
    assert Household.objects.count() == 1


def test_parallel_visits_reporting_one_arrival_make_one_watch_record(bureau, staff, api_as):
    home = household(staff["chief1"], bureau["北门社区"])
    drive = campaign(staff["chief1"], [bureau["城关派出所"]])
    clients = [api_as("officer1") for _ in range(WORKERS)]
    body = {
        "campaign": drive.pk,
        "household": home.pk,
        "residents_present": 2,
        "key_area_arrival": {
            "name": "陈晓",
            "id_number": id_number(region=WUHAN_DISTRICT, sequence="711"),
            "from_region_code": "420100",
        },
    }

    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/screening/visits", body))

    assert _statuses(responses) == [201] * WORKERS
    assert Person.objects.count() == 1 and WatchRecord.objects.count() == 1
    assert {r.json()["watch_record"] for r in responses} == {WatchRecord.objects.get().pk}
    row = CampaignHousehold.objects.get()
    assert (row.visits, row.staff_person_times) == (WORKERS, WORKERS)
    assert Visit.objects.count() == WORKERS


def test_parallel_visits_of_one_person_in_two_households_make_one_watch_record(
    bureau, staff, api_as
):
    homes = [household(staff["chief1"], bureau["北门社区"], room=str(n)) for n in range(2)]
    drive = campaign(staff["chief1"], [bureau["城关派出所"]])
    clients = [api_as("officer1") for _ in range(WORKERS)]
    arrival = {
        "name": "陈晓",
        "id_number": id_number(region=WUHAN_DISTRICT, sequence="712"),
        "from_region_code": "湖北武汉",
        "arrived_on": str(timezone.localdate()),
    }

    responses = run_concurrently(
        lambda n: clients[n].post_json(
            "/api/v1/screening/visits",
            {"campaign": drive.pk, "household": homes[n % 2].pk, "key_area_arrival": arrival},
        )
    )

    assert _statuses(responses) == [201] * WORKERS
    assert WatchRecord.objects.count() == 1


def test_parallel_captain_appointments_leave_one_captain(bureau, staff):
    building = household(staff["chief1"], bureau["北门社区"]).building
    officers = [staff["officer1"], staff["auxiliary1"]]

    run_concurrently(
        lambda n: captain_assign(actor=staff["chief1"], building=building, officer=officers[n % 2])
    )

    assert BuildingCaptain.objects.filter(building=building, ended_at__isnull=True).count() == 1
