"""The command area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from shouwang.command.zones.services import zone_create

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[108.9, 34.3], [108.91, 34.3], [108.91, 34.31], [108.9, 34.31], [108.9, 34.3]]
    ],
}


def zone_objects(unit, maker) -> dict[str, Any]:
    """A sealed zone of `unit`, drawn by its chief (or the commander for the bureau)."""
    zone = zone_create(
        actor=maker,
        unit=unit,
        data={"name": f"{unit.name}封控区", "level": "sealed", "geometry": SQUARE},
    )
    return {"zone": zone}
