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
Each breakdown is one GROUP BY over columns stored at registration (local day, hour,
origin province and city), so the figures stay fast on millions of passages.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.units.models import Unit
from shouwang.units.scoping import unit_is_visible_to

from .models import Checkpoint, Disposition, Passage

MAX_DAYS = 366

VEHICLE = ~Q(plate="")
HEALTH_CHECKED = ~Q(health_code="") | Q(max_temperature__isnull=False)
LET_THROUGH = Q(disposition__in=[Disposition.PASSED, Disposition.REGISTERED])


def _measures() -> dict:
    def people(condition: Q | None = None):
        return Coalesce(Sum("occupants_count", filter=condition), 0)

    return {
        "vehicles_passed": Count("id", filter=VEHICLE & LET_THROUGH),
        "vehicles_registered": Count("id", filter=VEHICLE & Q(disposition=Disposition.REGISTERED)),
        "vehicle_turn_backs": Count("id", filter=VEHICLE & Q(disposition=Disposition.TURNED_BACK)),
        "people_checked": people(HEALTH_CHECKED),
        "people_met": people(),
        "people_turned_back": people(Q(disposition=Disposition.TURNED_BACK)),
        "people_handed_over": people(Q(disposition=Disposition.HANDED_OVER)),
    }


FIGURE_NAMES = tuple(_measures())


def _rows(queryset, group_by: list[str]) -> list[dict]:
    rows = queryset.values(*group_by).annotate(**_measures()).order_by(*group_by)
    return [dict(row) for row in rows]


def checkpoint_figures(*, user: Any, unit: Unit, date_from: date, date_to: date) -> dict:
    """Totals and breakdowns by day, hour and origin for the unit and every unit below it."""
    if not user.has_capability(Capability.VIEW_REPORTS) and not user.has_capability(
        Capability.REGISTER_PASSAGES
    ):
        raise PermissionDenied(_("您无权查看卡点统计"))
    if not unit_is_visible_to(unit, user):
        raise PermissionDenied(_("您无权查看该单位的统计"))
    if date_to < date_from:
        raise ValidationError({"to": _("结束日期不能早于开始日期")})
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationError({"to": _("统计期间最长一年")})
    # The unit's checkpoints are few: filtering passages by their ids keeps the big table
    # free of joins and lets the (checkpoint, day) index do the work.
    checkpoint_ids = list(
        Checkpoint.objects.filter(unit__path__startswith=unit.path).values_list("pk", flat=True)
    )
    passages = Passage.objects.filter(
        checkpoint_id__in=checkpoint_ids,
        occurred_on__gte=date_from,
        occurred_on__lte=date_to,
        voided_at__isnull=True,
    )
    totals = passages.aggregate(**_measures())
    by_day = _rows(passages, ["occurred_on"])
    for row in by_day:
        row["date"] = row.pop("occurred_on").isoformat()
    by_hour = _rows(passages, ["occurred_hour"])
    for row in by_hour:
        row["hour"] = row.pop("occurred_hour")
    by_origin = _rows(passages, ["origin_province", "origin_city"])
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
