"""The duty area's records for the role × route table (api/tests/route_world.py)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from shouwang.duty.models import PostKind, StaffKind
from shouwang.duty.services import post_create, shift_assign, staff_create


def duty_objects(unit, maker, place: str) -> dict[str, Any]:
    """A 24 h post of `unit`, a person on its roster and one shift of his there tomorrow."""
    post = post_create(
        actor=maker,
        unit=unit,
        data={
            "name": f"{place}执勤岗",
            "kind": PostKind.CHECKPOINT,
            "required_staff": 2,
            "is_24h": True,
        },
    )
    staff = staff_create(actor=maker, unit=unit, kind=StaffKind.OFFICER, name=f"{place}民警")
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    shift = shift_assign(
        actor=maker, post=post, staff=staff, starts_at=start, ends_at=start + timedelta(hours=8)
    )
    return {"duty_post": post, "duty_staff": staff, "duty_shift": shift}
