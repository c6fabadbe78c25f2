"""Checks shared by the people services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.identity import IdentityError, normalize_mobile, parse_id_number, to_simplified
from shouwang.privacy.fields import blind_index
from shouwang.units.policy import require

__all__ = ["clean_name", "identity_fields", "require", "require_manage"]


def require_manage(actor: Any, unit: Any = None) -> None:
    require(actor, Capability.MANAGE_PEOPLE, unit, unit_message=_("您无权管理该单位的人员"))


def clean_name(name: str) -> str:
    return to_simplified((name or "").strip())


def identity_fields(id_number: str, phone: str) -> dict[str, Any]:
    """Normalised ID and phone with blind indexes and what the ID says; field errors in Chinese."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"id_number": "", "phone": "", "id_region_code": ""}
    if id_number and id_number.strip():
        try:
            identity = parse_id_number(id_number)
        except IdentityError as error:
            errors["id_number"] = error.message
        else:
            values.update(
                id_number=identity.number,
                sex=identity.sex,
                birth_date=identity.birth_date,
                id_region_code=identity.region_code,
            )
    if phone and phone.strip():
        try:
            values["phone"] = normalize_mobile(phone)
        except IdentityError as error:
            errors["phone"] = error.message
    if errors:
        raise ValidationError(errors)
    values["id_number_index"] = blind_index(values["id_number"], purpose="id_number")
    values["phone_index"] = blind_index(values["phone"], purpose="phone")
    return values
