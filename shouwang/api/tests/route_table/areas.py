"""Key areas, which checkpoints match against."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import SIGNED_IN, Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # key areas: every unit reads them (checkpoints match against them); managers keep them
    "areas:list": view(SIGNED_IN),
    "areas:export": view(SIGNED_IN),
    "areas:regions": view(SIGNED_IN),
    "areas:new": form(C.MANAGE_CHECKPOINTS),
    "areas:detail": form(SIGNED_IN, "key_area", post=C.MANAGE_CHECKPOINTS),
    "areas:end": action(C.MANAGE_CHECKPOINTS, "key_area"),
}

API: dict[str, Rule] = {
    "GET /api/v1/key-areas": SIGNED_IN,
    "POST /api/v1/key-areas": C.MANAGE_CHECKPOINTS,
    "GET /api/v1/key-areas/{area_id}": SIGNED_IN,
    "PATCH /api/v1/key-areas/{area_id}": C.MANAGE_CHECKPOINTS,
    "POST /api/v1/key-areas/{area_id}/end": C.MANAGE_CHECKPOINTS,
}
