"""Reading the roster: posts, people, a week's shifts by day, one's own shifts, hours served."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.units.models import Unit
from shouwang.units.scoping import scope_path_of

from ..models import Post, Shift, Staff, StaffStatus
from ..times import hours_between, local_midnight


def posts_listed(user: Any) -> QuerySet[Post]:
    return Post.objects.visible_to(user).select_related("unit", "checkpoint")


def staff_listed(user: Any) -> QuerySet[Staff]:
    """People of the user's unit and below it, and those seconded to it from elsewhere."""
    path = scope_path_of(user)
    if path is None:
        return Staff.objects.none()
    return Staff.objects.filter(
        Q(unit__path__startswith=path)
        | Q(status=StaffStatus.SECONDED, seconded_to__path__startswith=path)
    ).select_related("unit", "seconded_to", "user")


def staff_assignable(user: Any) -> QuerySet[Staff]:
    return staff_listed(user).filter(is_active=True).order_by("unit__path", "kind", "name", "pk")


def shifts_listed(user: Any) -> QuerySet[Shift]:
    """Live shifts at the posts the user reaches."""
    return (
        Shift.objects.visible_to(user)
        .filter(cancelled_at__isnull=True)
        .select_related("post__unit", "staff__unit")
    )


@dataclass
class RosterDay:
    day: date
    shifts: list[Shift] = field(default_factory=list)


def roster_week(
    user: Any, week_start: date, *, unit: Unit | None = None, post: Post | None = None
) -> list[RosterDay]:
    """The 7 days from `week_start`, each with the shifts starting that (local) day."""
    start, end = local_midnight(week_start), local_midnight(week_start + timedelta(days=7))
    shifts = shifts_listed(user).filter(starts_at__gte=start, starts_at__lt=end)
    if unit is not None:
        shifts = shifts.filter(post__unit__path__startswith=unit.path)
    if post is not None:
        shifts = shifts.filter(post=post)
    days = [RosterDay(week_start + timedelta(days=n)) for n in range(7)]
    for shift in shifts.order_by("starts_at", "post__name", "staff__name", "pk"):
        offset = (timezone.localtime(shift.starts_at).date() - week_start).days
        days[offset].shifts.append(shift)
    return days


def by_local_day(shifts) -> list[tuple[date, list[Shift]]]:
    """Shifts grouped by the local day they start (a template's `regroup` would use UTC days)."""
    days: dict[date, list[Shift]] = {}
    for shift in shifts:
        days.setdefault(timezone.localtime(shift.starts_at).date(), []).append(shift)
    return list(days.items())


def my_staff(user: Any) -> Staff | None:
    return Staff.objects.filter(user=user).select_related("unit").first()


def my_shifts(user: Any, *, now: datetime | None = None, days: int = 14) -> list[Shift]:
    """The user's own live shifts: the one under way and those of the next `days` days."""
    now = now or timezone.now()
    return list(
        Shift.objects.filter(
            staff__user=user,
            cancelled_at__isnull=True,
            ends_at__gt=now,
            starts_at__lt=now + timedelta(days=days),
        )
        .select_related("post__unit", "post__checkpoint")
        .order_by("starts_at", "pk")
    )


@dataclass
class HoursServed:
    staff: Staff
    shifts: int = 0
    hours: float = 0.0
    night_hours: float = 0.0


def _night_hours(start: datetime, end: datetime) -> float:
    """Hours between 22:00 and 06:00 local within [start, end)."""
    total = 0.0
    day = timezone.localtime(start).date() - timedelta(days=1)
    while local_midnight(day) < end:
        night = (
            local_midnight(day) + timedelta(hours=22),
            local_midnight(day) + timedelta(hours=30),
        )
        total += hours_between(max(start, night[0]), min(end, night[1]))
        day += timedelta(days=1)
    return total


def hours_served(
    user: Any, *, date_from: date, date_to: date, unit: Unit | None = None
) -> list[HoursServed]:
    """Per person the user reaches: shifts and hours stood within the local days, both included
    (a shift across the period's edge counts its part inside). Most hours first."""
    start, end = local_midnight(date_from), local_midnight(date_to + timedelta(days=1))
    people = staff_listed(user)
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    rows = {staff.pk: HoursServed(staff) for staff in people}
    totals: dict[int, list] = defaultdict(list)
    shifts = Shift.objects.filter(
        staff_id__in=list(rows), cancelled_at__isnull=True, starts_at__lt=end, ends_at__gt=start
    ).values_list("staff_id", "starts_at", "ends_at")
    for staff_id, shift_start, shift_end in shifts:
        totals[staff_id].append((max(shift_start, start), min(shift_end, end)))
    for staff_id, intervals in totals.items():
        row = rows[staff_id]
        row.shifts = len(intervals)
        row.hours = round(sum(hours_between(s, e) for s, e in intervals), 2)
        row.night_hours = round(sum(_night_hours(s, e) for s, e in intervals), 2)
    return sorted(rows.values(), key=lambda row: (-row.hours, row.staff.name, row.staff.pk))


def hours_period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The days asked for, by default the last 7 up to today; at most a year."""
    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to - timedelta(days=6)
    if date_to < date_from:
        raise ValidationError({"to": _("结束日期不能早于开始日期")})
    if (date_to - date_from).days > 366:
        raise ValidationError({"to": _("一次最多统计一年")})
    return date_from, date_to
