"""Making duty records in tests: posts, people and shifts at local times of a future day."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from shouwang.duty.models import PostKind, StaffKind
from shouwang.duty.services import post_create, shift_assign, staff_create


def day(offset: int = 2) -> date:
    """A local day `offset` days from today (in the future, so shifts may be planned on it)."""
    return timezone.localdate() + timedelta(days=offset)


def at(on: date, hour: int, minute: int = 0) -> datetime:
    """A local instant: `at(day(), 26)` is 02:00 the next day."""
    midnight = datetime.combine(on, time(0), tzinfo=timezone.get_current_timezone())
    return midnight + timedelta(hours=hour, minutes=minute)


def make_post(actor, unit, name="东出口卡点岗", required=1, is_24h=True, opens=None, closes=None):
    return post_create(
        actor=actor,
        unit=unit,
        data={
            "name": name,
            "kind": PostKind.CHECKPOINT,
            "required_staff": required,
            "is_24h": is_24h,
            "opens_at": opens,
            "closes_at": closes,
        },
    )


def make_staff(actor, unit, name="李民警", kind=StaffKind.OFFICER, **extra):
    return staff_create(actor=actor, unit=unit, kind=kind, name=name, **extra)


def make_shift(actor, post, staff, start: datetime, end: datetime):
    return shift_assign(actor=actor, post=post, staff=staff, starts_at=start, ends_at=end)
