"""The coverage check: every stretch of time a post is open with fewer people than it needs.

Exact to the minute, not cut at midnight: the live shifts of each post (less the time their
people are on leave, sick or isolating) are swept against its opening hours; a stretch where
fewer stand than required is a gap, consecutive hours with the same shortfall one gap. Two
queries whatever the number of posts and shifts.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.units.models import Unit

from ..availability import available_parts, unavailable_window
from ..models import Post, Shift
from ..times import EARLIEST, LATEST, at_local, aware, this_hour

DEFAULT_SPAN = timedelta(days=7)
MAX_SPAN = timedelta(days=31)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class CoverageGap:
    """A post open from `starts_at` to `ends_at` (end excluded) with `assigned` < `required`."""

    post: Post
    starts_at: datetime
    ends_at: datetime
    required: int
    assigned: int

    @property
    def missing(self) -> int:
        return self.required - self.assigned

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


def coverage_period(start: datetime | None, end: datetime | None) -> Interval:
    """The period asked for, by default the next 7 days from this hour; at most 31 days."""
    start = aware(start) if start is not None else this_hour()
    end = aware(end) if end is not None else start + DEFAULT_SPAN
    if not EARLIEST <= start.date() <= LATEST or not EARLIEST <= end.date() <= LATEST:
        raise ValidationError({"from": _("日期超出范围（2019年至2099年）")})
    if end <= start:
        raise ValidationError({"to": _("结束时间应晚于开始时间")})
    if end - start > MAX_SPAN:
        raise ValidationError({"to": _("一次最多检查31天")})
    return start, end


def opening_windows(post: Post, start: datetime, end: datetime) -> list[Interval]:
    """When the post is open within [start, end): all of it for a 24 h post, else its hours
    each local day (a post open 20:00–08:00 is one window across midnight)."""
    if post.is_24h:
        return [(start, end)]
    windows = []
    day = timezone.localtime(start).date() - timedelta(days=1)
    last = timezone.localtime(end).date()
    while day <= last:
        opens = at_local(day, post.opens_at)
        closes = at_local(day, post.closes_at)
        if closes <= opens:
            closes = at_local(day + timedelta(days=1), post.closes_at)
        low, high = max(opens, start), min(closes, end)
        if low < high:
            windows.append((low, high))
        day += timedelta(days=1)
    return windows


def _gaps_of(post: Post, windows: list[Interval], stood: list[Interval]) -> list[CoverageGap]:
    """Sweep the people standing (`stood`) over the post's windows."""
    changes: dict[datetime, int] = defaultdict(int)
    for low, high in stood:
        changes[low] += 1
        changes[high] -= 1
    gaps: list[CoverageGap] = []
    for low, high in windows:
        points = sorted({low, high, *(t for t in changes if low < t < high)})
        count = sum(1 for s, e in stood if s <= low < e)  # standing as the window opens
        for here, after in zip(points, points[1:], strict=False):
            if here != low:
                count += changes.get(here, 0)
            if count >= post.required_staff:
                continue
            previous = gaps[-1] if gaps else None
            if previous and previous.ends_at == here and previous.assigned == count:
                gaps[-1] = CoverageGap(post, previous.starts_at, after, post.required_staff, count)
            else:
                gaps.append(CoverageGap(post, here, after, post.required_staff, count))
    return gaps


def coverage_gaps(
    *,
    actor,
    start: datetime | None = None,
    end: datetime | None = None,
    unit: Unit | None = None,
    posts=None,
) -> list[CoverageGap]:
    """Every gap of the active posts the actor reaches (within `unit` when given; only `posts`
    when given), from `start` to `end` (default: the next 7 days from this hour), in order of
    start then post. The command dashboard calls this."""
    start, end = coverage_period(start, end)
    queryset = Post.objects.visible_to(actor).filter(is_active=True).select_related("unit")
    if unit is not None:
        queryset = queryset.filter(unit__path__startswith=unit.path)
    if posts is not None:
        queryset = queryset.filter(pk__in=[getattr(post, "pk", post) for post in posts])
    found = {post.pk: post for post in queryset}
    if not found:
        return []
    stood: dict[int, list[Interval]] = defaultdict(list)
    shifts = Shift.objects.filter(
        post_id__in=list(found), cancelled_at__isnull=True, starts_at__lt=end, ends_at__gt=start
    ).select_related("staff")
    for shift in shifts:
        clipped = (max(shift.starts_at, start), min(shift.ends_at, end))
        stood[shift.post_id].extend(available_parts(unavailable_window(shift.staff), *clipped))
    gaps = []
    for post in found.values():
        gaps.extend(_gaps_of(post, opening_windows(post, start, end), stood[post.pk]))
    gaps.sort(key=lambda gap: (gap.starts_at, gap.post.unit.path, gap.post.name, gap.post.pk))
    return gaps
