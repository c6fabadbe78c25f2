"""Reads of the audit trail, each within the reader's jurisdiction (units.scoping)."""

from datetime import datetime
from typing import Any

from axes.models import AccessFailureLog, AccessLog
from django.db.models import QuerySet

from shouwang.accounts.models import User

from .models import AccessEvent


def access_events_visible(user: Any) -> QuerySet[AccessEvent]:
    """Full views and exports of personal data by users of the reader's unit and below."""
    return AccessEvent.objects.visible_to(user)


def access_event_search(
    user: Any, *, actor_username: str = "", target_type: str = ""
) -> QuerySet[AccessEvent]:
    """The events visible to `user`, of one actor (whole username) and one kind of record."""
    events = access_events_visible(user)
    if actor_username:
        events = events.filter(actor_username=actor_username)
    if target_type:
        events = events.filter(target_type=target_type)
    return events


def login_attempts(
    user: Any,
    *,
    actor: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> tuple[list[AccessLog], list[AccessFailureLog]]:
    """Recent sign-ins and failed attempts on the accounts of the reader's unit and below."""
    usernames = User.objects.visible_to(user).values("username")
    found = []
    for model in (AccessLog, AccessFailureLog):
        attempts = model.objects.filter(username__in=usernames)
        if actor:
            attempts = attempts.filter(username__icontains=actor)
        if since:
            attempts = attempts.filter(attempt_time__gte=since)
        if until:
            attempts = attempts.filter(attempt_time__lt=until)
        found.append(list(attempts.order_by("-attempt_time")[:limit]))
    return found[0], found[1]
