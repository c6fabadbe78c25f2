"""The units app's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

NAVIGATION = [NavigationEntry(_("单位"), "units:list")]
