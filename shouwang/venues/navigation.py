"""The venues area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability
from shouwang.shell.navigation import NavigationEntry

from .policy import VENUE_RECORDS

NAVIGATION = [
    NavigationEntry(_("场所"), "venues:list", VENUE_RECORDS),
    # The day's round of re-inspections: for those who make them.
    NavigationEntry(_("今日回访"), "venues:due", Capability.INSPECT_VENUES),
]
