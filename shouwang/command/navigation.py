"""The command area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import REPORTS, ZONE_RECORDS

NAVIGATION = [
    NavigationEntry(_("指挥看板"), "command:dashboard", REPORTS),
    NavigationEntry(_("工作日报"), "command:report", REPORTS),
    NavigationEntry(_("封控区域"), "command:zones", ZONE_RECORDS),
]
