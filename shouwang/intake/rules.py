"""Who may do what with residents' reports: the rules the pages, the API and the services share.

The duty desk, station chiefs and officers (HANDLE_INTAKE) take reports in hand: claim, assign,
move through the statuses, merge, enter calls and visits, open green channels and record
deliveries. Commanders (VIEW_REPORTS) read the queue and its figures without handling it.
The bureau's service targets are set by its command (MANAGE_DUTY, at the bureau).
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

INTAKE_RECORDS = Policy.any(C.HANDLE_INTAKE, C.VIEW_REPORTS)
INTAKE_HANDLE = Policy.all(C.HANDLE_INTAKE)
INTAKE_EXPORT = INTAKE_RECORDS.with_all(C.EXPORT_DATA)
CONTACT_REVEAL = INTAKE_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
SLA_MANAGE = Policy.all(C.MANAGE_DUTY)
# The outcome "put under watch" is a write of the people area, under its own rule.
WATCH_FROM_REPORT = Policy.all(C.HANDLE_INTAKE, C.MANAGE_PEOPLE)
# The outcome "open a case" is a write of the cases area, under its own rule.
CASE_FROM_REPORT = Policy.all(C.HANDLE_INTAKE, C.HANDLE_CASES)
# The outcome "a rumour entry" is a write of the rumours area, under its own rule.
RUMOUR_FROM_REPORT = Policy.all(C.HANDLE_INTAKE, C.MANAGE_RUMOURS)
