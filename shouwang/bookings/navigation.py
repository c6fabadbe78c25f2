"""The booked services' menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import BOOKING_RECORDS, WINDOW_MANAGE

NAVIGATION = [
    # The day's appointments at the windows: for those who serve them and keep the windows.
    NavigationEntry(_("今日预约"), "bookings:day", BOOKING_RECORDS),
    NavigationEntry(_("预约窗口"), "bookings:windows", WINDOW_MANAGE),
]
