"""The rules of the command area's pages and API operations (named once, used by both)."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

# Zones are read by those who command and by those who work inside them (checkpoints, screening).
ZONE_RECORDS = Policy.any(C.VIEW_REPORTS, C.MANAGE_ZONES, C.WORK_COMMUNITY)
MANAGE_ZONES = Policy.all(C.MANAGE_ZONES)
# The dashboard and the daily report: the commander and the station chiefs.
REPORTS = Policy.all(C.VIEW_REPORTS)
REPORT_EXPORT = REPORTS.with_all(C.EXPORT_DATA)
