"""The cases area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .policy import CASE_RECORDS

NAVIGATION = [NavigationEntry(_("涉疫案件"), "cases:list", CASE_RECORDS)]
