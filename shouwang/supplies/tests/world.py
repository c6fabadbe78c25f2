"""The supplies records of the role × route world (shouwang/api/tests/route_world.py): at each
station and at the bureau, an item, a received movement and a donor."""

from typing import Any


def supplies_objects(unit, maker) -> dict[str, Any]:
    from shouwang.supplies.services import item_create, movement_record

    item = item_create(
        actor=maker,
        unit=unit,
        name=f"{unit.name}口罩",
        unit_of_measure="只",
        category="protective",
    )
    received = movement_record(actor=maker, unit=unit, item=item, kind="received", quantity=100)
    donated = movement_record(
        actor=maker,
        unit=unit,
        item=item,
        kind="donated",
        quantity=10,
        donor_details={"name": "爱心人士", "organisation": "", "contact": "13800138000"},
    )
    return {"supply_item": item, "supply_movement": received, "donor": donated.donor}
