"""The intake figures of a unit for a period: received, resolved, overdue, and the median and
90th percentile of the time to assignment, to resolution and (help requests) to delivery.

Percentiles are nearest-rank (the smallest value with at least p of the values at or below
it), read by the database as one ordered row (`ORDER BY … LIMIT 1 OFFSET k`) over the seconds
each report keeps: the same answer on SQLite and PostgreSQL, and no rows carried to Python.
"""

import math
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from shouwang.units.models import Unit

from .models import OUTCOME_STATUSES, Report, ReportType, Status
from .sla import overdue_condition

FIGURE_KEYS = (
    "received",
    "resolved",
    "overdue",
    "assign_minutes_p50",
    "assign_minutes_p90",
    "resolve_hours_p50",
    "resolve_hours_p90",
)


def period_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The local days `date_from`..`date_to` (inclusive) as aware instants [start, end)."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), zone)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), zone)
    return start, end


def reports_of(unit: Unit, date_from: date, date_to: date) -> QuerySet[Report]:
    """Reports handled by the unit or below it, received in the period."""
    start, end = period_bounds(date_from, date_to)
    return Report.objects.filter(
        unit__path__startswith=unit.path, received_at__gte=start, received_at__lt=end
    )


def late_condition(now: datetime) -> Q:
    """Missed a target: assigned or closed after its due time, or still open past it."""
    return ~Q(status=Status.MERGED) & (
        Q(assigned_at__gt=F("due_assign_at"))
        | Q(closed_at__gt=F("due_resolve_at"), status__in=list(OUTCOME_STATUSES))
        | overdue_condition(now)
    )


def percentile(queryset: QuerySet, field: str, share: float, count: int) -> int | None:
    """The nearest-rank percentile of `field` (seconds) among the `count` rows holding one."""
    if not count:
        return None
    rank = max(0, math.ceil(share * count) - 1)
    return (
        queryset.filter(**{f"{field}__isnull": False})
        .order_by(field)
        .values_list(field, flat=True)[rank]
    )


def _in(seconds: int | None, unit_seconds: int) -> float | None:
    return None if seconds is None else round(seconds / unit_seconds, 1)


def figures(queryset: QuerySet[Report], now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    counts = queryset.aggregate(
        received=Count("id"),
        resolved=Count("id", filter=Q(status__in=list(OUTCOME_STATUSES))),
        overdue=Count("id", filter=late_condition(now)),
        assigned=Count("assign_seconds"),
        closed=Count("resolve_seconds"),
        delivered=Count("deliver_seconds"),
    )
    result: dict[str, Any] = {
        "received": counts["received"],
        "resolved": counts["resolved"],
        "overdue": counts["overdue"],
    }
    for key, field, count, unit_seconds in (
        ("assign_minutes", "assign_seconds", counts["assigned"], 60),
        ("resolve_hours", "resolve_seconds", counts["closed"], 3600),
        ("deliver_minutes", "deliver_seconds", counts["delivered"], 60),
    ):
        for share, suffix in ((0.5, "p50"), (0.9, "p90")):
            result[f"{key}_{suffix}"] = _in(percentile(queryset, field, share, count), unit_seconds)
    result["delivered"] = counts["delivered"]
    return result


def intake_figures(
    unit: Unit, date_from: date, date_to: date, now: datetime | None = None
) -> dict[str, Any]:
    """The interface's figures for the unit and period, with the same figures by type."""
    reports = reports_of(unit, date_from, date_to)
    total = figures(reports, now)
    result = {key: total[key] for key in FIGURE_KEYS}
    result["by_type"] = {
        report_type: figures(reports.filter(type=report_type), now)
        for report_type in ReportType.values
    }
    return result


def figures_by_unit(
    unit: Unit, date_from: date, date_to: date, now: datetime | None = None
) -> list[tuple[Unit, dict[str, Any]]]:
    """The unit's own figures, then each unit directly below it that received any."""
    rows = [(unit, figures(reports_of(unit, date_from, date_to), now))]
    for child in unit.children.filter(is_active=True).order_by("path"):
        child_figures = figures(reports_of(child, date_from, date_to), now)
        if child_figures["received"]:
            rows.append((child, child_figures))
    return rows
