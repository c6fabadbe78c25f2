"""Every write of the people area; views and endpoints call these, nothing else saves."""

from .followup_schedule import followups_catch_up, followups_generate
from .followups import alert_acknowledge, followup_record
from .handovers import HandoverOccupant, handover_receive
from .import_apply import import_job_apply, import_job_request_apply
from .imports import import_job_create, import_job_process
from .isolation import episode_change_end, episode_start, episode_transition
from .isolation_setup import isolation_policy_save, isolation_site_save, planned_end_for
from .persons import (
    PersonConflict,
    person_flag_refresh,
    person_merge,
    person_register,
    person_update,
    travel_add,
)
from .watch import watch_record_create, watch_record_set_status

__all__ = [
    "HandoverOccupant",
    "PersonConflict",
    "alert_acknowledge",
    "episode_change_end",
    "episode_start",
    "episode_transition",
    "followup_record",
    "followups_catch_up",
    "followups_generate",
    "handover_receive",
    "import_job_apply",
    "import_job_create",
    "import_job_request_apply",
    "import_job_process",
    "isolation_policy_save",
    "isolation_site_save",
    "person_flag_refresh",
    "person_merge",
    "person_register",
    "person_update",
    "planned_end_for",
    "travel_add",
    "watch_record_create",
    "watch_record_set_status",
]
