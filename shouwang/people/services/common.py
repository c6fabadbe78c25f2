"""Checks shared by the people services."""

from typing import Any

from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.identity import to_simplified
from shouwang.units.policy import require

__all__ = ["clean_name", "require", "require_manage"]


def require_manage(actor: Any, unit: Any = None) -> None:
    require(actor, Capability.MANAGE_PEOPLE, unit, unit_message=_("您无权管理该单位的人员"))


def clean_name(name: str) -> str:
    return to_simplified((name or "").strip())
