"""What the areas' rows are made of: the page helpers, the rules shared by several rows, and the
record kind each path parameter names."""

from dataclasses import dataclass

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import CHECKPOINT_RECORDS, PASS_RECORDS, Policy, Rule

PUBLIC = "public"  # reached before signing in
# Called by a machine with its own token (a video system's), never by a person: a person's
# token or session is not one, and gets 401.
SYSTEM_TOKEN = "system token"

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
# Editing a draft is its author's or a publisher's (an object rule of outreach.services; the
# fixture's draft was written by chief1, so only publishers may edit it).
OTHERS_BULLETIN = Policy.all(C.PUBLISH_BULLETINS)

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
    "rumour_id": "rumour",
    "tracking_code": "intake_report",
    "window_id": "service_window",
    "booking_id": "booking",
    "code": "booking",
    "venue_id": "venue",
    "order_id": "closure_order",
    "household_id": "household",
    "member_id": "household_member",
    "visit_id": "visit",
    "household_job_id": "household_import",
    "campaign_id": "campaign",
    "building_id": "building",
    "duty_post_id": "duty_post",
    "duty_shift_id": "duty_shift",
    "duty_staff_id": "duty_staff",
    "vehicle_id": "vehicle",
    "patrol_id": "patrol",
    "alert_id": "video_alert",
    "inspection_id": "post_inspection",
    "bulletin_id": "bulletin",
    "group_id": "resident_group",
    "checkpoint_id": "checkpoint",
    "zone_id": "zone",
    "movement_id": "supply_movement",
    "item_id": "supply_item",
}
