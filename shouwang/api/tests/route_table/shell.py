"""Site-wide pages: home, signing in and out, second factor, language."""

from shouwang.units.policy import SIGNED_IN, Rule

from .entries import PUBLIC, Page, action, view

PAGES: dict[str, Page] = {
    "home": view(SIGNED_IN),
    "login": view(PUBLIC),
    "logout": action(PUBLIC),
    "second_factor": view(SIGNED_IN),
    "set_language": action(PUBLIC),
}

API: dict[str, Rule] = {}
