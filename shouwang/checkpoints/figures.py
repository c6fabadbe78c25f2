"""The checkpoint figures of a unit for a period (the first five figures of scenario 5).

Definitions (voided passages count nowhere; a vehicle is a passage with a plate):
- vehicles_passed: vehicles let through (disposition passed or registered);
- vehicles_registered: out-of-town vehicles let in after registration (disposition registered);
- vehicle_turn_backs: vehicles turned back;
- people_checked: occupants checked with the health service, i.e. of passages where a
  temperature or a health code was recorded, whatever the disposition, pedestrians included
  (scenario 5 reports 12,244 people checked but 24,000 turned back: most of those turned back
  are never checked, so "checked" cannot mean every occupant met);
- people_met: every occupant met, checked or not;
- people_turned_back / people_handed_over: occupants of passages with that disposition.
The counts are kept per checkpoint, day and hour and per checkpoint, day and origin as passages
are registered, corrected and voided (`tallies`), so a figure is a sum over those small tables.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_FIGURES, require

from .models import Checkpoint, PassageCountsByHour, PassageCountsByOrigin
from .tallies import COUNTERS

MAX_DAYS = 366
FIGURE_NAMES = tuple(name for name in COUNTERS if name != "passages")


def _sums() -> dict:
    return {name: Sum(name) for name in FIGURE_NAMES}


def _rows(queryset: QuerySet, group_by: list[str]) -> list[dict]:
    rows = queryset.values(*group_by).annotate(**_sums()).order_by(*group_by)
    # Groups whose passages were all voided keep rows of zeros: they are not shown.
    return [dict(row) for row in rows if any(row[name] for name in FIGURE_NAMES)]


def checkpoint_figures(*, user: Any, unit: Unit, date_from: date, date_to: date) -> dict:
    """Totals and breakdowns by day, hour and origin for the unit and every unit below it."""
    require(
        user,
        CHECKPOINT_FIGURES,
        unit,
        message=_("您无权查看卡点统计"),
        unit_message=_("您无权查看该单位的统计"),
    )
    if date_to < date_from:
        raise ValidationError({"to": _("结束日期不能早于开始日期")})
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationError({"to": _("统计期间最长一年")})
    # The unit's checkpoints are few: filtering by their ids keeps the counts free of joins
    # and lets their (checkpoint, day, …) keys do the work.
    checkpoint_ids = list(
        Checkpoint.objects.filter(unit__path__startswith=unit.path).values_list("pk", flat=True)
    )
    period = {"checkpoint_id__in": checkpoint_ids, "day__gte": date_from, "day__lte": date_to}
    hours = PassageCountsByHour.objects.filter(**period)
    totals = hours.aggregate(**_sums())
    by_day = _rows(hours, ["day"])
    for row in by_day:
        row["date"] = row.pop("day").isoformat()
    by_hour = _rows(hours, ["hour"])
    by_origin = _rows(
        PassageCountsByOrigin.objects.filter(**period), ["origin_province", "origin_city"]
    )
    for row in by_origin:
        row["province"], row["city"] = row.pop("origin_province"), row.pop("origin_city")
    by_origin.sort(key=lambda row: -row["people_checked"])
    return {
        "unit": {"id": unit.pk, "name": unit.name},
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        **{name: totals[name] or 0 for name in FIGURE_NAMES},
        "by_day": by_day,
        "by_hour": by_hour,
        "by_origin": by_origin,
    }


def checkpoint_totals(
    *, user: Any, unit: Unit, periods: Mapping[str, tuple[date, date]]
) -> dict[str, dict[str, int]]:
    """The totals of `checkpoint_figures` for several periods at once ({name: (from, to)}), in
    one aggregate over the kept counts: the home page's today and since the emergency began."""
    require(
        user,
        CHECKPOINT_FIGURES,
        unit,
        message=_("您无权查看卡点统计"),
        unit_message=_("您无权查看该单位的统计"),
    )
    checkpoint_ids = list(
        Checkpoint.objects.filter(unit__path__startswith=unit.path).values_list("pk", flat=True)
    )
    named = dict(enumerate(periods.items()))
    sums = {
        f"p{index}_{name}": Sum(name, filter=Q(day__gte=start, day__lte=end))
        for index, (_key, (start, end)) in named.items()
        for name in FIGURE_NAMES
    }
    totals = PassageCountsByHour.objects.filter(
        checkpoint_id__in=checkpoint_ids,
        day__gte=min(start for start, _end in periods.values()),
        day__lte=max(end for _start, end in periods.values()),
    ).aggregate(**sums)
    return {
        key: {name: totals[f"p{index}_{name}"] or 0 for name in FIGURE_NAMES}
        for index, (key, _period) in named.items()
    }


def checkpoint_counts_on(*, user: Any, checkpoints: list[Checkpoint], day: date) -> dict[int, dict]:
    """{checkpoint id: its counters on `day`} (every counter, `passages` included), from the kept
    counts in one query: a volunteer's post today."""
    require(user, CHECKPOINT_FIGURES, message=_("您无权查看卡点统计"))
    rows = (
        PassageCountsByHour.objects.filter(
            checkpoint_id__in=[checkpoint.pk for checkpoint in checkpoints], day=day
        )
        .values("checkpoint_id")
        .annotate(**{name: Sum(name) for name in COUNTERS})
        .order_by()
    )
    empty = dict.fromkeys(COUNTERS, 0)
    counts = {checkpoint.pk: dict(empty) for checkpoint in checkpoints}
    for row in rows:
        counts[row.pop("checkpoint_id")] = {name: row[name] or 0 for name in COUNTERS}
    return counts
