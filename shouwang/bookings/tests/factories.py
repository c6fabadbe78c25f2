"""Windows, slots and bookings as the tests need them."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from shouwang.bookings.models import Booking, ServiceSlot, ServiceWindow
from shouwang.bookings.services import booking_create, slots_generate, window_create

ADDRESS = "198.51.100.9"
EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]


def window_at(
    unit, actor, *, name: str = "城关派出所户政窗口", capacity: int = 4, **changes: Any
) -> ServiceWindow:
    data = {
        "name": name,
        "kind": "household",
        "address": "人民路12号",
        "weekdays": EVERY_DAY,
        "periods": [["09:00", "10:00"]],
        "slot_minutes": 30,
        "slot_capacity": capacity,
        **changes,
    }
    return window_create(actor=actor, unit=unit, data=data)


def tomorrow_at(clock: time = time(9, 0)) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return datetime.combine(day, clock, tzinfo=timezone.get_current_timezone())


def slots_of(window: ServiceWindow, actor, days: int = 2) -> list[ServiceSlot]:
    """Tomorrow's and the next days' slots (09:00 and 09:30 each day)."""
    start = timezone.localdate() + timedelta(days=1)
    slots_generate(actor=actor, window=window, start=start, days=days)
    return list(ServiceSlot.objects.filter(window=window).order_by("starts_at"))


def book(slot: ServiceSlot, *, phone: str = "13800138000", name: str = "陈桂兰", **kw) -> Booking:
    return booking_create(
        data={"slot": slot.pk, "name": name, "phone": phone},
        client_address=kw.pop("address", ADDRESS),
        **kw,
    )


def phone(number: int) -> str:
    return f"1370000{number:04d}"
