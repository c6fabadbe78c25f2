"""Passes: issuing, verifying, renewing and revoking."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import PASS_RECORDS, Rule

from .entries import PASS_EXPORT, Page, action, form, view

PAGES: dict[str, Page] = {
    # passes
    "passes:list": form(PASS_RECORDS),
    "passes:export": form(PASS_EXPORT),
    "passes:new": form(C.MANAGE_PASSES),
    "passes:issuers": form(PASS_RECORDS, post=C.MANAGE_PASSES),
    "passes:scan": view(C.VERIFY_PASSES),
    "passes:scan_verify": action(C.VERIFY_PASSES),
    "passes:verifications": view(PASS_RECORDS),
    "passes:detail": view(PASS_RECORDS, "pass"),
    "passes:print": view(C.MANAGE_PASSES, "pass"),
    "passes:revoke": action(C.MANAGE_PASSES, "pass"),
    "passes:renew": action(C.MANAGE_PASSES, "pass"),
}

API: dict[str, Rule] = {
    "GET /api/v1/passes": PASS_RECORDS,
    "POST /api/v1/passes": C.MANAGE_PASSES,
    "POST /api/v1/passes/verify": C.VERIFY_PASSES,
    "GET /api/v1/passes/issuers": PASS_RECORDS,
    "POST /api/v1/passes/issuers": C.MANAGE_PASSES,
    "GET /api/v1/passes/signing-key": C.MANAGE_PASSES,
    "GET /api/v1/passes/offline-material": C.VERIFY_PASSES,
    "GET /api/v1/passes/{pass_id}": PASS_RECORDS,
    "POST /api/v1/passes/{pass_id}/revoke": C.MANAGE_PASSES,
    "POST /api/v1/passes/{pass_id}/renew": C.MANAGE_PASSES,
}
