"""Checking the pass shown with a passage, by the app that keeps passes.

Passes are issued for checkpoints and verified at them, so `passes` depends on `checkpoints`
and never the other way. A registration carrying a pass code asks for it to be checked through
this hook, which `passes` fills in when it is installed (`PassesConfig.ready`); the check
records its result on the passes side (`passage.pass_verification` is that record, reached
through the relation passes declares). Without a check installed the code is only stored.
"""

from collections.abc import Callable
from typing import Any

PassCheck = Callable[[Any], None]

_installed: list[PassCheck] = []


def pass_check_install(check: PassCheck) -> None:
    """Install the one check (installing again replaces it: `ready()` may run twice in tests)."""
    _installed[:] = [check]


def pass_check(passage: Any) -> None:
    """Have the pass shown with a stored passage verified; the result informs, never blocks."""
    if passage.pass_code:
        for check in _installed:
            check(passage)
