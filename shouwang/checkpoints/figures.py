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

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
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
