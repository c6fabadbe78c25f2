"""Intake: the duty desk's handling of residents' reports."""

from shouwang.intake.rules import (
    CASE_FROM_REPORT,
    CONTACT_REVEAL,
    INTAKE_EXPORT,
    INTAKE_HANDLE,
    INTAKE_RECORDS,
    RUMOUR_FROM_REPORT,
    SLA_MANAGE,
    WATCH_FROM_REPORT,
)
from shouwang.units.policy import Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
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
    "intake:rumour": action(RUMOUR_FROM_REPORT, "intake_report"),
    "intake:case": action(CASE_FROM_REPORT, "intake_report"),
    "intake:movement": action(INTAKE_HANDLE, "intake_report"),
    "intake:movement_end": action(INTAKE_HANDLE, "intake_report"),
    "intake:delivery": action(INTAKE_HANDLE, "intake_report"),
    "intake:photo_void": action(INTAKE_HANDLE, "intake_report"),
}

API: dict[str, Rule] = {
    "GET /api/v1/intake/reports": INTAKE_RECORDS,
    "GET /api/v1/intake/reports/{report_id}": INTAKE_RECORDS,
    "POST /api/v1/intake/reports/{report_id}/assign": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/transitions": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/merge": INTAKE_HANDLE,
    "POST /api/v1/intake/reports/{report_id}/case": CASE_FROM_REPORT,
    "POST /api/v1/intake/reports/{report_id}/rumour": RUMOUR_FROM_REPORT,
    "GET /api/v1/stats/intake": INTAKE_RECORDS,
}
