"""The commander's and station chiefs' dashboard: panels for a unit, drilling down the tree."""

import json

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import scope_path_of

from ..params import children_of, unit_param
from ..rules import REPORTS
from .panels import PANELS, panel

REFRESH_SECONDS = 60


def _breadcrumbs(user, unit: Unit) -> list[Unit]:
    """The units from the user's own down to `unit`."""
    own = scope_path_of(user) or ""
    return [ancestor for ancestor in unit.ancestors_and_self() if ancestor.path.startswith(own)]


def _with_chart(found):
    found.chart_json = json.dumps(found.chart, ensure_ascii=False) if found.chart else ""
    return found


@guarded(REPORTS)
def dashboard(request):
    unit = unit_param(request)
    today = timezone.localdate()
    panels = [
        _with_chart(found)
        for key in PANELS
        if (found := panel(request.user, unit, key, today)) is not None
    ]
    return render(
        request,
        "command/dashboard.html",
        {
            "unit": unit,
            "today": today,
            "panels": panels,
            "children": children_of(unit),
            "trail": _breadcrumbs(request.user, unit),
            "refresh": REFRESH_SECONDS,
        },
    )


@guarded(REPORTS)
def dashboard_panel(request):
    """One panel (`?key=`), for htmx to swap in place every minute."""
    unit = unit_param(request)
    found = panel(request.user, unit, request.GET.get("key", "passages"))
    if found is None:
        raise Http404
    return render(
        request,
        "command/_panel.html",
        {"panel": _with_chart(found), "unit": unit, "refresh": REFRESH_SECONDS},
    )
