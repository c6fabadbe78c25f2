"""Outreach: bulletins (and their public pages) and resident groups."""

from shouwang.accounts.roles import Capability as C
from shouwang.outreach.rules import (
    BULLETIN_EXPORT,
    BULLETIN_RECORDS,
    GROUP_EXPORT,
    GROUP_MANAGE,
    GROUP_RECORDS,
    OUTREACH_FIGURES,
)
from shouwang.units.policy import Rule

from .entries import OTHERS_BULLETIN, PUBLIC, Page, action, form, view

PAGES: dict[str, Page] = {
    # outreach: officers draft, chiefs and the commander approve and publish; groups are kept by
    # their admins (MANAGE_RESIDENT_GROUPS) and read by publishers too
    "outreach:bulletins": view(BULLETIN_RECORDS),
    "outreach:bulletin_export": form(BULLETIN_EXPORT),
    "outreach:bulletin_new": form(C.DRAFT_BULLETINS),
    "outreach:bulletin": view(BULLETIN_RECORDS, "bulletin"),
    "outreach:bulletin_edit": form(OTHERS_BULLETIN, "bulletin"),
    # each target status has its rule (outreach.services.bulletins.RULES)
    "outreach:bulletin_transition": action(BULLETIN_RECORDS, "bulletin"),
    "outreach:groups": view(GROUP_RECORDS),
    "outreach:group_export": form(GROUP_EXPORT),
    "outreach:group_new": form(GROUP_MANAGE),
    "outreach:group": view(GROUP_RECORDS, "resident_group"),
    "outreach:group_edit": form(GROUP_MANAGE, "resident_group"),
    "outreach:group_reading": action(GROUP_MANAGE, "resident_group"),
    "outreach:group_post": action(GROUP_MANAGE, "resident_group"),
    "outreach:figures": view(OUTREACH_FIGURES),
    "outreach_public:bulletins": view(PUBLIC),
    "outreach_public:bulletin": view(PUBLIC, "bulletin"),
}

API: dict[str, Rule] = {
    "POST /api/v1/bulletins": C.DRAFT_BULLETINS,
    "GET /api/v1/bulletins": BULLETIN_RECORDS,
    "GET /api/v1/bulletins/{bulletin_id}": BULLETIN_RECORDS,
    "POST /api/v1/bulletins/{bulletin_id}/transitions": BULLETIN_RECORDS,
    "GET /api/v1/public/bulletins": PUBLIC,
    "GET /api/v1/resident-groups": GROUP_RECORDS,
    "POST /api/v1/resident-groups": GROUP_MANAGE,
    "GET /api/v1/resident-groups/{group_id}": GROUP_RECORDS,
    "PATCH /api/v1/resident-groups/{group_id}": GROUP_MANAGE,
    "GET /api/v1/resident-groups/{group_id}/readings": GROUP_RECORDS,
    "POST /api/v1/resident-groups/{group_id}/readings": GROUP_MANAGE,
    "POST /api/v1/resident-groups/{group_id}/posts": GROUP_MANAGE,
    "GET /api/v1/stats/outreach": OUTREACH_FIGURES,
}
