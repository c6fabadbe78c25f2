"""Set-based lists of the day's work: due, overdue, ending; open alerts; sites' occupancy."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from shouwang.units.models import Unit

from ..models import Alert, EpisodeStatus, FollowUp, IsolationEpisode, IsolationSite


def _isolating_followups(user: Any) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.visible_to(user)
        .filter(episode__status=EpisodeStatus.ISOLATING)
        .select_related("episode__person", "episode__unit", "episode__officer", "episode__site")
    )


def _narrowed(followups: QuerySet[FollowUp], officer: Any, unit: Unit | None):
    """To one officer's people, or to a unit (a community, a station) and the units below it."""
    if officer is not None:
        followups = followups.filter(episode__officer=officer)
    if unit is not None:
        followups = followups.filter(episode__unit__path__startswith=unit.path)
    return followups


def followups_due(
    user: Any, on: date, *, officer: Any = None, unit: Unit | None = None
) -> QuerySet[FollowUp]:
    """Follow-ups of isolating people due on `on` and not yet done, in the user's scope."""
    due = _isolating_followups(user).filter(due_date=on, done_at__isnull=True)
    # Ordered by episode so the partial index (due_date, episode_id) serves the first page.
    return _narrowed(due, officer, unit).order_by("episode_id")


def followups_overdue(
    user: Any, today: date, *, officer: Any = None, unit: Unit | None = None
) -> QuerySet[FollowUp]:
    """Days already past with no follow-up done, for people still isolating."""
    overdue = _isolating_followups(user).filter(due_date__lt=today, done_at__isnull=True)
    return _narrowed(overdue, officer, unit).order_by("due_date", "episode_id")


def episodes_ending(user: Any, today: date, *, days: int = 1) -> QuerySet[IsolationEpisode]:
    """Isolating episodes whose planned end falls today or within `days` after it."""
    return (
        IsolationEpisode.objects.visible_to(user)
        .filter(
            status=EpisodeStatus.ISOLATING,
            planned_end__gte=today,
            planned_end__lte=today + timedelta(days=days),
        )
        .select_related("person", "unit", "officer", "site")
        .order_by("planned_end", "id")
    )


def alerts_open(user: Any) -> QuerySet[Alert]:
    return (
        Alert.objects.visible_to(user)
        .filter(acknowledged_at__isnull=True)
        .select_related("person", "unit")
    )


def sites_with_occupancy(user: Any) -> QuerySet[IsolationSite]:
    """Centralised sites in the user's scope with `housed`: people planned or isolating there."""
    housing = Q(episodes__status__in=[EpisodeStatus.PLANNED, EpisodeStatus.ISOLATING])
    return (
        IsolationSite.objects.visible_to(user)
        .select_related("unit")
        .annotate(housed=Count("episodes", filter=housing))
        .order_by("-is_active", "name")
    )
