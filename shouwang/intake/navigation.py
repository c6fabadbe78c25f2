"""The intake area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .rules import INTAKE_RECORDS

NAVIGATION = [NavigationEntry(_("线索与求助"), "intake:list", INTAKE_RECORDS)]
