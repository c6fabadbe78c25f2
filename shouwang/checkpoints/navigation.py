"""The checkpoints app's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability
from shouwang.shell.navigation import NavigationEntry

# Narrower than the pages' rules: a commander reaches the records from the checkpoint list.
NAVIGATION = [
    NavigationEntry(_("卡点登记"), "checkpoints:shift", Capability.REGISTER_PASSAGES),
    NavigationEntry(_("卡点"), "checkpoints:list", Capability.MANAGE_CHECKPOINTS),
    NavigationEntry(_("通行记录"), "checkpoints:passages", Capability.REGISTER_PASSAGES),
    NavigationEntry(_("卡点统计"), "checkpoints:figures", Capability.VIEW_REPORTS),
]
