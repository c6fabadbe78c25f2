"""Who may do what in the duty area: the rules its pages, API and services share.

Station chiefs and the commander keep the roster (MANAGE_DUTY). Those who dispatch or field
calls read who stands where (the duty desk, officers); the staff list with its statuses
(sick, isolating) is for those who command. Everyone signed in reads his own shifts.
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import SIGNED_IN, Policy

MANAGE = Policy.all(C.MANAGE_DUTY)
DUTY_RECORDS = Policy.any(C.MANAGE_DUTY, C.VIEW_REPORTS, C.HANDLE_INTAKE)
STAFF_RECORDS = Policy.any(C.MANAGE_DUTY, C.VIEW_REPORTS)
STAFF_EXPORT = STAFF_RECORDS.with_all(C.EXPORT_DATA)
MY_SHIFTS = SIGNED_IN
# The menu shows "my shifts" to those who stand posts; the page itself opens for anyone.
MY_SHIFTS_MENU = Policy.any(C.REGISTER_PASSAGES, C.HANDLE_INTAKE)
