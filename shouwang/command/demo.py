"""The command area's demo: the demo checkpoints placed on the map, four zones around the demo
units (城关's prevention area, 北门社区 under control, building 7 sealed after the fever case a
visit found, 南关 building 12 sealed three weeks ago and now due for lifting), and yesterday's
daily report of every bureau and station kept as the daily job keeps it. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.checkpoints.models import Checkpoint
from shouwang.checkpoints.services import checkpoint_update
from shouwang.community.models import Building
from shouwang.units.models import Unit

from .models import Zone
from .reports.services import daily_reports_generate
from .zones.services import zone_create

# A fictional county town near 37.6° N, 108.8° E: the map needs no tiles to show them.
CHECKPOINT_PLACES = {
    "城关东出口卡点": (Decimal("37.601000"), Decimal("108.826000")),
    "白云山高速出口检查站": (Decimal("37.652000"), Decimal("108.702000")),
    "通镇国道检查站": (Decimal("37.548000"), Decimal("108.903000")),
}


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# name, unit, level, outline, days ago it started, building (community, name) or None
ZONES = [
    ("城关镇防范区", "城关派出所", "prevention", _box(108.780, 37.580, 108.830, 37.620), 12, None),
    ("北门社区管控区", "北门社区", "controlled", _box(108.795, 37.600, 108.805, 37.608), 9, None),
    (
        "北门社区7号楼封控区",
        "北门社区",
        "sealed",
        _box(108.7990, 37.6030, 108.7996, 37.6035),
        3,
        ("北门社区", "7号楼"),
    ),
    (
        "南关社区12号楼封控区",
        "南关社区",
        "sealed",
        _box(108.8120, 37.5920, 108.8126, 37.5925),
        20,
        ("南关社区", "12号楼"),
    ),
]


def _place_checkpoints(commander: User) -> None:
    for checkpoint in Checkpoint.objects.filter(
        name__in=list(CHECKPOINT_PLACES), latitude__isnull=True
    ):
        latitude, longitude = CHECKPOINT_PLACES[checkpoint.name]
        checkpoint_update(
            actor=commander,
            checkpoint=checkpoint,
            name=checkpoint.name,
            kind=checkpoint.kind,
            location=checkpoint.location,
            latitude=latitude,
            longitude=longitude,
            is_24h=checkpoint.is_24h,
            opens_at=checkpoint.opens_at,
            closes_at=checkpoint.closes_at,
            party_member_post=checkpoint.party_member_post,
        )


def _zones(commander: User) -> None:
    units = {unit.name: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    for name, unit_name, level, outline, days_ago, building in ZONES:
        if Zone.objects.filter(name=name).exists() or unit_name not in units:
            continue
        buildings = []
        if building is not None:
            buildings = list(
                Building.objects.filter(unit__name=building[0], name=building[1]).values_list(
                    "pk", flat=True
                )
            )
        zone_create(
            actor=commander,
            unit=units[unit_name],
            data={
                "name": name,
                "level": level,
                "geometry": outline,
                "started_on": today - timedelta(days=days_ago),
                "buildings": buildings,
                "note": "演示数据",
            },
        )


def load() -> None:
    commander = User.objects.select_related("unit").get(username="commander")
    _place_checkpoints(commander)
    _zones(commander)
    daily_reports_generate(day=timezone.localdate() - timedelta(days=1))
