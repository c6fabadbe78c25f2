"""The menu: each app declares its entries; each entry shows only to users its rule allows.

An app lists its entries as `NAVIGATION` in its own `navigation.py`; the shell collects them in
the order of INSTALLED_APPS (units, accounts, audit, areas, checkpoints, passes, people, …),
the home page first. A new area adds `shouwang/<area>/navigation.py` and nothing here.

An entry's rule is the page's own rule or a narrower one (the menu may show a page to fewer
roles than may open it, never to more): shell/tests/test_navigation.py holds each role's menu.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shouwang.accounts.roles import Role
from shouwang.units.policy import SIGNED_IN, Rule, allows

MODULE = "navigation"  # the module of an app that declares its entries


@dataclass(frozen=True)
class NavigationEntry:
    label: Any  # a lazy translation
    url_name: str
    rule: Rule = SIGNED_IN


HOME = NavigationEntry(_("首页"), "home")

# A role's primary entries: its daily work, one tap away in the phone's bottom bar (in this
# order); every other entry of its menu is under "更多". Only entries of the role's menu
# (shell/tests/test_navigation.py checks that each role may open each of its primary pages).
# Home is the brand link of the top bar; four entries and "更多" fit a 360 px wide phone.
PRIMARY: dict[str, tuple[str, ...]] = {
    # The dashboard holds the checkpoint figures and every other area's, drilling down the tree.
    Role.COMMANDER: ("command:dashboard", "people:list", "people:alerts", "passes:list"),
    Role.STATION_CHIEF: ("checkpoints:shift", "people:list", "people:due", "people:alerts"),
    Role.OFFICER: ("checkpoints:shift", "people:list", "people:due", "people:alerts"),
    Role.AUXILIARY: ("checkpoints:shift", "people:list", "people:due", "people:alerts"),
    Role.VOLUNTEER: ("checkpoints:shift", "passes:scan", "checkpoints:passages", "duty:mine"),
    Role.DUTY_DESK: ("intake:list", "people:list", "people:alerts", "duty:mine"),
    Role.HEALTH_LIAISON: ("people:list", "people:alerts"),
    Role.ADMINISTRATOR: ("units:list", "accounts:staff", "audit:events"),
}


@cache
def navigation_entries() -> tuple[NavigationEntry, ...]:
    """Every app's entries, the home page first, then in the order of INSTALLED_APPS."""
    entries = [HOME]
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if not config.name.startswith("shouwang.") or config.name == __package__:
            continue
        if find_spec(name) is None:
            continue
        entries.extend(import_module(name).NAVIGATION)
    return tuple(entries)


def navigation_for(user: Any) -> list[dict[str, Any]]:
    """The user's menu, each item marked `primary` when it belongs in the phone's bottom bar."""
    primary = PRIMARY.get(getattr(user, "role", ""), ())
    return [
        {
            "label": str(entry.label),
            "url": reverse(entry.url_name),
            "name": entry.url_name,
            "primary": entry.url_name in primary,
        }
        for entry in navigation_entries()
        if allows(user, entry.rule)
    ]


def bottom_bar(user: Any, menu: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    """The user's menu split into the bottom bar (in the role's order) and the rest (更多)."""
    primary = PRIMARY.get(getattr(user, "role", ""), ())
    bar = sorted((item for item in menu if item["primary"]), key=lambda i: primary.index(i["name"]))
    return bar, [item for item in menu if not item["primary"]]
