"""Community: households, screening campaigns and buildings."""

from shouwang.accounts.roles import Capability as C
from shouwang.community.rules import (
    COMMUNITY_EXPORT,
    COMMUNITY_RECORDS,
    IMPORT_HOUSEHOLDS,
    MEMBER_REVEAL,
)
from shouwang.units.policy import Rule

from .entries import OTHERS_BUILDING, Page, action, form, view

PAGES: dict[str, Page] = {
    # community: field officers visit and keep logs (WORK_COMMUNITY), chiefs and commanders
    # launch campaigns and appoint captains (MANAGE_COMMUNITY); both read
    "community:households": form(COMMUNITY_RECORDS),
    "community:households_export": form(COMMUNITY_EXPORT),
    "community:household_new": form(C.WORK_COMMUNITY),
    "community:household": view(COMMUNITY_RECORDS, "household"),
    "community:member_new": action(C.WORK_COMMUNITY, "household"),
    "community:household_move": form(C.MANAGE_COMMUNITY, "household"),
    "community:household_edit": form(C.WORK_COMMUNITY, "household"),
    "community:member_edit": form(C.WORK_COMMUNITY, "household_member"),
    "community:member_reveal": action(MEMBER_REVEAL, "household_member"),
    "community:visit_void": action(C.WORK_COMMUNITY, "visit"),
    "community:import_new": form(IMPORT_HOUSEHOLDS),
    "community:import_template": view(COMMUNITY_RECORDS),
    "community:import_detail": view(COMMUNITY_RECORDS, "household_import"),
    "community:import_apply": action(IMPORT_HOUSEHOLDS, "household_import"),
    "community:campaigns": view(COMMUNITY_RECORDS),
    "community:campaign_new": form(C.MANAGE_COMMUNITY),
    "community:campaign": view(COMMUNITY_RECORDS, "campaign"),
    "community:campaign_export": form(COMMUNITY_EXPORT, "campaign"),
    "community:point_new": form(C.MANAGE_COMMUNITY, "campaign"),
    "community:walk": view(C.WORK_COMMUNITY, "campaign"),
    "community:visit_new": form(C.WORK_COMMUNITY, "campaign"),
    "community:buildings": view(COMMUNITY_RECORDS),
    "community:buildings_mine": view(C.WORK_COMMUNITY),
    "community:building": view(COMMUNITY_RECORDS, "building"),
    "community:activity_new": action(OTHERS_BUILDING, "building"),
    "community:representative_new": action(OTHERS_BUILDING, "building"),
    "community:activity_void": action(OTHERS_BUILDING, "activity"),
    "community:captain_new": action(C.MANAGE_COMMUNITY, "building"),
    "community:building_move": action(C.MANAGE_COMMUNITY, "building"),
}

API: dict[str, Rule] = {
    "POST /api/v1/households": C.WORK_COMMUNITY,
    "GET /api/v1/households": COMMUNITY_RECORDS,
    "GET /api/v1/households/{household_id}": COMMUNITY_RECORDS,
    "POST /api/v1/households/{household_id}/members": C.WORK_COMMUNITY,
    "PATCH /api/v1/households/{household_id}": C.WORK_COMMUNITY,
    "PATCH /api/v1/households/{household_id}/members/{member_id}": C.WORK_COMMUNITY,
    "POST /api/v1/households/{household_id}/members/{member_id}/removal": C.WORK_COMMUNITY,
    "POST /api/v1/household-imports": IMPORT_HOUSEHOLDS,
    "GET /api/v1/household-imports/{household_job_id}": COMMUNITY_RECORDS,
    "POST /api/v1/household-imports/{household_job_id}/apply": IMPORT_HOUSEHOLDS,
    "POST /api/v1/screening/campaigns": C.MANAGE_COMMUNITY,
    "GET /api/v1/screening/campaigns": COMMUNITY_RECORDS,
    "GET /api/v1/screening/campaigns/{campaign_id}/coverage": COMMUNITY_RECORDS,
    "POST /api/v1/screening/campaigns/{campaign_id}/points": C.MANAGE_COMMUNITY,
    "POST /api/v1/screening/visits": C.WORK_COMMUNITY,
    "GET /api/v1/screening/visits": COMMUNITY_RECORDS,
    "POST /api/v1/screening/visits/{visit_id}/void": C.WORK_COMMUNITY,
    "GET /api/v1/buildings": COMMUNITY_RECORDS,
    "POST /api/v1/buildings/{building_id}/activities": OTHERS_BUILDING,
    "GET /api/v1/buildings/{building_id}/activities": COMMUNITY_RECORDS,
    "POST /api/v1/buildings/{building_id}/captain": C.MANAGE_COMMUNITY,
    "GET /api/v1/stats/buildings": COMMUNITY_RECORDS,
}
