"""The outreach area's menu entries (宣传引导, collected by shouwang.shell.navigation).

Its other pages (figures, exports) are in the area's own sub-menu (templates/outreach/_nav.html).
"""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import BULLETIN_RECORDS, GROUP_RECORDS

NAVIGATION = [
    NavigationEntry(_("宣传通告"), "outreach:bulletins", BULLETIN_RECORDS),
    NavigationEntry(_("警民联系群"), "outreach:groups", GROUP_RECORDS),
]
