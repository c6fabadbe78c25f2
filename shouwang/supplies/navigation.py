"""The supplies area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .policy import SUPPLY_RECORDS

NAVIGATION = [NavigationEntry(_("物资"), "supplies:stock", SUPPLY_RECORDS)]
