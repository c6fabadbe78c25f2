"""Slowing down password guessing from unfamiliar addresses, without locking anyone out.

An address is *familiar* to an account when the account signed in from it in the last
`FAMILIAR_DAYS` days (axes' access log). Failures from familiar addresses are left to axes
(5 per account and address, then 30 minutes). Failures from unfamiliar addresses are counted per
account and per address; past `ACCOUNT_FREE_FAILURES` (resp. `ADDRESS_FREE_FAILURES`) each next
attempt from an unfamiliar address must wait, 30 s, then 1, 2, 4 … minutes, at most 15, until a
day passes without failure or an administrator unlocks. The password is not even checked while
the attempt must wait, so a guesser spread over any number of addresses gets at most about
a hundred tries a day per account, and the owner is slowed, never shut out; from his own desk,
nothing changes.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessLog
from django.db import transaction
from django.utils import timezone

from .models import LoginThrottle, ThrottleScope

FAMILIAR_DAYS = 90
ACCOUNT_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 20
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=15)
WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Counter:
    scope: str
    value: str
    free_failures: int


def _counters(username: str, address: str | None) -> list[Counter]:
    return [
        Counter(ThrottleScope.ACCOUNT, username.lower()[:150], ACCOUNT_FREE_FAILURES),
        Counter(ThrottleScope.ADDRESS, address or "", ADDRESS_FREE_FAILURES),
    ]


def delay_after(failures: int, free_failures: int) -> timedelta:
    """How long the next unfamiliar attempt waits after `failures` recent failures."""
    if failures < free_failures:
        return timedelta(0)
    doublings = min(failures - free_failures, 10)
    return min(FIRST_DELAY * 2**doublings, LONGEST_DELAY)


def address_is_familiar(username: str, address: str | None, *, now: datetime) -> bool:
    if not address:
        return False
    return AccessLog.objects.filter(
        username__iexact=username,
        ip_address=address,
        attempt_time__gte=now - timedelta(days=FAMILIAR_DAYS),
    ).exists()


@transaction.atomic
def login_wait(*, username: str, address: str | None, now: datetime | None = None) -> timedelta:
    """How long this attempt must wait (zero: go ahead, and the next one is spaced out).

    The rows are locked and the next slot reserved here, before the password is checked, so
    that a burst of parallel guesses gets one try, not one each.
    """
    now = now or timezone.now()
    if address_is_familiar(username, address, now=now):
        return timedelta(0)
    rows = []
    for counter in _counters(username, address):
        row = (
            LoginThrottle.objects.select_for_update()
            .filter(scope=counter.scope, value=counter.value, last_failure_at__gte=now - WINDOW)
            .first()
        )
        if row is None or row.failures < counter.free_failures:
            continue
        if row.next_attempt_at is not None and row.next_attempt_at > now:
            return row.next_attempt_at - now
        rows.append((row, counter))
    for row, counter in rows:
        row.next_attempt_at = now + delay_after(row.failures, counter.free_failures)
        row.save(update_fields=["next_attempt_at"])
    return timedelta(0)


@transaction.atomic
def login_failure_record(*, username: str, address: str | None, now: datetime | None = None):
    """Count a wrong password given from an unfamiliar address."""
    now = now or timezone.now()
    if address_is_familiar(username, address, now=now):
        return
    LoginThrottle.objects.filter(last_failure_at__lt=now - WINDOW).delete()
    for counter in _counters(username, address):
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            scope=counter.scope,
            value=counter.value,
            defaults={"failures": 0, "last_failure_at": now},
        )
        row.failures += 1
        row.last_failure_at = now
        delay = delay_after(row.failures, counter.free_failures)
        if delay:
            row.next_attempt_at = max(row.next_attempt_at or now, now + delay)
        row.save()


def account_slowdown_clear(*, username: str) -> int:
    """Forget the account's failures (an administrator unlocked it); returns rows removed."""
    return LoginThrottle.objects.filter(
        scope=ThrottleScope.ACCOUNT, value=username.lower()[:150]
    ).delete()[0]
