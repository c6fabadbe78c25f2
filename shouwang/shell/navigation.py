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
    NavigationEntry(_("卡点登记"), "checkpoints:shift", Capability.REGISTER_PASSAGES),
    NavigationEntry(_("卡点"), "checkpoints:list", Capability.MANAGE_CHECKPOINTS),
    NavigationEntry(_("通行记录"), "checkpoints:passages", Capability.REGISTER_PASSAGES),
    NavigationEntry(_("卡点统计"), "checkpoints:figures", Capability.VIEW_REPORTS),
    NavigationEntry(_("重点人员"), "people:list", Capability.VIEW_PEOPLE),
    NavigationEntry(_("今日随访"), "people:due", Capability.RECORD_FOLLOW_UPS),
    NavigationEntry(_("健康预警"), "people:alerts", Capability.VIEW_PEOPLE),
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
