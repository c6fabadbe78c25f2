"""Zones: the lifting rule (days without a new case), what counts as a new case, the daily
reminder, and the geometry checks as pure functions."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from shouwang.command.models import Zone
from shouwang.command.zones.geometry import contains, geometry_clean
from shouwang.command.zones.selectors import zones_due_for_lifting
from shouwang.command.zones.services import zone_case_report, zone_change_level, zone_create
from shouwang.community.models import HouseholdMember
from shouwang.community.services import member_add
from shouwang.community.tests.factories import household
from shouwang.people.services import watch_record_create
from shouwang.people.tests.factories import id_number, register

from .world import SQUARE


def _zone(staff, bureau, days_ago: int, **data) -> Zone:
    return zone_create(
        actor=staff["chief1"],
        unit=bureau["北门社区"],
        data={
            "name": "北门社区7号楼",
            "level": "sealed",
            "geometry": SQUARE,
            "started_on": timezone.localdate() - timedelta(days=days_ago),
            **data,
        },
    )


@pytest.mark.django_db
def test_a_zone_meets_its_rule_after_n_days_without_a_case(staff, bureau):
    fresh = _zone(staff, bureau, 13, name="甲")
    due = _zone(staff, bureau, 14, name="乙")
    own_rule = _zone(staff, bureau, 8, name="丙", lift_after_days=7)
    assert [zone.name for zone in zones_due_for_lifting(staff["chief1"])] == ["丙", "乙"]
    zone_case_report(
        actor=staff["chief1"],
        zone=due,
        on=timezone.localdate() - timedelta(days=1),
        reason="新增1例",
    )
    assert [zone.name for zone in zones_due_for_lifting(staff["chief1"])] == ["丙"]
    assert fresh.lift_after_days == 14 and own_rule.lift_after_days == 7


@pytest.mark.django_db
def test_a_close_contact_living_in_the_zone_is_a_new_case(staff, bureau):
    zone = _zone(staff, bureau, 20)
    home = household(staff["chief1"], bureau["北门社区"], building="7号楼")
    zone.buildings.add(home.building)
    assert [z.pk for z in zones_due_for_lifting(staff["chief1"])] == [zone.pk]
    number = id_number(sequence="551")
    person = register(staff["chief1"], name="周五", id_number=number)
    member = member_add(actor=staff["chief1"], household=home, name="周五", id_number=number)
    # The member is the registry's person (linked by his ID number, or here by hand).
    HouseholdMember.objects.filter(pk=member.pk).update(person=person)
    watch_record_create(
        actor=staff["chief1"], person=person, reason="close_contact", source="resident_tip"
    )
    assert zones_due_for_lifting(staff["chief1"]) == []


@pytest.mark.django_db
def test_the_daily_job_marks_due_zones_once(staff, bureau):
    zone = _zone(staff, bureau, 15)
    call_command("zones_check_lifting")
    zone.refresh_from_db()
    assert zone.lifting_due_since == timezone.localdate()
    zone_change_level(actor=staff["chief1"], zone=zone, level="controlled", reason="降为管控区")
    zone.refresh_from_db()
    assert zone.lifting_due_since is None and zone.level == "controlled"
    assert zone.history.first().history_change_reason == "降为管控区"


@pytest.mark.django_db
def test_a_sibling_station_cannot_draw_in_another_jurisdiction(staff, bureau):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _zone({"chief1": staff["chief2"]}, bureau, 1)
    assert not Zone.objects.exists()


def test_geometry_accepts_polygons_and_feature_collections():
    assert geometry_clean(SQUARE)["type"] == "Polygon"
    feature = {"type": "Feature", "geometry": SQUARE, "properties": {}}
    assert geometry_clean(feature) == geometry_clean(SQUARE)
    multi = geometry_clean({"type": "FeatureCollection", "features": [feature, feature]})
    assert multi["type"] == "MultiPolygon" and len(multi["coordinates"]) == 2
    assert contains(SQUARE, 108.905, 34.305) and not contains(SQUARE, 108.95, 34.305)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"type": "MultiPolygon", "coordinates": []}, "MultiPolygon应至少包含一个多边形"),
        (
            {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]]]},
            "外边界至少需要3个不同的点",
        ),
        (
            {"type": "Polygon", "coordinates": [[[1, 1, 1, 1], [2, 1], [2, 2], [1, 1]]]},
            "应为[经度, 纬度]",
        ),
        ({"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [True, 1]]]}, "坐标应为数字"),
    ],
)
def test_geometry_errors_say_where(data, message):
    with pytest.raises(ValidationError) as caught:
        geometry_clean(data)
    assert message in caught.value.message_dict["geometry"][0]
