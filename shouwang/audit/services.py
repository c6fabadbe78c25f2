import ipaddress
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from .models import AccessEvent

MINIMUM_RETENTION_DAYS = 180


def client_address(request: Any) -> str | None:
    """The client's IP address; behind `SHOUWANG_PROXY_COUNT` reverse proxies, the one they saw.

    Only the entries our own proxies appended to X-Forwarded-For are trusted (counted from the
    right); anything further left was written by the client and could name any address.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.SHOUWANG_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies > 0 and len(forwarded) >= proxies:
        candidate = forwarded[-proxies]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return address
    return address


def access_event_record(
    *,
    actor: Any,
    action: str,
    target_type: str,
    target_ids: Iterable[Any],
    fields: Iterable[str] = (),
    reason: str,
    request: Any = None,
) -> AccessEvent:
    ids = [str(target_id) for target_id in target_ids]
    return AccessEvent.objects.create(
        actor=actor,
        actor_username=actor.get_username(),
        actor_unit_path=actor.unit.path if actor.unit_id else "",
        action=action,
        target_type=target_type,
        target_ids=ids,
        record_count=len(ids),
        fields=list(fields),
        reason=reason.strip()[:300],
        ip_address=client_address(request),
    )


def retention_days() -> int:
    days = settings.SHOUWANG_AUDIT_RETENTION_DAYS
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"SHOUWANG_AUDIT_RETENTION_DAYS 不得少于 {MINIMUM_RETENTION_DAYS} 天"
        )
    return days


@transaction.atomic
def audit_prune(*, now=None) -> dict[str, int]:
    """Delete audit rows older than the retention period (never fewer than 180 days)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from simple_history.models import registered_models

    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    deleted = {"access_events": AccessEvent.objects.filter(occurred_at__lt=cutoff).delete()[0]}
    deleted["login_records"] = (
        AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
        + AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    )
    history_deleted = 0
    for model in registered_models.values():
        # A many-to-many history's through model has none of its own: its rows go with the
        # owner's historical rows.
        if hasattr(model, "history"):
            history_deleted += model.history.filter(history_date__lt=cutoff).delete()[0]
    deleted["history"] = history_deleted
    return deleted
