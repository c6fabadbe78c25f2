"""The duty area's menu entries (collected by shouwang.shell.navigation).

Its other pages (posts, staff, hours served) are in the area's own sub-menu
(templates/duty/_nav.html).
"""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import DUTY_RECORDS, MY_SHIFTS_MENU

NAVIGATION = [
    NavigationEntry(_("我的班次"), "duty:mine", MY_SHIFTS_MENU),
    NavigationEntry(_("勤务排班"), "duty:roster", DUTY_RECORDS),
    NavigationEntry(_("岗位缺员"), "duty:coverage", DUTY_RECORDS),
]
