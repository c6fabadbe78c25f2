"""The installable web app."""

from shouwang.units.policy import Rule

from .entries import PUBLIC, Page, view

PAGES: dict[str, Page] = {
    # the installable web app: manifest, service worker and offline page name no one
    "offline:manifest": view(PUBLIC),
    "offline:service_worker": view(PUBLIC),
    "offline:fallback": view(PUBLIC),
}

API: dict[str, Rule] = {}
