"""Cases and penalties."""

from shouwang.accounts.roles import Capability as C
from shouwang.cases.policy import CASE_EXPORT, CASE_FIGURES, CASE_RECORDS
from shouwang.units.policy import Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # cases: those who work them read them; auxiliaries work them but decide no penalty
    "cases:list": view(CASE_RECORDS),
    "cases:export": form(CASE_EXPORT),
    "cases:new": form(C.HANDLE_CASES),
    "cases:figures": view(CASE_FIGURES),
    "cases:detail": view(CASE_RECORDS, "case"),
    "cases:edit": form(C.HANDLE_CASES, "case"),
    "cases:party_new": action(C.HANDLE_CASES, "case"),
    "cases:decide": action(C.DECIDE_PENALTIES, "case"),
    "cases:close": action(C.HANDLE_CASES, "case"),
    "cases:evidence_upload": action(C.HANDLE_CASES, "case"),
    "cases:evidence_file": view(CASE_RECORDS, "evidence"),
    "cases:evidence_void": action(C.HANDLE_CASES, "evidence"),
}

API: dict[str, Rule] = {
    "POST /api/v1/cases": C.HANDLE_CASES,
    "GET /api/v1/cases": CASE_RECORDS,
    "GET /api/v1/cases/{case_id}": CASE_RECORDS,
    "POST /api/v1/cases/{case_id}/decision": C.DECIDE_PENALTIES,
    "POST /api/v1/cases/{case_id}/close": C.HANDLE_CASES,
    "GET /api/v1/stats/cases": CASE_FIGURES,
}
