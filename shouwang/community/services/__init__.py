"""Every write of the community area; views and endpoints call these, nothing else saves."""

from .addresses import (
    AddressTaken,
    building_find_or_create,
    building_move,
    household_create,
    household_move,
    household_update,
    member_add,
    member_remove,
    member_update,
)
from .captains import (
    activity_record,
    activity_void,
    captain_assign,
    captain_end,
    may_keep_log,
    representative_add,
    representative_end,
)
from .coverage import coverage_rebuild
from .findings import Finding
from .import_apply import household_import_apply, household_import_request_apply
from .imports import household_import_create, household_import_process
from .screening import campaign_create, point_create, point_staff_set, visit_record, visit_void

__all__ = [
    "AddressTaken",
    "Finding",
    "activity_record",
    "activity_void",
    "building_find_or_create",
    "building_move",
    "campaign_create",
    "captain_assign",
    "captain_end",
    "coverage_rebuild",
    "household_create",
    "household_import_apply",
    "household_import_create",
    "household_import_process",
    "household_import_request_apply",
    "household_move",
    "household_update",
    "may_keep_log",
    "member_add",
    "member_remove",
    "member_update",
    "point_create",
    "point_staff_set",
    "representative_add",
    "representative_end",
    "visit_record",
    "visit_void",
]
