"""Venues: the registry, closure orders, inspections and price checks."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Rule
from shouwang.venues.policy import (
    PRICE_SETTINGS,
    VENUE_EXPORT,
    VENUE_FIELD_WORK,
    VENUE_FIGURES,
    VENUE_RECORDS,
    VENUE_REVEAL,
)

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # venues: closing and approving reopening is the closing authority's (ORDER_CLOSURES)
    "venues:list": form(VENUE_RECORDS),  # POST: the search, kept out of the URL
    "venues:export": form(VENUE_EXPORT),
    "venues:new": form(C.MANAGE_VENUES),
    "venues:detail": view(VENUE_RECORDS, "venue"),
    "venues:edit": form(C.MANAGE_VENUES, "venue"),
    "venues:reveal": action(VENUE_REVEAL, "venue"),
    "venues:transition": action(VENUE_RECORDS, "venue"),  # each target status has its rule
    "venues:inspect": form(C.INSPECT_VENUES, "venue"),
    "venues:price_check": form(C.INSPECT_VENUES, "venue"),
    "venues:due": view(VENUE_RECORDS),
    "venues:price_items": form(VENUE_RECORDS, post=PRICE_SETTINGS),
    "venues:orders": view(VENUE_RECORDS),
    "venues:order_new": form(C.ORDER_CLOSURES),
    "venues:order_detail": view(VENUE_RECORDS, "closure_order"),
    "venues:acknowledge": action(VENUE_FIELD_WORK, "closure_entry"),
    "venues:import_new": form(C.MANAGE_VENUES),
    "venues:import_template": view(VENUE_RECORDS),
    "venues:import_detail": view(VENUE_RECORDS, "venue_import"),
    "venues:figures": view(VENUE_FIGURES),
}

API: dict[str, Rule] = {
    "POST /api/v1/venues": C.MANAGE_VENUES,
    "GET /api/v1/venues": VENUE_RECORDS,
    "GET /api/v1/venues/{venue_id}": VENUE_RECORDS,
    "POST /api/v1/venues/{venue_id}/transitions": VENUE_RECORDS,
    "POST /api/v1/venues/{venue_id}/inspections": C.INSPECT_VENUES,
    "POST /api/v1/venues/{venue_id}/price-checks": C.INSPECT_VENUES,
    "POST /api/v1/closure-orders": C.ORDER_CLOSURES,
    "GET /api/v1/closure-orders": VENUE_RECORDS,
    "GET /api/v1/closure-orders/{order_id}": VENUE_RECORDS,
    "POST /api/v1/closure-orders/{order_id}/acknowledgements": VENUE_FIELD_WORK,
    "GET /api/v1/inspections/due": VENUE_RECORDS,
    "GET /api/v1/price-items": VENUE_RECORDS,
    "POST /api/v1/price-items": PRICE_SETTINGS,
    "GET /api/v1/stats/venues": VENUE_FIGURES,
}
