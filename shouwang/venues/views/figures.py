"""The venue figures of a unit and period: closures by kind, inspections, cases and fines."""

from django.shortcuts import render

from shouwang.cases.models import CaseKind
from shouwang.shell.periods import day_param
from shouwang.units.policy import guarded

from ..models import VenueKind
from ..policy import VENUE_FIGURES
from ..selectors import venue_figures
from .common import units_of


@guarded(VENUE_FIGURES)
def figures(request):
    units = units_of(request.user)
    unit_id = request.GET.get("unit") or ""
    unit = units.filter(pk=unit_id).first() if unit_id.isdigit() and len(unit_id) < 19 else None
    date_from, date_to = day_param(request.GET.get("from")), day_param(request.GET.get("to"))
    found = venue_figures(request.user, unit=unit, date_from=date_from, date_to=date_to)
    return render(
        request,
        "venues/figures.html",
        {
            "figures": found,
            "closed_rows": [
                (label, found["venues_closed_by_kind"][value])
                for value, label in VenueKind.choices
                if found["venues_closed_by_kind"][value]
            ],
            "case_rows": [
                (label, found["cases_by_kind"][value]) for value, label in CaseKind.choices
            ],
            "units": units,
            "unit": unit,
            "date_from": date_from,
            "date_to": date_to,
        },
    )
