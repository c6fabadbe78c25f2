"""The `?unit=&from=&to=` of the command pages: a unit the user sees (404 otherwise)."""

from typing import Any

from django.http import Http404

from shouwang.shell.periods import day_param
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404


def unit_param(request: Any) -> Unit:
    """The unit named by `?unit=` among those the user sees (his own when absent); a unit out of
    his reach or a malformed id is not found."""
    text = (request.GET.get("unit") or "").strip()
    if not text:
        return request.user.unit
    if not text.isdigit() or len(text) > 18:
        raise Http404
    return get_visible_or_404(Unit, request.user, pk=int(text))


def period_params(request: Any) -> tuple:
    return day_param(request.GET.get("from")), day_param(request.GET.get("to"))


def children_of(unit: Unit) -> list[Unit]:
    """The units directly below, for drilling down."""
    return list(unit.children.filter(is_active=True).order_by("path"))
