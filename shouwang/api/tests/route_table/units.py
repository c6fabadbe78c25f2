"""Units and their emergency level, and the audit log of access to personal data."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import SIGNED_IN, Rule

from .entries import Page, form, view

PAGES: dict[str, Page] = {
    # units
    "units:list": view(SIGNED_IN),
    "units:export": view(SIGNED_IN),
    "units:new": form(C.MANAGE_UNITS),
    "units:edit": form(C.MANAGE_UNITS, "unit"),
    "units:emergency": form(SIGNED_IN, "unit", post=C.SWITCH_EMERGENCY_LEVEL),
    "audit:events": view(C.VIEW_AUDIT),
}

API: dict[str, Rule] = {
    "GET /api/v1/units": SIGNED_IN,
    "GET /api/v1/units/{unit_id}": SIGNED_IN,
    "POST /api/v1/units/{unit_id}/emergency-level": C.SWITCH_EMERGENCY_LEVEL,
    "GET /api/v1/units/{unit_id}/emergency-level/history": SIGNED_IN,
    "GET /api/v1/audit/access-events": C.VIEW_AUDIT,
}
