"""The rules of the cases area's pages and API operations (named once, used by both)."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

# Those who work cases read them; the commander and those deciding penalties too.
CASE_RECORDS = Policy.any(C.HANDLE_CASES, C.DECIDE_PENALTIES)
CASE_EXPORT = CASE_RECORDS.with_all(C.EXPORT_DATA)
CASE_FIGURES = Policy.any(C.HANDLE_CASES, C.DECIDE_PENALTIES, C.VIEW_REPORTS)
