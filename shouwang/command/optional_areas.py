"""Areas the dashboard shows when they are installed (supplies, duty), read through the one
selector each offers, so this app does not depend on them being there."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps


def _selector(app: str, module: str, name: str):
    if not apps.is_installed(f"shouwang.{app}"):
        return None
    path = f"shouwang.{app}.{module}"
    try:
        if find_spec(path) is None:
            return None
    except ModuleNotFoundError:
        return None
    return getattr(import_module(path), name, None)


def supplies_days_left(actor: Any, unit: Any) -> list | None:
    """Stock lines with days left (`shouwang.supplies.selectors.stock_with_days_left`), or None
    when the supplies area is not installed."""
    selector = _selector("supplies", "selectors", "stock_with_days_left")
    if selector is None:
        return None
    return selector(actor=actor, unit=unit)


def duty_gaps(actor: Any, unit: Any) -> list | None:
    """Coverage gaps of the next 24 hours (`shouwang.duty.selectors.coverage_gaps`), or None."""
    selector = _selector("duty", "selectors", "coverage_gaps") or _selector(
        "duty", "selectors.coverage", "coverage_gaps"
    )
    if selector is None:
        return None
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    return selector(actor=actor, unit=unit, start=start, end=start + timedelta(days=1))


def supplies_issued(actor: Any, unit: Any, date_from: Any, date_to: Any) -> list | None:
    """Each item's quantity issued by the unit's subtree in the period
    (`shouwang.supplies.selectors.movement_totals`), or None when supplies is not installed."""
    selector = _selector("supplies", "selectors", "movement_totals")
    if selector is None:
        return None
    return selector(actor=actor, unit=unit, date_from=date_from, date_to=date_to)


def item_names(ids: list[int]) -> dict[int, tuple[str, str]]:
    """{item id: (name, unit of measure)} of the supplies items, in catalogue order ({} when
    supplies is not installed)."""
    if not ids or not apps.is_installed("shouwang.supplies"):
        return {}
    model = apps.get_model("supplies", "Item")
    rows = model.objects.filter(pk__in=ids).order_by("category", "name", "pk")
    return {
        pk: (name, measure)
        for pk, name, measure in rows.values_list("pk", "name", "unit_of_measure")
    }
