"""Who may do what with booked services: the rules the pages, the API and the services share.

Station chiefs and the bureau's command (MANAGE_SERVICE_WINDOWS) open windows, set their weekly
template, generate slots and change a slot's places. Officers and auxiliary officers
(SERVE_BOOKINGS) read the day's bookings of their unit and mark them served or absent.
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

BOOKING_RECORDS = Policy.any(C.SERVE_BOOKINGS, C.MANAGE_SERVICE_WINDOWS)
BOOKING_SERVE = Policy.all(C.SERVE_BOOKINGS)
WINDOW_MANAGE = Policy.all(C.MANAGE_SERVICE_WINDOWS)
BOOKING_EXPORT = BOOKING_RECORDS.with_all(C.EXPORT_DATA)
BOOKING_REVEAL = BOOKING_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
