"""What other areas hear from cases, without cases knowing them.

A decision may mean work elsewhere (a forced closure closes the venue party of the case): the
area that keeps such records registers a listener in its AppConfig.ready(), and `case_decide`
calls every listener inside its transaction, so the decision and its consequences are written
together or not at all.
"""

from collections.abc import Callable
from typing import Any

DecisionListener = Callable[..., None]
_DECISION_LISTENERS: list[DecisionListener] = []


def on_case_decided(listener: DecisionListener) -> DecisionListener:
    """Register `listener(*, actor, case)`; called after a decision is stored."""
    if listener not in _DECISION_LISTENERS:
        _DECISION_LISTENERS.append(listener)
    return listener


def case_decided(*, actor: Any, case: Any) -> None:
    for listener in _DECISION_LISTENERS:
        listener(actor=actor, case=case)
