"""The people app's menu entries (collected by shouwang.shell.navigation).

Its other pages (overdue and ending lists, imports, isolation policies and sites, the health
liaison's lists) are in the people pages' own sub-menu (templates/people/_nav.html).
"""

from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability
from shouwang.shell.navigation import NavigationEntry

NAVIGATION = [
    NavigationEntry(_("重点人员"), "people:list", Capability.VIEW_PEOPLE),
    NavigationEntry(_("今日随访"), "people:due", Capability.RECORD_FOLLOW_UPS),
    NavigationEntry(_("健康预警"), "people:alerts", Capability.VIEW_PEOPLE),
]
