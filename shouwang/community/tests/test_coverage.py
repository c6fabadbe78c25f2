"""Coverage arithmetic: households visited once however often, people seen, person-times, moves."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from shouwang.community.models import CampaignHousehold, ScreeningPoint, Visit
from shouwang.community.selectors.coverage import campaign_coverage
from shouwang.community.services import (
    Finding,
    building_move,
    coverage_rebuild,
    household_move,
    point_create,
)
from shouwang.people.models import WatchReason

from .factories import campaign, household, visit


@pytest.fixture
def world(bureau, staff):
    chief = staff["chief1"]
    north, south = bureau["北门社区"], bureau["南关社区"]
    homes = {
        "n1": household(chief, north, "1号楼", "1单元", "101"),
        "n2": household(chief, north, "1号楼", "1单元", "102"),
        "n3": household(chief, north, "2号楼", "", "201"),
        "s1": household(chief, south, "5号楼", "1单元", "101"),
    }
    drive = campaign(staff["commander"], [bureau["清河县公安局"]])
    return {"north": north, "south": south, "homes": homes, "campaign": drive}


def _figures(coverage):
    return {
        "total": coverage.households_total,
        "visited": coverage.households_visited,
        "seen": coverage.people_seen,
        "times": coverage.staff_person_times,
        "visits": coverage.visits,
    }


def test_a_household_visited_twice_counts_once_and_its_latest_residents_are_the_people_seen(
    world, staff
):
    officer, auxiliary = staff["officer1"], staff["auxiliary1"]
    homes, drive = world["homes"], world["campaign"]
    now = timezone.now()
    visit(officer, drive, homes["n1"], visited_at=now - timedelta(hours=5), residents_present=3)
    visit(
        officer,
        drive,
        homes["n1"],
        visited_at=now - timedelta(hours=1),
        residents_present=4,
        visitors=[officer, auxiliary],
    )
    visit(auxiliary, drive, homes["s1"], residents_present=1)

    coverage = campaign_coverage(drive, user=staff["chief1"])

    assert _figures(coverage) == {"total": 4, "visited": 2, "seen": 5, "times": 4, "visits": 3}
    assert coverage.percent == 50
    # The board: least covered community first (北门 1 of 3, then 南关 1 of 1).
    assert [
        (row.name, row.households_visited, row.households_total) for row in coverage.by_unit
    ] == [
        ("北门社区", 1, 3),
        ("南关社区", 1, 1),
    ]


def test_an_earlier_visit_recorded_late_does_not_replace_the_latest_residents(world, staff):
    officer = staff["officer1"]
    homes, drive = world["homes"], world["campaign"]
    now = timezone.now()
    visit(officer, drive, homes["n1"], visited_at=now - timedelta(hours=1), residents_present=4)
    visit(officer, drive, homes["n1"], visited_at=now - timedelta(hours=9), residents_present=1)

    assert campaign_coverage(drive, user=officer).people_seen == 4


def test_coverage_of_one_community_counts_only_its_households(world, staff):
    visit(staff["officer1"], world["campaign"], world["homes"]["n1"])

    coverage = campaign_coverage(world["campaign"], user=staff["chief1"], unit=world["south"])

    assert (coverage.households_total, coverage.households_visited) == (1, 0)


def test_a_household_moved_to_another_community_takes_its_visit_along(world, staff):
    homes, drive = world["homes"], world["campaign"]
    fever = Finding(reason=WatchReason.FEVER, name="王婆婆")
    visit(staff["officer1"], drive, homes["n2"], residents_present=2, findings=[fever])
    south_building = homes["s1"].building

    household_move(
        actor=staff["chief1"],
        household=homes["n2"],
        building=south_building,
        entrance="1单元",
        room="102",
    )

    north = campaign_coverage(drive, user=staff["chief1"], unit=world["north"])
    south = campaign_coverage(drive, user=staff["chief1"], unit=world["south"])
    assert (north.households_total, north.households_visited, north.people_seen) == (2, 0, 0)
    assert (south.households_total, south.households_visited, south.people_seen) == (2, 1, 2)
    assert (north.watched_found, south.watched_found) == (0, 1)
    assert Visit.objects.get().unit == world["south"]


def test_a_building_moved_out_of_the_campaign_leaves_its_coverage(bureau, staff, world):
    chief = staff["chief1"]
    homes = world["homes"]
    # A campaign of 北门 alone; building 2 is redrawn into 南关.
    drive = campaign(chief, [world["north"]], name="北门排查")
    visit(staff["officer1"], drive, homes["n3"])
    visit(staff["officer1"], drive, homes["n1"])

    building_move(actor=chief, building=homes["n3"].building, unit=world["south"])

    coverage = campaign_coverage(drive, user=chief)
    assert (coverage.households_total, coverage.households_visited) == (2, 1)
    assert coverage.households_visited <= coverage.households_total


def test_a_visitor_of_a_sibling_station_is_refused_and_nothing_is_counted(world, staff):
    with pytest.raises(ValidationError) as refused:
        visit(
            staff["officer1"],
            world["campaign"],
            world["homes"]["n1"],
            visitors=[staff["officer1"], staff["officer2"]],
        )
    assert "visitors" in refused.value.message_dict
    assert not Visit.objects.exists() and not CampaignHousehold.objects.exists()


def test_a_sibling_station_officer_may_not_visit_our_households(world, staff):
    with pytest.raises(PermissionDenied):
        visit(staff["officer2"], world["campaign"], world["homes"]["n1"])
    assert not Visit.objects.exists()


def test_a_sibling_station_may_not_read_our_community_coverage(world, staff):
    with pytest.raises(Http404):
        campaign_coverage(world["campaign"], user=staff["chief2"], unit=world["north"])


def test_a_visit_outside_the_campaign_period_or_targets_is_refused(bureau, staff, world):
    chief = staff["chief1"]
    drive = campaign(chief, [world["north"]], name="北门排查")
    with pytest.raises(ValidationError) as outside:
        visit(staff["officer1"], drive, world["homes"]["s1"])
    assert "household" in outside.value.message_dict
    with pytest.raises(ValidationError) as early:
        visit(
            staff["officer1"],
            drive,
            world["homes"]["n1"],
            visited_at=timezone.now() - timedelta(days=30),
        )
    assert "visited_at" in early.value.message_dict


def test_visits_per_point_count_visits_and_person_times(world, staff):
    chief, officer = staff["chief1"], staff["officer1"]
    drive = world["campaign"]
    point = point_create(
        actor=chief, campaign=drive, unit=world["north"], name="北门排查点", staff=[officer]
    )
    visit(officer, drive, world["homes"]["n1"])  # the officer's own point is found
    visit(chief, drive, world["homes"]["n2"], point=point, visitors=[chief, officer])
    visit(chief, drive, world["homes"]["s1"])  # no point

    point.refresh_from_db()
    assert (point.visit_count, point.staff_person_times) == (2, 3)
    coverage = campaign_coverage(drive, user=chief)
    assert [(p.name, p.visits, p.staff_person_times, p.staff) for p in coverage.by_point] == [
        ("北门排查点", 2, 3, 1)
    ]


def test_kept_coverage_equals_coverage_recounted_from_the_visits(world, staff):
    homes, drive = world["homes"], world["campaign"]
    officer, auxiliary, chief = staff["officer1"], staff["auxiliary1"], staff["chief1"]
    point = point_create(actor=chief, campaign=drive, unit=world["north"], name="点一")
    now = timezone.now()
    for hours, home, who, present in [
        (8, "n1", [officer], 3),
        (7, "n1", [officer, auxiliary], 2),
        (6, "n2", [auxiliary], 0),
        (5, "s1", [chief, officer, auxiliary], 5),
        (9, "s1", [chief], 1),
        (1, "n3", [officer], 4),
    ]:
        visit(
            who[0],
            drive,
            homes[home],
            visitors=who,
            residents_present=present,
            visited_at=now - timedelta(hours=hours),
            point=point if home.startswith("n") else None,
        )
    household_move(
        actor=chief,
        household=homes["n3"],
        building=homes["s1"].building,
        entrance="2单元",
        room="1",
    )
    kept = sorted(
        CampaignHousehold.objects.values_list(
            "household_id", "unit_id", "visits", "staff_person_times", "residents_present"
        )
    )
    kept_points = list(ScreeningPoint.objects.values_list("visit_count", "staff_person_times"))

    coverage_rebuild()

    assert (
        sorted(
            CampaignHousehold.objects.values_list(
                "household_id", "unit_id", "visits", "staff_person_times", "residents_present"
            )
        )
        == kept
    )
    assert list(ScreeningPoint.objects.values_list("visit_count", "staff_person_times")) == (
        kept_points
    )
    assert kept_points == [(4, 5)]
    assert _figures(campaign_coverage(drive, user=chief)) == {
        "total": 4,
        "visited": 4,
        "seen": 2 + 0 + 5 + 4,
        "times": 1 + 2 + 1 + 3 + 1 + 1,
        "visits": 6,
    }
