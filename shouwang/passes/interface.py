"""What passes offers checkpoints, installed as its pass check (checkpoints.pass_checks)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from .services import pass_verify


def verify_for_passage(passage: Any) -> None:
    """Verify the pass shown with a stored passage, as its recorder, when it happened.

    The result is the verification linked to the passage; it informs the officer and never
    blocks the registration, so a code that cannot be checked leaves the passage unverified.
    """
    try:
        pass_verify(
            code=passage.pass_code,
            checkpoint=passage.checkpoint,
            actor=passage.recorded_by,
            at=passage.occurred_at,
            passage=passage,
        )
    except (PermissionDenied, ValidationError):
        return  # e.g. a code too long to be ours: the passage stands, unverified
