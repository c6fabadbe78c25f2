"""The intake figures of a unit for a period, by unit and by type."""

from datetime import date, timedelta

from django.shortcuts import render
from django.utils import timezone

from shouwang.units.policy import guarded

from ..figures import figures_by_unit, intake_figures
from ..forms import PeriodForm
from ..models import ReportType
from ..rules import INTAKE_RECORDS
from ..selectors import assignable_units

DEFAULT_DAYS = 7
EARLIEST, LATEST = date(2019, 1, 1), date(2099, 12, 31)


@guarded(INTAKE_RECORDS)
def figures_page(request):
    units = list(assignable_units(request.user))
    form = PeriodForm(request.GET or None, units=units)
    today = timezone.localdate()
    date_from, date_to, unit = today - timedelta(days=DEFAULT_DAYS - 1), today, request.user.unit
    if form.is_valid():
        date_from = form.cleaned_data["date_from"] or date_from
        date_to = form.cleaned_data["date_to"] or date_to
        unit = next((u for u in units if str(u.pk) == form.cleaned_data["unit"]), unit)
    if date_to < date_from:
        date_from, date_to = date_to, date_from
    # Within the years the platform keeps (a typed year 0001 is a slip, not a period).
    date_from, date_to = max(date_from, EARLIEST), min(date_to, LATEST)
    totals = intake_figures(unit, date_from, date_to)
    return render(
        request,
        "intake/figures.html",
        {
            "form": form,
            "unit": unit,
            "date_from": date_from,
            "date_to": date_to,
            "totals": totals,
            "by_type": [(ReportType(key).label, value) for key, value in totals["by_type"].items()],
            "by_unit": figures_by_unit(unit, date_from, date_to),
        },
    )
