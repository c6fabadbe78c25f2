"""The menu: each entry shows only to users holding its capability."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Capability


@dataclass(frozen=True)
class NavigationEntry:
    label: str
    url_name: str
    capability: str | None = None


# Later areas add their entries here, in the order a user meets them in his work.
NAVIGATION: list[NavigationEntry] = [
    NavigationEntry(_("首页"), "home"),
    NavigationEntry(_("单位"), "units:list"),
    NavigationEntry(_("人员名册"), "accounts:staff"),
    NavigationEntry(_("审计"), "audit:events", Capability.VIEW_AUDIT),
]


def navigation_for(user) -> list[dict[str, str]]:
    entries = []
    for entry in NAVIGATION:
        if entry.capability and not user.has_capability(entry.capability):
            continue
        try:
            entries.append({"label": str(entry.label), "url": reverse(entry.url_name)})
        except NoReverseMatch:
            continue
    return entries
