"""The daily report of a unit for a period: read live, or as kept when it was generated.

A report is kept (`DailyReport`) by the daily job for every bureau and station, for the day and
cumulatively since the emergency began; a kept report is never recomputed, so yesterday's report
reads the same after records are corrected. The next report shows such corrections: its
previous-period column is the kept report of that period, and the corrections column the
difference between that period's figures recomputed now and as kept.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.checkpoints.figures import MAX_DAYS
from shouwang.identity.event_dates import EARLIEST_EVENT_DATE
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import DailyReport
from ..rules import REPORTS
from .figures import (
    FIGURES,
    KEYS,
    SupplyLine,
    emergency_start,
    is_supply_key,
    previous_period,
    report_figures_and_supplies,
    supply_lines,
)
from .prose import report_text


@dataclass
class Report:
    unit: Unit
    date_from: date
    date_to: date
    previous_from: date
    previous_to: date
    figures: dict[str, int]
    previous: dict[str, int]
    text: str
    cumulative: bool
    corrections: dict[str, int] = field(default_factory=dict)
    kept: DailyReport | None = None
    # The items of the supplies figures (`supplies_issued_<item id>`), in catalogue order.
    supplies: list[SupplyLine] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """The table: each figure with the previous period, the change and any correction; the
        supplies issued, item by item, last."""
        labelled = [(figure.key, str(figure.label), figure.group) for figure in FIGURES]
        labelled += [(line.key, line.label, "supplies") for line in self.supplies]
        return [
            {
                "key": key,
                "label": label,
                "group": group,
                "value": self.figures.get(key, 0),
                "previous": self.previous.get(key, 0),
                "change": self.figures.get(key, 0) - self.previous.get(key, 0),
                "correction": self.corrections.get(key, 0),
            }
            for key, label, group in labelled
        ]

    def as_json(self) -> dict[str, Any]:
        """The API's answer (the interface of issue 17); each item issued is a figure of its
        own, `supplies_issued_<item id>` (the supplies area's item)."""
        return {
            "unit": {"id": self.unit.pk, "name": self.unit.name},
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "figures": self.figures,
            "previous": self.previous,
            "text": self.text,
        }


def period_checked(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The period asked for (default yesterday); ValidationError with field keys else."""
    today = timezone.localdate()
    date_to = date_to or (date_from if date_from else today - timedelta(days=1))
    date_from = date_from or date_to
    if date_from < EARLIEST_EVENT_DATE:
        raise ValidationError({"from": _("日期不能早于2019年1月1日")})
    if date_to > today:
        raise ValidationError({"to": _("截止日期不能晚于今天")})
    if date_to < date_from:
        raise ValidationError({"to": _("截止日期不能早于起始日期")})
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationError({"to": _("统计期间最长一年")})
    return date_from, date_to


def _kept(unit: Unit, date_from: date, date_to: date) -> DailyReport | None:
    return DailyReport.objects.filter(unit=unit, date_from=date_from, date_to=date_to).first()


def _compute(unit: Unit, date_from: date, date_to: date) -> Report:
    previous_from, previous_to = previous_period(unit, date_from, date_to)
    figures, supplies = report_figures_and_supplies(
        unit, {"current": (date_from, date_to), "previous": (previous_from, previous_to)}
    )
    previous = figures["previous"]
    corrections: dict[str, int] = {}
    kept_before = _kept(unit, previous_from, previous_to)
    if kept_before is not None:
        # What was published for the period before, and what has been corrected since.
        keys = list(previous)
        published = {key: int(kept_before.figures.get(key, 0)) for key in keys}
        corrections = {
            key: previous[key] - published[key] for key in keys if previous[key] != published[key]
        }
        previous = published
    cumulative = date_from == emergency_start(unit) and date_from != date_to
    text, _stated = report_text(
        unit=unit,
        date_from=date_from,
        date_to=date_to,
        figures=figures["current"],
        cumulative=cumulative,
        supplies=supplies,
    )
    return Report(
        unit=unit,
        date_from=date_from,
        date_to=date_to,
        previous_from=previous_from,
        previous_to=previous_to,
        figures=figures["current"],
        previous=previous,
        text=text,
        cumulative=cumulative,
        corrections=corrections,
        supplies=supplies,
    )


def _from_kept(kept: DailyReport) -> Report:
    supplies = supply_lines([key for key in kept.figures if is_supply_key(key)])
    keys = [*KEYS, *(line.key for line in supplies)]
    return Report(
        unit=kept.unit,
        date_from=kept.date_from,
        date_to=kept.date_to,
        previous_from=kept.previous_from,
        previous_to=kept.previous_to,
        figures={key: int(kept.figures.get(key, 0)) for key in keys},
        previous={key: int(kept.previous.get(key, 0)) for key in keys},
        text=kept.text,
        cumulative=kept.date_from == emergency_start(kept.unit) and kept.date_from != kept.date_to,
        corrections={key: int(value) for key, value in kept.corrections.items()},
        kept=kept,
        supplies=supplies,
    )


def daily_report(*, user: Any, unit: Unit, date_from: date | None, date_to: date | None) -> Report:
    """The unit's report for the period: as kept when the daily job kept it, else computed now."""
    require(user, REPORTS, unit, unit_message=_("您无权查看该单位的日报"))
    date_from, date_to = period_checked(date_from, date_to)
    kept = _kept(unit, date_from, date_to)
    if kept is not None:
        return _from_kept(kept)
    return _compute(unit, date_from, date_to)


def daily_report_keep(
    *, unit: Unit, date_from: date, date_to: date, actor: Any = None
) -> DailyReport:
    """Keep the unit's report for the period as it reads now; an already kept one stays as it
    was (the job may run twice, or late)."""
    if actor is not None:
        require(actor, REPORTS, unit)
    date_from, date_to = period_checked(date_from, date_to)
    kept = _kept(unit, date_from, date_to)
    if kept is not None:
        return kept
    report = _compute(unit, date_from, date_to)
    try:
        with transaction.atomic():
            return DailyReport.objects.create(
                unit=unit,
                date_from=date_from,
                date_to=date_to,
                previous_from=report.previous_from,
                previous_to=report.previous_to,
                figures=report.figures,
                previous=report.previous,
                corrections=report.corrections,
                text=report.text,
                generated_by=actor,
            )
    except IntegrityError:
        # Kept by another run meanwhile: that one stands.
        return DailyReport.objects.get(unit=unit, date_from=date_from, date_to=date_to)


def daily_reports_generate(*, day: date | None = None) -> list[DailyReport]:
    """The daily job: keep the day's report (default yesterday) and, under an emergency, the
    cumulative one, for each active unit of SHOUWANG_DAILY_REPORT_UNIT_KINDS."""
    day = day or timezone.localdate() - timedelta(days=1)
    kept = []
    units = Unit.objects.filter(
        kind__in=settings.SHOUWANG_DAILY_REPORT_UNIT_KINDS, is_active=True
    ).order_by("path")
    for unit in units:
        kept.append(daily_report_keep(unit=unit, date_from=day, date_to=day))
        start = emergency_start(unit)
        if start is not None and start < day and (day - start).days < MAX_DAYS:
            kept.append(daily_report_keep(unit=unit, date_from=start, date_to=day))
    return kept
