"""The key areas' menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

# Every unit applies the bureau's list: everyone signed in reads it.
NAVIGATION = [NavigationEntry(_("重点地区"), "areas:list")]
