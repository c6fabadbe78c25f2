"""The outreach area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from shouwang.accounts.roles import Capability
from shouwang.outreach.models import Bulletin, ResidentGroup
from shouwang.outreach.services import bulletin_create, group_create


def outreach_objects(unit, maker, place: str) -> dict[str, Any]:
    """A draft bulletin of `unit` drafted by `maker`, and a resident group of `unit`; made
    through the services when `maker` may, else stored directly."""
    bulletin = (
        bulletin_create(actor=maker, unit=unit, title=f"{place}防疫提示", body="勤洗手，戴口罩。")
        if maker.has_capability(Capability.DRAFT_BULLETINS)
        else Bulletin.objects.create(unit=unit, title=f"{place}防疫提示", body="勤洗手。")
    )
    if maker.has_capability(Capability.MANAGE_RESIDENT_GROUPS):
        group = group_create(
            actor=maker, unit=unit, data={"name": f"{place}警民联系群"}, member_count=450
        )
    else:
        group = ResidentGroup.objects.create(unit=unit, name=f"{place}警民联系群", member_count=450)
    return {"bulletin": bulletin, "resident_group": group}
