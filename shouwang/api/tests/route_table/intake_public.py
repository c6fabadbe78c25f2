"""Intake's residents' side: tips, help requests and grievances, without an account."""

from shouwang.units.policy import Rule

from .entries import PUBLIC, Page, form, view

PAGES: dict[str, Page] = {
    # residents' pages: no account
    "intake_public:home": view(PUBLIC),
    "intake_public:tip": form(PUBLIC),
    "intake_public:help": form(PUBLIC),
    "intake_public:grievance": form(PUBLIC),
    "intake_public:status": view(PUBLIC),
}

API: dict[str, Rule] = {
    "GET /api/v1/public/units": PUBLIC,
    "POST /api/v1/public/reports": PUBLIC,
    "GET /api/v1/public/reports/{tracking_code}": PUBLIC,
}
