"""The expected role × route table: who may use every page and every API operation.

Each entry names the rule of its action (a capability or a shared `Policy` from units.policy), so
the roles allowed are those roles.py gives the capability. An action's page and its API operation
name the same rule. A new route without an entry here fails test_role_route_table.
"""

from dataclasses import dataclass

from shouwang.accounts.roles import Capability as C
from shouwang.cases.policy import CASE_EXPORT, CASE_FIGURES, CASE_RECORDS
from shouwang.community.rules import (
    COMMUNITY_EXPORT,
    COMMUNITY_RECORDS,
    IMPORT_HOUSEHOLDS,
)
from shouwang.intake.rules import (
    CASE_FROM_REPORT,
    CONTACT_REVEAL,
    INTAKE_EXPORT,
    INTAKE_HANDLE,
    INTAKE_RECORDS,
    SLA_MANAGE,
    WATCH_FROM_REPORT,
)
from shouwang.units.policy import (
    ACKNOWLEDGE_ALERTS,
    CHECKPOINT_FIGURES,
    CHECKPOINT_RECORDS,
    EXPORT_PEOPLE,
    IMPORT_PEOPLE,
    PASS_RECORDS,
    SIGNED_IN,
    Policy,
    Rule,
)
from shouwang.venues.policy import (
    PRICE_SETTINGS,
    VENUE_EXPORT,
    VENUE_FIELD_WORK,
    VENUE_FIGURES,
    VENUE_RECORDS,
    VENUE_REVEAL,
)

PUBLIC = "public"  # reached before signing in

# Not walked, with the reason. The Django admin has its own staff-only login (issue 9 item 2);
# static files are served by WhiteNoise before any view; the ninja root only anchors reverse().
EXCLUDED_PREFIXES = {
    "admin/": "Django admin: staff only, its own login and permissions",
    "static/": "static files, served by WhiteNoise, public by nature",
    "public/captcha/": "django-simple-captcha's challenge images: public, named by a one-time key",
}
EXCLUDED_NAMES = {
    "api:api-root": "anchor for reverse(), answers 404",
    "api:openapi-json": "the OpenAPI document: public description, no data",
    "api:openapi-view": "the OpenAPI console page: public description, no data",
}


@dataclass(frozen=True)
class Page:
    """A page's rule for GET and for POST (None: that method is not part of the page)."""

    get: Rule | None = None
    post: Rule | None = None
    obj: str | None = None  # the kind of record its <int:pk> names (route_world)

    def rules(self) -> dict[str, Rule]:
        return {m: r for m, r in (("GET", self.get), ("POST", self.post)) if r is not None}


def view(rule: Rule, obj: str | None = None) -> Page:
    return Page(get=rule, obj=obj)


def form(rule: Rule, obj: str | None = None, *, post: Rule | None = None) -> Page:
    return Page(get=rule, post=post or rule, obj=obj)


def action(rule: Rule, obj: str | None = None) -> Page:
    return Page(post=rule, obj=obj)


PASSAGE_EXPORT = CHECKPOINT_RECORDS.with_all(C.EXPORT_DATA)
OCCUPANT_REVEAL = CHECKPOINT_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
PASS_EXPORT = PASS_RECORDS.with_all(C.EXPORT_DATA)
PERSON_REVEAL = Policy.all(C.VIEW_PEOPLE, C.VIEW_PERSONAL_DATA)
# Changing another's passage: REGISTER_PASSAGES, and only its recorder or a checkpoint manager
# (an object rule of checkpoints.services; the fixture's passage was recorded by chief1).
OTHERS_PASSAGE = Policy.all(C.REGISTER_PASSAGES, C.MANAGE_CHECKPOINTS)
# A building's log is kept by its captain or a manager (an object rule of community.services;
# the fixture's buildings have no captain, so only managers may write theirs).
OTHERS_BUILDING = Policy.all(C.MANAGE_COMMUNITY)

PAGES: dict[str, Page] = {
    "home": view(SIGNED_IN),
    "login": view(PUBLIC),
    "logout": action(PUBLIC),
    "second_factor": view(SIGNED_IN),
    "set_language": action(PUBLIC),
    # accounts
    "accounts:profile": view(SIGNED_IN),
    "accounts:password_change": form(SIGNED_IN),
    "accounts:token_revoke": action(SIGNED_IN, "token"),
    "accounts:staff": view(SIGNED_IN),
    "accounts:staff_export": form(C.EXPORT_DATA),
    "accounts:user_new": form(C.MANAGE_USERS),
    "accounts:user_edit": form(C.MANAGE_USERS, "user"),
    "accounts:staff_reveal": action(C.VIEW_PERSONAL_DATA, "user"),
    "accounts:user_unlock": action(C.MANAGE_USERS, "user"),
    # units
    "units:list": view(SIGNED_IN),
    "units:export": view(SIGNED_IN),
    "units:new": form(C.MANAGE_UNITS),
    "units:edit": form(C.MANAGE_UNITS, "unit"),
    "units:emergency": form(SIGNED_IN, "unit", post=C.SWITCH_EMERGENCY_LEVEL),
    "audit:events": view(C.VIEW_AUDIT),
    # key areas: every unit reads them (checkpoints match against them); managers keep them
    "areas:list": view(SIGNED_IN),
    "areas:export": view(SIGNED_IN),
    "areas:regions": view(SIGNED_IN),
    "areas:new": form(C.MANAGE_CHECKPOINTS),
    "areas:detail": form(SIGNED_IN, "key_area", post=C.MANAGE_CHECKPOINTS),
    "areas:end": action(C.MANAGE_CHECKPOINTS, "key_area"),
    # checkpoints and passages
    "checkpoints:list": view(CHECKPOINT_RECORDS),
    "checkpoints:new": form(C.MANAGE_CHECKPOINTS),
    "checkpoints:shift": view(C.REGISTER_PASSAGES),
    "checkpoints:plate_feedback": view(C.REGISTER_PASSAGES),
    "checkpoints:green_board": view(CHECKPOINT_RECORDS),
    "checkpoints:detail": view(CHECKPOINT_RECORDS, "checkpoint"),
    "checkpoints:edit": form(C.MANAGE_CHECKPOINTS, "checkpoint"),
    "checkpoints:status": action(C.MANAGE_CHECKPOINTS, "checkpoint"),
    "checkpoints:register": form(C.REGISTER_PASSAGES, "checkpoint"),
    "checkpoints:passages": form(CHECKPOINT_RECORDS),
    "checkpoints:passages_export": form(PASSAGE_EXPORT),
    "checkpoints:passage": view(CHECKPOINT_RECORDS, "passage"),
    "checkpoints:passage_edit": action(OTHERS_PASSAGE, "passage"),
    "checkpoints:passage_void": action(OTHERS_PASSAGE, "passage"),
    "checkpoints:occupant_reveal": action(OCCUPANT_REVEAL, "passage"),
    "checkpoints:figures": view(CHECKPOINT_FIGURES),
    # passes
    "passes:list": form(PASS_RECORDS),
    "passes:export": form(PASS_EXPORT),
    "passes:new": form(C.MANAGE_PASSES),
    "passes:issuers": form(PASS_RECORDS, post=C.MANAGE_PASSES),
    "passes:scan": view(C.VERIFY_PASSES),
    "passes:scan_verify": action(C.VERIFY_PASSES),
    "passes:verifications": view(PASS_RECORDS),
    "passes:detail": view(PASS_RECORDS, "pass"),
    "passes:print": view(C.MANAGE_PASSES, "pass"),
    "passes:revoke": action(C.MANAGE_PASSES, "pass"),
    "passes:renew": action(C.MANAGE_PASSES, "pass"),
    # people: reading takes VIEW_PEOPLE, every change MANAGE_PEOPLE
    "people:list": form(C.VIEW_PEOPLE),
    "people:export": form(EXPORT_PEOPLE),
    "people:person_new": form(C.MANAGE_PEOPLE),
    "people:person_detail": view(C.VIEW_PEOPLE, "person"),
    "people:person_edit": form(C.MANAGE_PEOPLE, "person"),
    "people:person_reveal": action(PERSON_REVEAL, "person"),
    "people:person_merge": action(C.MANAGE_PEOPLE, "person"),
    "people:watch_new": action(C.MANAGE_PEOPLE, "person"),
    "people:travel_new": action(C.MANAGE_PEOPLE, "person"),
    "people:episode_new": form(C.MANAGE_PEOPLE, "person"),
    "people:watch_status": action(C.MANAGE_PEOPLE, "watch_record"),
    "people:episode_detail": view(C.VIEW_PEOPLE, "episode"),
    "people:episode_transition": action(C.MANAGE_PEOPLE, "episode"),
    "people:episode_end": action(C.MANAGE_PEOPLE, "episode"),
    "people:followup_new": form(C.RECORD_FOLLOW_UPS, "episode"),
    "people:release_notice": view(C.VIEW_PEOPLE, "episode"),
    "people:due": form(C.VIEW_PEOPLE),
    "people:overdue": form(C.VIEW_PEOPLE),
    "people:ending": view(C.VIEW_PEOPLE),
    "people:alerts": view(C.VIEW_PEOPLE),
    "people:alert_ack": action(ACKNOWLEDGE_ALERTS, "alert"),
    "people:import_new": form(IMPORT_PEOPLE),
    "people:import_template": view(C.VIEW_PEOPLE),
    "people:import_detail": view(C.VIEW_PEOPLE, "import_job"),
    "people:import_apply": action(IMPORT_PEOPLE, "import_job"),
    "people:import_rejected": form(EXPORT_PEOPLE, "import_job"),
    "people:policies": form(C.VIEW_PEOPLE, post=C.MANAGE_PEOPLE),
    "people:site_edit": form(C.MANAGE_PEOPLE, "site"),
    "people:liaison": form(C.VIEW_PEOPLE),
    "people:liaison_export": form(EXPORT_PEOPLE),
    # cases: those who work them read them; auxiliaries work them but decide no penalty
    "cases:list": view(CASE_RECORDS),
    "cases:export": form(CASE_EXPORT),
    "cases:new": form(C.HANDLE_CASES),
    "cases:figures": view(CASE_FIGURES),
    "cases:detail": view(CASE_RECORDS, "case"),
    "cases:edit": form(C.HANDLE_CASES, "case"),
    "cases:party_new": action(C.HANDLE_CASES, "case"),
    "cases:decide": action(C.DECIDE_PENALTIES, "case"),
    "cases:close": action(C.HANDLE_CASES, "case"),
    "cases:evidence_upload": action(C.HANDLE_CASES, "case"),
    "cases:evidence_file": view(CASE_RECORDS, "evidence"),
    "cases:evidence_void": action(C.HANDLE_CASES, "evidence"),
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
    # intake: the duty desk, chiefs and officers handle (HANDLE_INTAKE); commanders read
    "intake:list": view(INTAKE_RECORDS),
    "intake:export": form(INTAKE_EXPORT),
    "intake:new": form(INTAKE_HANDLE),
    "intake:figures": view(INTAKE_RECORDS),
    "intake:targets": form(INTAKE_RECORDS, post=SLA_MANAGE),
    "intake:detail": view(INTAKE_RECORDS, "intake_report"),
    "intake:photo": view(INTAKE_RECORDS, "intake_report"),
    "intake:reveal": action(CONTACT_REVEAL, "intake_report"),
    "intake:claim": action(INTAKE_HANDLE, "intake_report"),
    "intake:assign": action(INTAKE_HANDLE, "intake_report"),
    "intake:transition": action(INTAKE_HANDLE, "intake_report"),
    "intake:reply": action(INTAKE_HANDLE, "intake_report"),
    "intake:merge": action(INTAKE_HANDLE, "intake_report"),
    "intake:watch": action(WATCH_FROM_REPORT, "intake_report"),
    "intake:case": action(CASE_FROM_REPORT, "intake_report"),
    "intake:movement": action(INTAKE_HANDLE, "intake_report"),
    "intake:movement_end": action(INTAKE_HANDLE, "intake_report"),
    "intake:delivery": action(INTAKE_HANDLE, "intake_report"),
    "intake:photo_void": action(INTAKE_HANDLE, "intake_report"),
    # residents' pages: no account
    "intake_public:home": view(PUBLIC),
    "intake_public:tip": form(PUBLIC),
    "intake_public:help": form(PUBLIC),
    "intake_public:grievance": form(PUBLIC),
    "intake_public:status": view(PUBLIC),
    # community: field officers visit and keep logs (WORK_COMMUNITY), chiefs and commanders
    # launch campaigns and appoint captains (MANAGE_COMMUNITY); both read
    "community:households": form(COMMUNITY_RECORDS),
    "community:households_export": form(COMMUNITY_EXPORT),
    "community:household_new": form(C.WORK_COMMUNITY),
    "community:household": view(COMMUNITY_RECORDS, "household"),
    "community:member_new": action(C.WORK_COMMUNITY, "household"),
    "community:household_move": form(C.MANAGE_COMMUNITY, "household"),
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


# Keys are "METHOD path" exactly as the OpenAPI document writes them; path parameters name
# records by kind (PARAM_KINDS).
API: dict[str, Rule] = {
    "POST /api/v1/auth/token": PUBLIC,
    "GET /api/v1/me": SIGNED_IN,
    "GET /api/v1/auth/tokens": SIGNED_IN,
    "DELETE /api/v1/auth/tokens/{token_id}": SIGNED_IN,
    "GET /api/v1/users": SIGNED_IN,
    "POST /api/v1/users/{user_id}/unlock": C.MANAGE_USERS,
    "GET /api/v1/units": SIGNED_IN,
    "GET /api/v1/units/{unit_id}": SIGNED_IN,
    "POST /api/v1/units/{unit_id}/emergency-level": C.SWITCH_EMERGENCY_LEVEL,
    "GET /api/v1/units/{unit_id}/emergency-level/history": SIGNED_IN,
    "GET /api/v1/audit/access-events": C.VIEW_AUDIT,
    "GET /api/v1/key-areas": SIGNED_IN,
    "POST /api/v1/key-areas": C.MANAGE_CHECKPOINTS,
    "GET /api/v1/key-areas/{area_id}": SIGNED_IN,
    "PATCH /api/v1/key-areas/{area_id}": C.MANAGE_CHECKPOINTS,
    "POST /api/v1/key-areas/{area_id}/end": C.MANAGE_CHECKPOINTS,
    "GET /api/v1/checkpoints": CHECKPOINT_RECORDS,
    "POST /api/v1/passages": C.REGISTER_PASSAGES,
    "GET /api/v1/passages": CHECKPOINT_RECORDS,
    "POST /api/v1/passages/batch": C.REGISTER_PASSAGES,
    "GET /api/v1/passages/{passage_id}": CHECKPOINT_RECORDS,
    "PATCH /api/v1/passages/{passage_id}": OTHERS_PASSAGE,
    "POST /api/v1/passages/{passage_id}/void": OTHERS_PASSAGE,
    "GET /api/v1/plates/{plate}/lookup": C.REGISTER_PASSAGES,
    "GET /api/v1/stats/checkpoints": CHECKPOINT_FIGURES,
    "GET /api/v1/passes": PASS_RECORDS,
    "POST /api/v1/passes": C.MANAGE_PASSES,
    "POST /api/v1/passes/verify": C.VERIFY_PASSES,
    "GET /api/v1/passes/issuers": PASS_RECORDS,
    "POST /api/v1/passes/issuers": C.MANAGE_PASSES,
    "GET /api/v1/passes/signing-key": C.MANAGE_PASSES,
    "GET /api/v1/passes/{pass_id}": PASS_RECORDS,
    "POST /api/v1/passes/{pass_id}/revoke": C.MANAGE_PASSES,
    "POST /api/v1/passes/{pass_id}/renew": C.MANAGE_PASSES,
    "POST /api/v1/people": C.MANAGE_PEOPLE,
    "GET /api/v1/people": C.VIEW_PEOPLE,
    "POST /api/v1/people/search": C.VIEW_PEOPLE,  # a read: the query kept out of URLs
    "GET /api/v1/people/{person_id}": C.VIEW_PEOPLE,
    "GET /api/v1/people/{person_id}/duplicates": C.VIEW_PEOPLE,
    "POST /api/v1/people/{person_id}/merge": C.MANAGE_PEOPLE,
    "POST /api/v1/watch-records": C.MANAGE_PEOPLE,
    "GET /api/v1/watch-records": C.VIEW_PEOPLE,
    "POST /api/v1/watch-records/{record_id}/status": C.MANAGE_PEOPLE,
    "POST /api/v1/isolations": C.MANAGE_PEOPLE,
    "GET /api/v1/isolations/{episode_id}": C.VIEW_PEOPLE,
    "POST /api/v1/isolations/{episode_id}/transitions": C.MANAGE_PEOPLE,
    "POST /api/v1/isolations/{episode_id}/end": C.MANAGE_PEOPLE,
    "GET /api/v1/followups/due": C.VIEW_PEOPLE,
    "POST /api/v1/followups": C.RECORD_FOLLOW_UPS,
    "GET /api/v1/isolation-sites": C.VIEW_PEOPLE,
    "POST /api/v1/isolation-sites": C.MANAGE_PEOPLE,
    "PUT /api/v1/isolation-sites/{site_id}": C.MANAGE_PEOPLE,
    "POST /api/v1/imports/people": IMPORT_PEOPLE,
    "GET /api/v1/imports/{job_id}": C.VIEW_PEOPLE,
    "POST /api/v1/imports/{job_id}/apply": IMPORT_PEOPLE,
    "GET /api/v1/imports/{job_id}/rejected.xlsx": EXPORT_PEOPLE,
    "POST /api/v1/cases": C.HANDLE_CASES,
    "GET /api/v1/cases": CASE_RECORDS,
    "GET /api/v1/cases/{case_id}": CASE_RECORDS,
    "POST /api/v1/cases/{case_id}/decision": C.DECIDE_PENALTIES,
    "POST /api/v1/cases/{case_id}/close": C.HANDLE_CASES,
    "GET /api/v1/stats/cases": CASE_FIGURES,
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
    "GET /api/v1/public/units": PUBLIC,
    "POST /api/v1/public/reports": PUBLIC,
    "GET /api/v1/public/reports/{tracking_code}": PUBLIC,
    "GET /api/v1/intake/reports": INTAKE_RECORDS,
    "GET /api/v1/intake/reports/{report_id}": INTAKE_RECORDS,
    "POST /api/v1/intake/reports/{report_id}/assign": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/transitions": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/merge": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/case": CASE_FROM_REPORT,
    "GET /api/v1/stats/intake": INTAKE_RECORDS,
    "POST /api/v1/households": C.WORK_COMMUNITY,
    "GET /api/v1/households": COMMUNITY_RECORDS,
    "GET /api/v1/households/{household_id}": COMMUNITY_RECORDS,
    "POST /api/v1/households/{household_id}/members": C.WORK_COMMUNITY,
    "POST /api/v1/household-imports": IMPORT_HOUSEHOLDS,
    "GET /api/v1/household-imports/{household_job_id}": COMMUNITY_RECORDS,
    "POST /api/v1/household-imports/{household_job_id}/apply": IMPORT_HOUSEHOLDS,
    "POST /api/v1/screening/campaigns": C.MANAGE_COMMUNITY,
    "GET /api/v1/screening/campaigns": COMMUNITY_RECORDS,
    "GET /api/v1/screening/campaigns/{campaign_id}/coverage": COMMUNITY_RECORDS,
    "POST /api/v1/screening/campaigns/{campaign_id}/points": C.MANAGE_COMMUNITY,
    "POST /api/v1/screening/visits": C.WORK_COMMUNITY,
    "GET /api/v1/screening/visits": COMMUNITY_RECORDS,
    "GET /api/v1/buildings": COMMUNITY_RECORDS,
    "POST /api/v1/buildings/{building_id}/activities": OTHERS_BUILDING,
    "GET /api/v1/buildings/{building_id}/activities": COMMUNITY_RECORDS,
    "POST /api/v1/buildings/{building_id}/captain": C.MANAGE_COMMUNITY,
    "GET /api/v1/stats/buildings": COMMUNITY_RECORDS,
}

# Path parameter → the kind of record it names (route_world).
PARAM_KINDS = {
    "token_id": "token",
    "user_id": "user",
    "unit_id": "unit",
    "area_id": "key_area",
    "passage_id": "passage",
    "pass_id": "pass",
    "person_id": "person",
    "record_id": "watch_record",
    "episode_id": "episode",
    "site_id": "site",
    "job_id": "import_job",
    "case_id": "case",
    "report_id": "intake_report",
    "tracking_code": "intake_report",
    "venue_id": "venue",
    "order_id": "closure_order",
    "household_id": "household",
    "household_job_id": "household_import",
    "campaign_id": "campaign",
    "building_id": "building",
}
