"""The audit app's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability
from shouwang.shell.navigation import NavigationEntry

NAVIGATION = [NavigationEntry(_("审计"), "audit:events", Capability.VIEW_AUDIT)]
