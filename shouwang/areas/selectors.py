"""Which key areas hold for a unit on a day, and whether a region or plate falls in one."""

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import F, Func, JSONField, Q, QuerySet, Subquery
from django.db.models.expressions import Expression
from django.db.models.functions import JSONObject
from django.db.models.lookups import StartsWith

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


# The columns `key_areas_in_force_json` carries, enough to match and show an area; the others
# stay deferred (read on access).
CARRIED = (
    "id",
    "unit_id",
    "region_code",
    "name",
    "risk_level",
    "plate_prefixes",
    "valid_from",
    "valid_to",
)


class _JSONList(Func):
    """The JSON array of one expression over the rows of a subquery (no GROUP BY needed)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def key_areas_in_force_json(unit_path: Expression, on: date) -> Subquery:
    """`key_areas_in_force` as a subquery over the unit whose path is `unit_path` (an OuterRef),
    one JSON array, so the areas come with the query that reads the unit (`key_areas_from_json`).
    """
    areas = (
        KeyArea.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        # Published by the unit or a unit above it: its path begins the unit's own.
        .filter(StartsWith(unit_path, F("unit__path")))
        .order_by()
        .annotate(areas=_JSONList(JSONObject(**{name: F(name) for name in CARRIED})))
        .values("areas")
    )
    return Subquery(areas, output_field=JSONField())


def key_areas_from_json(value: Any) -> list[KeyArea]:
    """The areas of `key_areas_in_force_json`, as model instances, in the model's order."""
    if isinstance(value, str):
        value = json.loads(value)
    areas = []
    for row in value or []:
        if row is None:  # JSONB_AGG over no rows gives NULL, never [null], but be lenient
            continue
        prefixes = row["plate_prefixes"]
        row = {
            **row,
            # SQLite nests the stored JSON text as a string.
            "plate_prefixes": json.loads(prefixes) if isinstance(prefixes, str) else prefixes,
            "valid_from": date.fromisoformat(row["valid_from"]),
            "valid_to": date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
        }
        areas.append(KeyArea.from_db(KeyArea.objects.db, CARRIED, [row[n] for n in CARRIED]))
    # KeyArea's ordering: region, then the latest first.
    areas.sort(key=lambda area: area.valid_from, reverse=True)
    areas.sort(key=lambda area: area.region_code)
    return areas


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
