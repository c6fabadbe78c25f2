"""The community area's menu entries (collected by shouwang.shell.navigation).

Its other pages (households, imports) are in the area's own sub-menu
(templates/community/_nav.html).
"""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import COMMUNITY_RECORDS, WORK

NAVIGATION = [
    NavigationEntry(_("入户排查"), "community:campaigns", COMMUNITY_RECORDS),
    NavigationEntry(_("楼栋与住户"), "community:buildings", COMMUNITY_RECORDS),
    NavigationEntry(_("我的楼栋"), "community:buildings_mine", WORK),
]
