"""The passes app's menu entries (collected by shouwang.shell.navigation).

The issuers and the verification log are reached from the pass list.
"""

from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability
from shouwang.shell.navigation import NavigationEntry
from shouwang.units.policy import PASS_RECORDS

NAVIGATION = [
    NavigationEntry(_("通行证"), "passes:list", PASS_RECORDS),
    NavigationEntry(_("扫码核验"), "passes:scan", Capability.VERIFY_PASSES),
]
