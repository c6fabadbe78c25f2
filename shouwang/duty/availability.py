"""When a person cannot stand a post: on leave, sick or isolating, between his status's dates."""

from datetime import datetime, timedelta

from .models import UNAVAILABLE, Staff
from .times import local_midnight

Window = tuple[datetime | None, datetime | None]


def unavailable_window(staff: Staff) -> Window | None:
    """(from, until) instants of his unavailability (None: open-ended), or None when available.

    Dates are whole local days: sick from the 3rd until the 5th is the 3rd 00:00 to the 6th 00:00.
    """
    if staff.status not in UNAVAILABLE:
        return None
    start = local_midnight(staff.status_from) if staff.status_from else None
    end = local_midnight(staff.status_until + timedelta(days=1)) if staff.status_until else None
    return start, end


def overlaps(window: Window | None, start: datetime, end: datetime) -> bool:
    if window is None:
        return False
    low, high = window
    return (low is None or low < end) and (high is None or high > start)


def available_parts(
    window: Window | None, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The parts of [start, end) outside the window: what a shift still covers."""
    if not overlaps(window, start, end):
        return [(start, end)]
    low, high = window  # type: ignore[misc]
    parts = []
    if low is not None and low > start:
        parts.append((start, low))
    if high is not None and high < end:
        parts.append((high, end))
    return parts
