"""Supplies: items, movements, stock and donors."""

from shouwang.supplies.policy import DONOR_REVEAL, SUPPLY_EXPORT, SUPPLY_RECORDS, SUPPLY_WRITE
from shouwang.units.policy import Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # supplies: the keeper of a unit's gear records movements (MANAGE_SUPPLIES); the commander
    # reads every unit's figures
    "supplies:stock": view(SUPPLY_RECORDS),
    "supplies:movements": view(SUPPLY_RECORDS),
    "supplies:movement_new": form(SUPPLY_WRITE),
    "supplies:movements_export": form(SUPPLY_EXPORT),
    "supplies:movement_reverse": action(SUPPLY_WRITE, "supply_movement"),
    "supplies:items": form(SUPPLY_RECORDS, post=SUPPLY_WRITE),
    "supplies:item_threshold": action(SUPPLY_WRITE, "supply_item"),
    "supplies:donors": view(SUPPLY_RECORDS),
    "supplies:donors_export": form(SUPPLY_EXPORT),
    "supplies:donor_thank": action(SUPPLY_WRITE, "donor"),
    "supplies:donor_reveal": action(DONOR_REVEAL, "donor"),
}

API: dict[str, Rule] = {
    "GET /api/v1/supplies/items": SUPPLY_RECORDS,
    "POST /api/v1/supplies/items": SUPPLY_WRITE,
    "PATCH /api/v1/supplies/items/{item_id}": SUPPLY_WRITE,
    "POST /api/v1/supplies/movements": SUPPLY_WRITE,
    "GET /api/v1/supplies/movements": SUPPLY_RECORDS,
    "POST /api/v1/supplies/movements/{movement_id}/reverse": SUPPLY_WRITE,
    "GET /api/v1/supplies/stock": SUPPLY_RECORDS,
    "GET /api/v1/supplies/donors": SUPPLY_RECORDS,
}
