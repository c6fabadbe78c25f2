"""The community records of the role × route world (shouwang/api/tests/route_world.py): a
household, its building, a campaign, a log entry and an import at each station.

The bureau above makes none: households live in communities and villages, and a campaign the
bureau launches is read by its stations on purpose (like key areas), so it is not "hidden".
The buildings have no captain: only a manager may write their log (route_table's rule).
"""

from typing import Any

from django.utils import timezone

from .factories import IMPORT_HEADERS, xlsx_file

COMMUNITY = {"own": "北门社区", "sibling": "白云村"}


def community_objects(place: str, bureau, chief) -> dict[str, Any]:
    from shouwang.community.services import (
        activity_record,
        campaign_create,
        household_create,
        household_import_create,
        visit_record,
    )

    if place not in COMMUNITY:
        return {}
    unit = bureau[COMMUNITY[place]]
    household = household_create(
        actor=chief,
        unit=unit,
        building="1号楼",
        entrance="1单元",
        room="101",
        members=[{"name": f"{place}住户"}],
    )
    today = timezone.localdate()
    campaign = campaign_create(
        actor=chief, name=f"{place}排查", starts_on=today, ends_on=today, units=[chief.unit]
    )
    visit = visit_record(actor=chief, campaign=campaign, household=household)
    activity = activity_record(actor=chief, building=household.building, kind="group_notice")
    rows = [[unit.name, "2号楼", "", "201", "", "", "", "", "", ""]]
    job = household_import_create(
        actor=chief, filename="住户.xlsx", content=xlsx_file(rows, headers=IMPORT_HEADERS)
    )
    return {
        "household": household,
        "household_member": household.members.get(),
        "visit": visit,
        "building": household.building,
        "campaign": campaign,
        "activity": activity,
        "household_import": job,
    }
