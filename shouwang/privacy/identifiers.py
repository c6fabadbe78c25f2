"""Personal identifiers, read one way everywhere: parse, normalise, blind-index, and search.

A typed ID number or phone becomes an `Identifiers`: the normalised values the encrypted columns
store, their blind indexes, and what the ID number says (sex, birth date, region). Services use
`identifier_values` (raises ValidationError({field: 中文消息})); row-by-row readers that gather
the errors of a whole row or batch (list imports, batch ingest of passages) use
`identifiers_read`, which answers the errors instead of raising and reads nothing from the
database. `identifier_query` is the one person search: a full ID number, else a mobile, else
part of a name.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from shouwang.identity import (
    IdentityError,
    ResidentIdentity,
    normalize_mobile,
    parse_id_number,
    to_simplified,
)

from .fields import blind_index

__all__ = [
    "Identifiers",
    "id_number_index",
    "identifier_query",
    "identifier_values",
    "identifiers_read",
    "name_phone_index",
    "phone_index",
]


def id_number_index(number: str) -> str:
    """The blind index of a normalised ID number ("" for none)."""
    return blind_index(number, purpose="id_number")


def phone_index(phone: str) -> str:
    """The blind index of a normalised mobile number ("" for none)."""
    return blind_index(phone, purpose="phone")


def name_phone_index(name: str, phone: str) -> str:
    """The key of a person known by name and phone alone ("" without a phone)."""
    return blind_index(f"{name}|{phone}", purpose="name_phone") if phone else ""


@dataclass(frozen=True, slots=True)
class Identifiers:
    """An ID number and a phone as stored: normalised, indexed, and what the ID says."""

    id_number: str = ""
    phone: str = ""
    id_number_index: str = ""
    phone_index: str = ""
    identity: ResidentIdentity | None = None

    @property
    def sex(self) -> str | None:
        return self.identity.sex if self.identity else None

    @property
    def birth_date(self) -> date | None:
        return self.identity.birth_date if self.identity else None

    @property
    def region_code(self) -> str:
        return self.identity.region_code if self.identity else ""

    def columns(self) -> dict[str, str]:
        """The four stored columns: `id_number`, `phone` and their `_index`."""
        return {
            "id_number": self.id_number,
            "id_number_index": self.id_number_index,
            "phone": self.phone,
            "phone_index": self.phone_index,
        }

    def person_columns(self) -> dict[str, Any]:
        """The columns plus what the ID says (`id_region_code`; `sex` and `birth_date` only
        when there is an ID, so clearing it keeps what was recorded by hand)."""
        values: dict[str, Any] = {**self.columns(), "id_region_code": self.region_code}
        if self.identity is not None:
            values.update(sex=self.identity.sex, birth_date=self.identity.birth_date)
        return values


def identifiers_read(
    *,
    id_number: Any = "",
    phone: Any = "",
    today: date | None = None,
    id_field: str = "id_number",
    phone_field: str = "phone",
) -> tuple[Identifiers, dict[str, str]]:
    """The identifiers in what was typed, and the errors by field (blank input is no error)."""
    errors: dict[str, str] = {}
    identity = None
    number = normalised_phone = ""
    id_text = str(id_number or "")
    if id_text.strip():
        try:
            identity = parse_id_number(id_text, today=today)
        except IdentityError as error:
            errors[id_field] = error.message
        else:
            number = identity.number
    phone_text = str(phone or "")
    if phone_text.strip():
        try:
            normalised_phone = normalize_mobile(phone_text)
        except IdentityError as error:
            errors[phone_field] = error.message
    values = Identifiers(
        id_number=number,
        phone=normalised_phone,
        id_number_index=id_number_index(number),
        phone_index=phone_index(normalised_phone),
        identity=identity,
    )
    return values, errors


def identifier_values(
    *,
    id_number: Any = "",
    phone: Any = "",
    today: date | None = None,
    id_field: str = "id_number",
    phone_field: str = "phone",
) -> Identifiers:
    """The identifiers in what was typed; ValidationError({field: 中文消息}) when one is invalid."""
    values, errors = identifiers_read(
        id_number=id_number,
        phone=phone,
        today=today,
        id_field=id_field,
        phone_field=phone_field,
    )
    if errors:
        raise ValidationError(errors)
    return values


def identifier_query(
    text: str,
    *,
    id_field: str | None = "id_number_index",
    phone_field: str | None = "phone_index",
    name_field: str | None = "name",
) -> Q:
    """The one person search: a full ID number (18 or 15 digits, any x) through its blind
    index, else a mobile (+86, spaces, dashes) through its index, else part of a name,
    Traditional or Simplified alike. A field given as None is not searched; text that is
    only an identifier such a model cannot hold matches nothing."""
    text = (text or "").strip()
    if not text:
        return Q()
    if id_field is not None:
        try:
            return Q(**{id_field: id_number_index(parse_id_number(text).number)})
        except IdentityError:
            pass
    if phone_field is not None:
        try:
            return Q(**{phone_field: phone_index(normalize_mobile(text))})
        except IdentityError:
            pass
    if name_field is None:
        return Q(pk__in=[])
    return Q(**{f"{name_field}__icontains": to_simplified(text)})
