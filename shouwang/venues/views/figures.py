"""The venue figures of a unit and period: closures by kind, inspections, cases and fines."""

from django.shortcuts import render

from shouwang.cases.models import CaseKind
from shouwang.shell.periods import figures_params
from shouwang.units.policy import guarded

from ..models import VenueKind
from ..policy import VENUE_FIGURES
from ..selectors import venue_figures
from .common import units_of


@guarded(VENUE_FIGURES)
def figures(request):
    units = units_of(request.user)
    unit, date_from, date_to = figures_params(request, units)
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
