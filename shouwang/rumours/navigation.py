"""The rumours area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import RUMOUR_RECORDS

NAVIGATION = [
    NavigationEntry(_("谣言库"), "rumours:list", RUMOUR_RECORDS),
    # Pasting a group message to answer it: for everyone who answers residents.
    NavigationEntry(_("谣言比对"), "rumours:check", RUMOUR_RECORDS),
]
