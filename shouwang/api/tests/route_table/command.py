"""Command: dashboard, daily report and zones."""

from shouwang.command.rules import MANAGE_ZONES, REPORT_EXPORT, REPORTS, ZONE_RECORDS
from shouwang.units.policy import Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # command: the dashboard and the daily report for VIEW_REPORTS; zones read by those who
    # command or work in them, drawn and lifted by MANAGE_ZONES
    "command:dashboard": view(REPORTS),
    "command:panel": view(REPORTS),
    "command:reports": view(REPORTS),
    "command:report": view(REPORTS),
    "command:report_print": view(REPORTS),
    "command:report_xlsx": view(REPORT_EXPORT),
    "command:zones": view(ZONE_RECORDS),
    "command:zone_new": form(MANAGE_ZONES),
    "command:zone_detail": form(ZONE_RECORDS, "zone", post=MANAGE_ZONES),
    "command:zone_level": action(MANAGE_ZONES, "zone"),
    "command:zone_case": action(MANAGE_ZONES, "zone"),
    "command:zone_lift": action(MANAGE_ZONES, "zone"),
}

API: dict[str, Rule] = {
    "GET /api/v1/zones": ZONE_RECORDS,
    "POST /api/v1/zones": MANAGE_ZONES,
    "GET /api/v1/zones/{zone_id}": ZONE_RECORDS,
    "PATCH /api/v1/zones/{zone_id}": MANAGE_ZONES,
    "POST /api/v1/zones/{zone_id}/level": MANAGE_ZONES,
    "POST /api/v1/zones/{zone_id}/cases": MANAGE_ZONES,
    "POST /api/v1/zones/{zone_id}/lift": MANAGE_ZONES,
    "GET /api/v1/reports/daily": REPORTS,
}
