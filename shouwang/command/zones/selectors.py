"""Reading zones: the user's list, each zone with its days without a new case and whether it
meets its lifting rule (the badge on the map and the list, and the daily job's reminder).

A new case in a zone is a day reported on the zone (`last_case_on`), or a watch record of a close
contact or a fever case opened for someone living in a household of the zone (linked by itself
or through its building): whichever is later.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils import timezone

from shouwang.checkpoints.models import Checkpoint
from shouwang.community.models import HouseholdMember
from shouwang.people.models import WatchReason, WatchRecord
from shouwang.units.models import Unit

from ..models import Zone, ZoneLevel, ZoneStatus

CASE_REASONS = (WatchReason.CLOSE_CONTACT, WatchReason.FEVER)


def zones_listed(user: Any) -> QuerySet[Zone]:
    """The zones the user reads: his units' and those drawn above him (a bureau's sealed zone
    in a station's area); a sibling station's stay hidden."""
    return Zone.objects.readable_by(user).select_related("unit")


def zone_readable_or_404(user: Any, pk: int) -> Zone:
    zone = zones_listed(user).filter(pk=pk).first()
    if zone is None:
        raise Http404
    return zone


def zone_search(
    user: Any, *, unit: Unit | None = None, level: str = "", status: str = ""
) -> QuerySet[Zone]:
    zones = zones_listed(user)
    if unit is not None:
        zones = zones.filter(unit__path__startswith=unit.path)
    if level in ZoneLevel.values:
        zones = zones.filter(level=level)
    if status in ZoneStatus.values:
        zones = zones.filter(status=status)
    return zones


def _latest_case_recorded() -> Subquery:
    residents = HouseholdMember.objects.filter(
        Q(household__zones=OuterRef(OuterRef("pk")))
        | Q(household__building__zones=OuterRef(OuterRef("pk"))),
        person__isnull=False,
    ).values("person_id")
    latest = (
        WatchRecord.objects.filter(reason__in=CASE_REASONS, person_id__in=residents)
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(latest=Max("created_at"))
        .values("latest")
    )
    return Subquery(latest)


def zones_with_lifting(zones: QuerySet[Zone], today: date) -> list[Zone]:
    """The zones, each with `last_case`, `days_without_case` and `meets_lifting_rule`."""
    rows = list(zones.annotate(case_recorded_at=_latest_case_recorded()))
    for zone in rows:
        recorded = (
            timezone.localtime(zone.case_recorded_at).date() if zone.case_recorded_at else None
        )
        zone.last_case = max(
            (day for day in (zone.last_case_on, recorded) if day is not None), default=None
        )
        counted_from = max(zone.started_on, zone.last_case) if zone.last_case else zone.started_on
        zone.days_without_case = max(0, (today - counted_from).days)
        zone.meets_lifting_rule = (
            zone.status == ZoneStatus.ACTIVE and zone.days_without_case >= zone.lift_after_days
        )
        zone.lifting_on = counted_from + timedelta(days=zone.lift_after_days)
    return rows


def zones_due_for_lifting(user: Any, today: date | None = None) -> list[Zone]:
    today = today or timezone.localdate()
    active = zones_listed(user).filter(status=ZoneStatus.ACTIVE)
    return [zone for zone in zones_with_lifting(active, today) if zone.meets_lifting_rule]


def zone_for_page(zone: Zone) -> Zone:
    """The zone with its links read (checkpoints with their coordinates, for the map)."""
    return (
        Zone.objects.filter(pk=zone.pk)
        .select_related("unit")
        .prefetch_related(
            Prefetch("checkpoints", queryset=Checkpoint.objects.order_by("name")),
            "buildings__unit",
            "households__building",
        )
        .get()
    )


def map_features(user: Any, zones: list[Zone]) -> dict:
    """A GeoJSON FeatureCollection of the zones and the located checkpoints the user sees."""
    features = [
        {
            "type": "Feature",
            "geometry": zone.geometry,
            "properties": {
                "id": zone.pk,
                "name": zone.name,
                "level": zone.level,
                "level_label": str(zone.get_level_display()),
                "status": zone.status,
                "unit": zone.unit.name,
                "url": zone.get_absolute_url(),
                "lifting_due": bool(getattr(zone, "meets_lifting_rule", False)),
            },
        }
        for zone in zones
    ]
    located = (
        Checkpoint.objects.visible_to(user)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values("pk", "name", "latitude", "longitude", "status")
    )
    for checkpoint in located:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(checkpoint["longitude"]), float(checkpoint["latitude"])],
                },
                "properties": {
                    "kind": "checkpoint",
                    "name": checkpoint["name"],
                    "status": checkpoint["status"],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def zone_counts(zones: list[Zone]) -> dict[str, int]:
    """Active zones by level, and how many meet their lifting rule (the dashboard's tile)."""
    counts = dict.fromkeys(ZoneLevel.values, 0)
    for zone in zones:
        if zone.status == ZoneStatus.ACTIVE:
            counts[zone.level] += 1
    counts["lifting_due"] = sum(1 for zone in zones if zone.meets_lifting_rule)
    return counts
