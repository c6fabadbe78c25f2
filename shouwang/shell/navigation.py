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

from shouwang.units.policy import SIGNED_IN, Rule, allows

MODULE = "navigation"  # the module of an app that declares its entries


@dataclass(frozen=True)
class NavigationEntry:
    label: Any  # a lazy translation
    url_name: str
    rule: Rule = SIGNED_IN


HOME = NavigationEntry(_("首页"), "home")


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


def navigation_for(user: Any) -> list[dict[str, str]]:
    return [
        {"label": str(entry.label), "url": reverse(entry.url_name)}
        for entry in navigation_entries()
        if allows(user, entry.rule)
    ]
