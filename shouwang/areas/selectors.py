"""Which key areas hold for a unit on a day, and whether a region or plate falls in one."""

from datetime import date

from django.db.models import Q, QuerySet

from shouwang.units.models import Unit

from .models import KeyArea


def key_areas_in_force(unit: Unit, on: date) -> QuerySet[KeyArea]:
    """Areas published by the unit or any unit above it, valid on `on`."""
    return KeyArea.objects.filter(unit_id__in=unit.ancestor_ids, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def key_area_for_region(unit: Unit, region_code: str, on: date) -> KeyArea | None:
    """The most severe area in force that contains `region_code` (a county lies in its city and province)."""
    if not region_code or len(region_code) != 6:
        return None
    containing = {region_code, region_code[:4] + "00", region_code[:2] + "0000"}
    areas = list(key_areas_in_force(unit, on).filter(region_code__in=containing))
    return _most_severe(areas)


def key_area_for_plate_prefix(unit: Unit, prefix: str, on: date) -> KeyArea | None:
    areas = [area for area in key_areas_in_force(unit, on) if prefix in area.plate_prefixes]
    return _most_severe(areas)


SEVERITY = {"high": 0, "medium": 1, "low": 2}


def _most_severe(areas: list[KeyArea]) -> KeyArea | None:
    return min(areas, key=lambda area: SEVERITY[area.risk_level], default=None)
