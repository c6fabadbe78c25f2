"""Rate limits of residents' submissions: per client address per hour, per phone per day.

Counted from the reports themselves (a keyed digest of the address, the phone's blind index),
so the limit holds across every server process and restart on SQLite and PostgreSQL alike,
with no cache server. Reports the duty desk enters for callers are not counted.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from shouwang.privacy.fields import blind_index

from .models import Report

ADDRESS_WINDOW = timedelta(hours=1)
PHONE_WINDOW = timedelta(days=1)


class RateLimited(Exception):
    """Too many submissions: answered with 429 by the API and a message by the pages."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limits:
    per_address_hour: int
    per_phone_day: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            per_address_hour=settings.SHOUWANG_INTAKE_PER_ADDRESS_HOUR,
            per_phone_day=settings.SHOUWANG_INTAKE_PER_PHONE_DAY,
        )


def client_key(address: str | None) -> str:
    """The keyed digest of a client address ("" when unknown): equal addresses, equal keys."""
    return blind_index(address or "", purpose="intake_client")


def _retry_after(oldest: datetime | None, window: timedelta, now: datetime) -> int:
    if oldest is None:
        return int(window.total_seconds())
    return max(1, int((oldest + window - now).total_seconds()))


def check_address(key: str, now: datetime, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if not key:
        return
    recent = Report.objects.filter(client_key=key, received_at__gt=now - ADDRESS_WINDOW)
    times = list(
        recent.order_by("received_at").values_list("received_at", flat=True)[
            : limits.per_address_hour
        ]
    )
    if len(times) >= limits.per_address_hour:
        raise RateLimited(
            _("提交过于频繁，请稍后再试；紧急情况请直接拨打110"),
            _retry_after(times[0], ADDRESS_WINDOW, now),
        )


def check_phone(phone_index: str, now: datetime, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if not phone_index:
        return
    recent = Report.objects.filter(
        contact_phone_index=phone_index, received_at__gt=now - PHONE_WINDOW
    )
    times = list(
        recent.order_by("received_at").values_list("received_at", flat=True)[: limits.per_phone_day]
    )
    if len(times) >= limits.per_phone_day:
        raise RateLimited(
            _("该手机号今日提交次数已达上限；如需补充情况，请凭查询码查看进度或拨打110"),
            _retry_after(times[0], PHONE_WINDOW, now),
        )


# Looking up unknown codes: counted in the cache (one process's view is enough to slow down
# someone trying codes; the codes themselves are 60 random bits).
LOOKUP_MISSES = 30
LOOKUP_WINDOW = timedelta(minutes=10)


def _lookup_cache_key(key: str) -> str:
    return f"intake:lookup-misses:{key}"


def check_lookups(key: str) -> None:
    from django.core.cache import cache

    if key and cache.get(_lookup_cache_key(key), 0) >= LOOKUP_MISSES:
        raise RateLimited(_("查询过于频繁，请稍后再试"), int(LOOKUP_WINDOW.total_seconds()))


def count_lookup_miss(key: str) -> None:
    from django.core.cache import cache

    if not key:
        return
    cache_key = _lookup_cache_key(key)
    if cache.add(cache_key, 1, timeout=int(LOOKUP_WINDOW.total_seconds())):
        return
    try:
        cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=int(LOOKUP_WINDOW.total_seconds()))
