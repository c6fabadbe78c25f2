"""Every write of the intake area; views and endpoints call these, nothing else saves."""

from .dispatch import delivery_record, movement_end, movement_open
from .outcomes import report_case_open, report_rumour_create, report_watch_create
from .photos import photo_verify, photo_void
from .settings import sla_targets_save
from .submit import report_enter, report_submit
from .triage import (
    TRANSITIONS,
    report_assign,
    report_claim,
    report_merge,
    report_reply,
    report_transition,
)

__all__ = [
    "TRANSITIONS",
    "delivery_record",
    "movement_end",
    "movement_open",
    "photo_verify",
    "photo_void",
    "report_assign",
    "report_case_open",
    "report_claim",
    "report_enter",
    "report_merge",
    "report_reply",
    "report_rumour_create",
    "report_submit",
    "report_transition",
    "report_watch_create",
    "sla_targets_save",
]
