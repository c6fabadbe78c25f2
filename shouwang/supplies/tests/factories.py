"""Items and stock for the supplies tests, made through the services."""

from shouwang.supplies.models import Item
from shouwang.supplies.services import item_create, movement_record


def item(actor, *, name="医用外科口罩", unit=None, unit_of_measure="只", threshold=0) -> Item:
    return item_create(
        actor=actor,
        unit=unit or actor.unit,
        name=name,
        unit_of_measure=unit_of_measure,
        category="protective",
        low_stock_threshold=threshold,
    )


def receive(actor, supply: Item, quantity: int, *, unit=None, **extra):
    return movement_record(
        actor=actor,
        unit=unit or actor.unit,
        item=supply,
        kind="received",
        quantity=quantity,
        **extra,
    )


def issue(actor, supply: Item, quantity: int, *, unit=None, **extra):
    return movement_record(
        actor=actor, unit=unit or actor.unit, item=supply, kind="issued", quantity=quantity, **extra
    )
