"""Reads of buildings and their captains: lists, a captain's own buildings, the figures."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from shouwang.shell.listing import filtered

from ..filters import BuildingFilter
from ..models import Building, BuildingActivity, BuildingCaptain, BuildingRepresentative, Household
from .weeks import week_start

WEEKS_SHOWN = 8
IDLE_SHOWN = 20


def buildings_listed(user: Any) -> QuerySet[Building]:
    return Building.objects.visible_to(user).select_related("unit").order_by("unit__path", "name")


def building_search(user: Any, **params: Any) -> QuerySet[Building]:
    return filtered(BuildingFilter, buildings_listed(user), params, user=user)


def current_captains(buildings: list[Building]) -> dict[int, BuildingCaptain]:
    return {
        captain.building_id: captain
        for captain in BuildingCaptain.objects.filter(
            building__in=buildings, ended_at__isnull=True
        ).select_related("officer")
    }


@dataclass
class BuildingLine:
    """A building as a list shows it."""

    building: Building
    captain: Any = None
    households: int = 0
    week_activities: int = 0
    last_activity: Any = None


def building_lines(buildings: list[Building], today: date | None = None) -> list[BuildingLine]:
    """The page's buildings with their captain, households and this week's work: 3 queries."""
    monday = week_start(today or timezone.localdate())
    ids = [building.pk for building in buildings]
    captains = current_captains(buildings)
    households = dict(
        Household.objects.filter(building_id__in=ids)
        .order_by()
        .values("building_id")
        .annotate(n=Count("id"))
        .values_list("building_id", "n")
    )
    work = {
        row["building_id"]: row
        for row in BuildingActivity.objects.filter(building_id__in=ids, voided_at__isnull=True)
        .order_by()
        .values("building_id")
        .annotate(week=Count("id", filter=Q(happened_on__gte=monday)), last=Max("happened_at"))
    }
    return [
        BuildingLine(
            building,
            captains.get(building.pk),
            households.get(building.pk, 0),
            work.get(building.pk, {}).get("week", 0),
            work.get(building.pk, {}).get("last"),
        )
        for building in buildings
    ]


def my_buildings(user: Any) -> list[BuildingLine]:
    """The buildings the user captains, those without work this week first."""
    buildings = list(
        Building.objects.visible_to(user)
        .filter(captains__officer=user, captains__ended_at__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    lines = building_lines(buildings)
    return sorted(lines, key=lambda line: (line.week_activities > 0, line.building.unit.path))


@dataclass
class CaptainFigures:
    buildings: int = 0
    with_captain: int = 0
    captains: int = 0
    representatives: int = 0
    idle_this_week: int = 0
    idle: list[Building] = field(default_factory=list)
    weeks: list[tuple[date, int]] = field(default_factory=list)  # (Monday, activities)
    by_kind: list[tuple[str, int]] = field(default_factory=list)  # this week


def captain_figures(user: Any, *, today: date | None = None) -> CaptainFigures:
    """Buildings with a captain, activities per week, buildings without work this week."""
    today = today or timezone.localdate()
    monday = week_start(today)
    first = monday - timedelta(weeks=WEEKS_SHOWN - 1)
    buildings = Building.objects.visible_to(user)
    figures = CaptainFigures(buildings=buildings.count())
    captained = BuildingCaptain.objects.visible_to(user).filter(ended_at__isnull=True)
    figures.with_captain = captained.values("building_id").distinct().count()
    figures.captains = captained.values("officer_id").distinct().count()
    figures.representatives = (
        BuildingRepresentative.objects.visible_to(user).filter(ended_at__isnull=True).count()
    )
    activities = BuildingActivity.objects.visible_to(user).filter(
        voided_at__isnull=True, happened_on__gte=first, happened_on__lte=today
    )
    per_day = dict(
        activities.order_by()
        .values("happened_on")
        .annotate(n=Count("id"))
        .values_list("happened_on", "n")
    )
    figures.weeks = [
        (start, sum(n for day, n in per_day.items() if start <= day < start + timedelta(days=7)))
        for start in (first + timedelta(weeks=w) for w in range(WEEKS_SHOWN))
    ]
    this_week = activities.filter(happened_on__gte=monday)
    figures.by_kind = list(
        this_week.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    idle = buildings.exclude(pk__in=this_week.values("building_id"))
    figures.idle_this_week = idle.count()
    figures.idle = list(idle.select_related("unit").order_by("unit__path", "name")[:IDLE_SHOWN])
    return figures
