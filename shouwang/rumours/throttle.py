"""Rate limit of the public rumour check: per client address, counted in the cache as intake
counts its public lookups (a check stores nothing else; one process's count is enough to slow
down someone walking the knowledge base)."""

from datetime import timedelta

from django.core.cache import cache
from django.utils.translation import gettext as _

from shouwang.privacy.fields import blind_index

CHECKS = 60
WINDOW = timedelta(minutes=10)


class RateLimited(Exception):
    """Too many checks: answered with 429 by the API and a message by the page."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def client_key(address: str | None) -> str:
    """The keyed digest of a client address ("" when unknown)."""
    return blind_index(address or "", purpose="rumour_check_client") if address else ""


def count_check(key: str, limit: int | None = None) -> None:
    """Count one check of `key`; RateLimited past `limit` (CHECKS) in the window."""
    if not key:
        return
    limit = CHECKS if limit is None else limit
    cache_key = f"rumours:checks:{key}"
    timeout = int(WINDOW.total_seconds())
    if cache.add(cache_key, 1, timeout=timeout):
        return
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=timeout)
        return
    if count > limit:
        raise RateLimited(_("查询过于频繁，请稍后再试"), timeout)
