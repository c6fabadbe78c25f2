"""Accounts: profile, password, API tokens, the staff list and its users."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import SIGNED_IN, Rule

from .entries import PUBLIC, Page, action, form, view

PAGES: dict[str, Page] = {
    # accounts
    "accounts:profile": view(SIGNED_IN),
    "accounts:password_change": form(SIGNED_IN),
    "accounts:token_revoke": action(SIGNED_IN, "token"),
    "accounts:staff": view(SIGNED_IN),
    "accounts:staff_export": form(C.EXPORT_DATA),
    "accounts:user_new": form(C.MANAGE_USERS),
    "accounts:user_edit": form(C.MANAGE_USERS, "user"),
    "accounts:staff_reveal": action(C.VIEW_PERSONAL_DATA, "user"),
    "accounts:user_unlock": action(C.MANAGE_USERS, "user"),
}

API: dict[str, Rule] = {
    "POST /api/v1/auth/token": PUBLIC,
    "GET /api/v1/me": SIGNED_IN,
    "GET /api/v1/auth/tokens": SIGNED_IN,
    "DELETE /api/v1/auth/tokens/{token_id}": SIGNED_IN,
    "GET /api/v1/users": SIGNED_IN,
    "POST /api/v1/users/{user_id}/unlock": C.MANAGE_USERS,
}
