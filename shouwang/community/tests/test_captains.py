"""Building captains: a captain keeps only his buildings' log; the figures count the weeks."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.community.models import ActivityKind, BuildingActivity, BuildingCaptain
from shouwang.community.selectors.captains import captain_figures, my_buildings
from shouwang.community.selectors.weeks import week_start
from shouwang.community.services import (
    activity_record,
    activity_void,
    captain_assign,
    representative_add,
)
from shouwang.conflicts import Conflict

from .factories import household


@pytest.fixture
def buildings(bureau, staff):
    chief = staff["chief1"]
    one = household(chief, bureau["北门社区"], "34号楼", "2单元", "601").building
    two = household(chief, bureau["北门社区"], "35号楼", "1单元", "101").building
    three = household(chief, bureau["南关社区"], "7号楼", "1单元", "101").building
    return one, two, three


def test_a_captain_logs_his_building_and_not_another(buildings, staff):
    one, two, _three = buildings
    captain_assign(actor=staff["chief1"], building=one, officer=staff["officer1"])

    activity_record(
        actor=staff["officer1"],
        building=one,
        kind=ActivityKind.STAIRWELL_DISINFECTION,
        people_count=28,
        note="单元代表完成楼道消毒",
    )
    with pytest.raises(PermissionDenied):
        activity_record(actor=staff["officer1"], building=two, kind=ActivityKind.GROUP_NOTICE)
    with pytest.raises(PermissionDenied):
        activity_record(actor=staff["auxiliary1"], building=one, kind=ActivityKind.GROUP_NOTICE)

    assert list(BuildingActivity.objects.values_list("building", "kind", "people_count")) == [
        (one.pk, ActivityKind.STAIRWELL_DISINFECTION, 28)
    ]


def test_a_captain_voids_only_his_buildings_entries_and_the_chief_any(buildings, staff):
    one, two, _three = buildings
    captain_assign(actor=staff["chief1"], building=one, officer=staff["officer1"])
    captain_assign(actor=staff["chief1"], building=two, officer=staff["auxiliary1"])
    mine = activity_record(actor=staff["officer1"], building=one, kind=ActivityKind.RESIDENT_VISIT)
    theirs = activity_record(
        actor=staff["auxiliary1"], building=two, kind=ActivityKind.ENTRANCE_TEMPERATURE
    )

    with pytest.raises(PermissionDenied):
        activity_void(actor=staff["officer1"], activity=theirs, reason="记错了")
    activity_void(actor=staff["officer1"], activity=mine, reason="记错楼栋")
    activity_void(actor=staff["chief1"], activity=theirs, reason="重复")
    with pytest.raises(Conflict):
        activity_void(actor=staff["chief1"], activity=theirs, reason="重复")

    assert set(BuildingActivity.objects.values_list("void_reason", flat=True)) == {
        "记错楼栋",
        "重复",
    }


def test_a_new_captain_ends_the_previous_assignment(buildings, staff):
    one = buildings[0]
    captain_assign(actor=staff["chief1"], building=one, officer=staff["officer1"])
    captain_assign(actor=staff["chief1"], building=one, officer=staff["auxiliary1"])

    assert list(
        BuildingCaptain.objects.filter(ended_at__isnull=True).values_list(
            "officer__username", flat=True
        )
    ) == ["auxiliary1"]
    with pytest.raises(PermissionDenied):
        activity_record(actor=staff["officer1"], building=one, kind=ActivityKind.GROUP_NOTICE)


def test_only_our_own_officers_may_captain_our_buildings(buildings, staff):
    with pytest.raises(ValidationError):
        captain_assign(actor=staff["chief1"], building=buildings[0], officer=staff["officer2"])
    with pytest.raises(ValidationError):
        captain_assign(actor=staff["chief1"], building=buildings[0], officer=staff["duty1"])
    with pytest.raises(PermissionDenied):
        captain_assign(actor=staff["chief2"], building=buildings[0], officer=staff["officer2"])
    with pytest.raises(PermissionDenied):
        captain_assign(actor=staff["officer1"], building=buildings[0], officer=staff["officer1"])


def test_representatives_are_added_by_the_captain_with_their_phone(buildings, staff):
    one = buildings[0]
    captain_assign(actor=staff["chief1"], building=one, officer=staff["officer1"])
    representative = representative_add(
        actor=staff["officer1"], building=one, entrance="2单元", name="马大姐", phone="13912345678"
    )
    assert (representative.entrance, representative.phone) == ("2单元", "13912345678")
    with pytest.raises(ValidationError) as bad:
        representative_add(actor=staff["officer1"], building=one, name="", phone="123")
    assert set(bad.value.message_dict) == {"name", "phone"}


def test_figures_count_captained_buildings_weekly_work_and_idle_buildings(buildings, staff):
    one, two, three = buildings
    chief = staff["chief1"]
    captain_assign(actor=chief, building=one, officer=staff["officer1"])
    captain_assign(actor=chief, building=three, officer=staff["officer1"])
    today = timezone.localdate()
    monday = week_start(today)
    now = timezone.now()
    activity_record(actor=staff["officer1"], building=one, kind=ActivityKind.GROUP_NOTICE)
    activity_record(
        actor=staff["officer1"],
        building=one,
        kind=ActivityKind.RESIDENT_VISIT,
        happened_at=now - timedelta(days=7),
    )
    voided = activity_record(
        actor=staff["officer1"], building=three, kind=ActivityKind.GROUP_NOTICE
    )
    activity_void(actor=chief, activity=voided, reason="测试")

    figures = captain_figures(chief, today=today)

    assert (figures.buildings, figures.with_captain, figures.captains) == (3, 2, 1)
    assert figures.weeks[-1] == (monday, 1)
    assert figures.weeks[-2] == (monday - timedelta(weeks=1), 1)
    assert figures.idle_this_week == 2
    assert sorted(b.name for b in figures.idle) == ["35号楼", "7号楼"]
    assert figures.by_kind == [(ActivityKind.GROUP_NOTICE, 1)]
    # His phone's list: the building without work this week first.
    assert [line.building.name for line in my_buildings(staff["officer1"])] == ["7号楼", "34号楼"]
    # A sibling station sees none of it.
    assert captain_figures(staff["chief2"], today=today).buildings == 0
