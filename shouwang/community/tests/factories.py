"""Households, campaigns and visits of the demo bureau's communities, for the tests."""

from datetime import date, timedelta

from django.utils import timezone

from shouwang.people.tests.factories import id_number, xlsx_file

__all__ = ["campaign", "household", "id_number", "visit", "xlsx_file", "IMPORT_HEADERS"]

IMPORT_HEADERS = [
    "社区/村",
    "楼栋",
    "单元",
    "房号",
    "地址",
    "姓名",
    "身份证号",
    "手机号",
    "与户主关系",
    "车牌",
]


def household(actor, unit, building="1号楼", entrance="1单元", room="101", **fields):
    from shouwang.community.services import household_create

    return household_create(
        actor=actor, unit=unit, building=building, entrance=entrance, room=room, **fields
    )


def campaign(actor, units, name="春节入户排查", days_before=3, days_after=10, **fields):
    from shouwang.community.services import campaign_create

    today = timezone.localdate()
    return campaign_create(
        actor=actor,
        name=name,
        starts_on=today - timedelta(days=days_before),
        ends_on=today + timedelta(days=days_after),
        units=units,
        **fields,
    )


def visit(actor, campaign, household, **fields):
    from shouwang.community.services import visit_record

    fields.setdefault("residents_present", 2)
    return visit_record(actor=actor, campaign=campaign, household=household, **fields)


def today() -> date:
    return timezone.localdate()
