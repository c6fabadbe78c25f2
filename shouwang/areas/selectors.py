"""Which key areas hold for a unit on a day, and whether a region or plate falls in one."""

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shouwang.identity import region_name, to_simplified
from shouwang.identity.regions import GROUPING_NAMES, all_regions
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit

from .filters import KeyAreaFilter
from .models import KeyArea


def key_areas_in_force(unit: Unit, on: date) -> QuerySet[KeyArea]:
    """Areas published by the unit or any unit above it, valid on `on`."""
    return KeyArea.objects.filter(unit_id__in=unit.ancestor_ids, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


# Every registration asks which areas are in force at its checkpoint; they change a few times a
# day. Each process keeps them per (unit, day), valid for one state of the key areas: the id of
# their latest change (their history's), which the caller reads with a query it makes anyway
# (`key_areas_version_sql()` beside the checkpoints), so a cached list costs no round trip. A
# change made by this process empties the cache at once; one made elsewhere changes the version.
NOT_READ = object()
CACHED_DAYS_PER_VERSION = 10_000
_cache: dict[str, Any] = {"version": NOT_READ, "areas": {}}


@cache
def key_areas_version_sql() -> str:
    """A scalar subquery: the latest change to any key area (None before the first)."""
    # Reading `KeyArea.history` builds a manager class each time: once is enough.
    history = connection.ops.quote_name(KeyArea.history.model._meta.db_table)
    return f"SELECT MAX(history_id) FROM {history}"


def key_areas_cached(unit: Unit, on: date, version: Any = NOT_READ) -> list[KeyArea]:
    """`key_areas_in_force` as a list, from the cache when `version` is the one it holds."""
    if version is NOT_READ:
        return list(key_areas_in_force(unit, on))
    if version != _cache["version"] or len(_cache["areas"]) >= CACHED_DAYS_PER_VERSION:
        _cache.update(version=version, areas={})
    areas = _cache["areas"]
    key = (unit.pk, on)
    if key not in areas:
        areas[key] = list(key_areas_in_force(unit, on))
    return areas[key]


@receiver(post_save, sender=KeyArea)
@receiver(post_delete, sender=KeyArea)
def _key_areas_changed(**_kwargs) -> None:
    _cache.update(version=NOT_READ, areas={})


def key_area_for_region(unit: Unit, region_code: str, on: date) -> KeyArea | None:
    """The most severe area in force that contains `region_code` (a county lies in its city and province)."""
    containing = regions_containing(region_code)
    if not containing:
        return None
    return most_severe(key_areas_in_force(unit, on).filter(region_code__in=containing))


def regions_containing(region_code: str) -> set[str]:
    """The county code itself, its city's and its province's; empty for a malformed code."""
    if not region_code or len(region_code) != 6:
        return set()
    return {region_code, region_code[:4] + "00", region_code[:2] + "0000"}


def key_area_for_plate_prefix(unit: Unit, prefix: str, on: date) -> KeyArea | None:
    areas = [area for area in key_areas_in_force(unit, on) if prefix in area.plate_prefixes]
    return most_severe(areas)


SEVERITY = {"high": 0, "medium": 1, "low": 2}


def most_severe(areas: Iterable[KeyArea | None]) -> KeyArea | None:
    """The highest-risk area among `areas` (None entries skipped), or None."""
    return min(
        (area for area in areas if area is not None),
        key=lambda area: SEVERITY[area.risk_level],
        default=None,
    )


def key_areas_listed(user) -> QuerySet[KeyArea]:
    """The areas the user reads, by region (filtered by `filters.KeyAreaFilter`).

    Readable, not only visible: a station applies the lists of the units above it.
    """
    return (
        KeyArea.objects.readable_by(user)
        .select_related("unit")
        .order_by("region_code", "-valid_from")
    )


def key_area_search(
    user, *, query: str = "", risk_level: str = "", on: date | None = None
) -> QuerySet[KeyArea]:
    params = {"q": query, "risk": risk_level, "on": on}
    return filtered(KeyAreaFilter, key_areas_listed(user), params)


def region_search(query: str, limit: int = 20) -> list[dict[str, str]]:
    """Current GB/T 2260 regions whose code starts with, or whose full name contains, the query."""
    query = to_simplified(query.strip())
    if not query:
        return []
    found = []
    for region in all_regions().values():
        # Grouping rows ("市辖区") are codes, not places anyone would pick.
        if region.abolished or region.name in GROUPING_NAMES:
            continue
        full = region_name(region.code) or region.name
        if region.code.startswith(query) or query in full:
            found.append({"code": region.code, "name": full, "level": region.level})
            if len(found) >= limit:
                break
    return found
