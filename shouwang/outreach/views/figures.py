"""The outreach figures of a unit and period, each row drilling down to its list."""

from django.shortcuts import render
from django.utils.http import urlencode

from shouwang.shell.periods import figures_params
from shouwang.units.policy import guarded

from ..figures import outreach_figures
from ..rules import OUTREACH_FIGURES
from .common import units_of


def _unit_key(row) -> str:
    """A unit's own row counts its own records; a unit below, its whole subtree."""
    return "unit_only" if row.own else "unit"


@guarded(OUTREACH_FIGURES)
def figures(request):
    units = units_of(request.user)
    unit, date_from, date_to = figures_params(request, units)
    found = outreach_figures(request.user, unit=unit, date_from=date_from, date_to=date_to)
    period = {key: day.isoformat() for key, day in (("from", date_from), ("to", date_to)) if day}
    rows = [
        {
            "row": row,
            # Drill-down: each figure opens the list filtered to exactly the records counted.
            "bulletins_query": urlencode({_unit_key(row): row.unit.pk, "published": 1, **period}),
            "groups_query": urlencode({_unit_key(row): row.unit.pk}),
        }
        for row in found.rows
    ]
    return render(
        request,
        "outreach/figures.html",
        {
            "figures": found,
            "totals": found.totals,
            "rows": rows,
            "period_query": urlencode(period),
            "units": units,
            "unit": unit,
            "date_from": date_from,
            "date_to": date_to,
        },
    )
