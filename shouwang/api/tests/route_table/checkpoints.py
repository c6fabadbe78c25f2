"""Checkpoints and passages."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import CHECKPOINT_FIGURES, CHECKPOINT_RECORDS, Rule

from .entries import OCCUPANT_REVEAL, OTHERS_PASSAGE, PASSAGE_EXPORT, Page, action, form, view

PAGES: dict[str, Page] = {
    # checkpoints and passages
    "checkpoints:list": view(CHECKPOINT_RECORDS),
    "checkpoints:new": form(C.MANAGE_CHECKPOINTS),
    "checkpoints:shift": view(C.REGISTER_PASSAGES),
    "checkpoints:plate_feedback": view(C.REGISTER_PASSAGES),
    "checkpoints:green_board": view(CHECKPOINT_RECORDS),
    "checkpoints:detail": view(CHECKPOINT_RECORDS, "checkpoint"),
    "checkpoints:edit": form(C.MANAGE_CHECKPOINTS, "checkpoint"),
    "checkpoints:status": action(C.MANAGE_CHECKPOINTS, "checkpoint"),
    "checkpoints:register": form(C.REGISTER_PASSAGES, "checkpoint"),
    "checkpoints:passages": form(CHECKPOINT_RECORDS),
    "checkpoints:passages_export": form(PASSAGE_EXPORT),
    "checkpoints:passage": view(CHECKPOINT_RECORDS, "passage"),
    "checkpoints:passage_edit": action(OTHERS_PASSAGE, "passage"),
    "checkpoints:passage_void": action(OTHERS_PASSAGE, "passage"),
    "checkpoints:occupant_reveal": action(OCCUPANT_REVEAL, "passage"),
    "checkpoints:figures": view(CHECKPOINT_FIGURES),
}

API: dict[str, Rule] = {
    "GET /api/v1/checkpoints": CHECKPOINT_RECORDS,
    "POST /api/v1/passages": C.REGISTER_PASSAGES,
    "GET /api/v1/passages": CHECKPOINT_RECORDS,
    "POST /api/v1/passages/batch": C.REGISTER_PASSAGES,
    "GET /api/v1/passages/{passage_id}": CHECKPOINT_RECORDS,
    "PATCH /api/v1/passages/{passage_id}": OTHERS_PASSAGE,
    "POST /api/v1/passages/{passage_id}/void": OTHERS_PASSAGE,
    "GET /api/v1/plates/{plate}/lookup": C.REGISTER_PASSAGES,
    "GET /api/v1/checkpoints/{checkpoint_id}/recent-plates": C.REGISTER_PASSAGES,
    "GET /api/v1/stats/checkpoints": CHECKPOINT_FIGURES,
}
