"""Reads of booked services: what residents choose from, and the staff's day and windows."""

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from .codes import normalize_booking_code
from .models import Booking, BookingStatus, ServiceSlot, ServiceWindow

# How far ahead a resident may book.
BOOKING_HORIZON_DAYS = 14


def public_windows() -> QuerySet[ServiceWindow]:
    """Windows open to booking, by unit, with their unit's name."""
    return (
        ServiceWindow.objects.filter(is_active=True, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__path", "name", "id")
    )


def public_window(window_id: Any) -> ServiceWindow | None:
    try:
        return public_windows().filter(pk=int(window_id)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def bookable_days(now: datetime | None = None) -> list[date]:
    today = timezone.localdate(now)
    return [today + timedelta(days=offset) for offset in range(BOOKING_HORIZON_DAYS)]


def public_slots(window: ServiceWindow, day: date, now: datetime | None = None):
    """The window's slots of `day` still to start, with their places (`left` on each)."""
    now = now or timezone.now()
    return ServiceSlot.objects.filter(window=window, day=day, starts_at__gt=now).order_by(
        "starts_at"
    )


def days_with_places(window: ServiceWindow, now: datetime | None = None) -> dict[date, int]:
    """Places left per day within the horizon (days without slots are absent)."""
    now = now or timezone.now()
    days = bookable_days(now)
    rows = (
        ServiceSlot.objects.filter(window=window, starts_at__gt=now, day__lte=days[-1])
        .values("day")
        .annotate(capacity=Sum("capacity"), booked=Sum("booked"))
    )
    return {row["day"]: row["capacity"] - row["booked"] for row in rows}


def booking_by_code(text: str) -> Booking | None:
    """The booking a typed code names (any case, dashes, full-width), or None."""
    code = normalize_booking_code(text)
    if not code:
        return None
    return (
        Booking.objects.select_related("slot", "window", "window__unit").filter(code=code).first()
    )


# --- staff --------------------------------------------------------------------------------------


def windows_listed(user: Any) -> QuerySet[ServiceWindow]:
    return ServiceWindow.objects.visible_to(user).select_related("unit")


def day_bookings(user: Any, day: date, window: ServiceWindow | None = None) -> QuerySet[Booking]:
    """The bookings of `day` in the user's jurisdiction (one window's when given), by time."""
    bookings = (
        Booking.objects.visible_to(user)
        .filter(slot__day=day)
        .select_related("slot", "window", "window__unit", "handled_by")
        .order_by("slot__starts_at", "window__name", "id")
    )
    if window is not None:
        bookings = bookings.filter(window=window)
    return bookings


def day_counts(bookings: QuerySet[Booking]) -> dict[str, int]:
    """How many bookings of each status (one query)."""
    counts = bookings.order_by().aggregate(
        total=Count("pk", filter=~Q(status=BookingStatus.CANCELLED)),
        **{status: Count("pk", filter=Q(status=status)) for status in BookingStatus.values},
    )
    return {name: value or 0 for name, value in counts.items()}


def window_slots(window: ServiceWindow, start: date, days: int) -> QuerySet[ServiceSlot]:
    return ServiceSlot.objects.filter(
        window=window, day__gte=start, day__lt=start + timedelta(days=days)
    ).order_by("starts_at")
