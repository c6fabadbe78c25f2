"""Rumours: the knowledge base and the residents' check."""

from shouwang.rumours.rules import RUMOUR_EXPORT, RUMOUR_MANAGE, RUMOUR_RECORDS
from shouwang.units.policy import Rule

from .entries import PUBLIC, Page, action, form, view

PAGES: dict[str, Page] = {
    # residents' page: no account
    "rumours_public:check": view(PUBLIC),
    # rumours: officers, chiefs and the duty desk keep the knowledge base (MANAGE_RUMOURS);
    # whoever answers residents reads it and checks group messages against it
    "rumours:list": view(RUMOUR_RECORDS),
    "rumours:export": form(RUMOUR_EXPORT),
    "rumours:new": form(RUMOUR_MANAGE),
    "rumours:check": form(RUMOUR_RECORDS),
    "rumours:detail": view(RUMOUR_RECORDS, "rumour"),
    "rumours:edit": form(RUMOUR_MANAGE, "rumour"),
    "rumours:transition": action(RUMOUR_MANAGE, "rumour"),
}

API: dict[str, Rule] = {
    "POST /api/v1/rumours": RUMOUR_MANAGE,
    "GET /api/v1/rumours": RUMOUR_RECORDS,
    "POST /api/v1/rumours/check": RUMOUR_RECORDS,
    "GET /api/v1/rumours/{rumour_id}": RUMOUR_RECORDS,
    "PATCH /api/v1/rumours/{rumour_id}": RUMOUR_MANAGE,
    "POST /api/v1/rumours/{rumour_id}/transitions": RUMOUR_MANAGE,
    "GET /api/v1/public/rumour-check": PUBLIC,
}
