"""People: watched people, isolation, follow-ups, list imports and liaison."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import ACKNOWLEDGE_ALERTS, EXPORT_PEOPLE, IMPORT_PEOPLE, Rule

from .entries import PERSON_REVEAL, Page, action, form, view

PAGES: dict[str, Page] = {
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
}

API: dict[str, Rule] = {
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
}
