"""The figures page: totals and ECharts breakdowns for any visible unit and period."""

import json
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date

from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_FIGURES, guarded
from shouwang.units.scoping import get_visible_or_404

from .figures import checkpoint_figures


@guarded(CHECKPOINT_FIGURES)
def figures(request):
    user = request.user
    unit_id = request.GET.get("unit", "")
    unit = get_visible_or_404(Unit, user, pk=int(unit_id)) if unit_id.isdigit() else user.unit
    date_to = parse_date(request.GET.get("to", "") or "") or timezone.localdate()
    date_from = parse_date(request.GET.get("from", "") or "") or date_to - timedelta(days=29)
    errors: list[str] = []
    result = None
    try:
        result = checkpoint_figures(user=user, unit=unit, date_from=date_from, date_to=date_to)
    except ValidationError as error:
        errors = error.messages
    return render(
        request,
        "checkpoints/figures.html",
        {
            "units": Unit.objects.visible_to(user),
            "unit": unit,
            "date_from": date_from,
            "date_to": date_to,
            "figures": result,
            "errors": errors,
            "chart_data": json.dumps(result, ensure_ascii=False) if result else "null",
        },
    )
