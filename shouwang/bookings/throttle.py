"""Rate limits of residents' bookings: per client address per hour, and active bookings per phone.

Counted from the bookings themselves (a keyed digest of the address, the phone's blind index),
so the limits hold across processes with no cache server, as intake's do; looking up unknown
codes is slowed down by intake's miss counter (`intake.throttle.check_lookups`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from shouwang.intake.throttle import (
    RateLimited,
    check_lookups,
    client_key,
    count_lookup_miss,
)

from .models import Booking, BookingStatus

__all__ = [
    "RateLimited",
    "check_address",
    "check_lookups",
    "check_phone",
    "client_key",
    "count_lookup_miss",
]

ADDRESS_WINDOW = timedelta(hours=1)


def per_address_hour() -> int:
    return getattr(settings, "SHOUWANG_BOOKINGS_PER_ADDRESS_HOUR", 20)


def active_per_phone() -> int:
    return getattr(settings, "SHOUWANG_BOOKINGS_ACTIVE_PER_PHONE", 3)


def check_address(key: str, now: datetime) -> None:
    if not key:
        return
    limit = per_address_hour()
    recent = Booking.objects.filter(client_key=key, created_at__gt=now - ADDRESS_WINDOW)
    times = list(recent.order_by("created_at").values_list("created_at", flat=True)[:limit])
    if len(times) >= limit:
        retry = max(1, int((times[0] + ADDRESS_WINDOW - now).total_seconds()))
        raise RateLimited(_("预约过于频繁，请稍后再试"), retry)


def check_phone(phone_index: str, now: datetime) -> None:
    """A phone holds at most a few bookings still to come: enough for a family, not a tout."""
    if not phone_index:
        return
    limit = active_per_phone()
    active = Booking.objects.filter(
        phone_index=phone_index, status=BookingStatus.BOOKED, slot__starts_at__gt=now
    )
    if active.count() >= limit:
        raise RateLimited(
            _("该手机号已有%(count)d个未办理的预约，请办理或取消后再预约") % {"count": limit},
            int(timedelta(hours=1).total_seconds()),
        )
