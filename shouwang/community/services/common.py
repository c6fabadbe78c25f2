"""Checks shared by the community services: address parts, names, people in a household."""

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouwang.identity import IdentityError, normalize_input, parse_plate, to_simplified
from shouwang.identity.names import person_name_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.privacy.identifiers import Identifiers, identifiers_read
from shouwang.units.models import Unit, UnitKind

_SPACES = re.compile(r"\s+")
HOUSEHOLD_UNIT_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)
PART_LABELS = {
    "building": gettext_noop("楼栋"),
    "entrance": gettext_noop("单元"),
    "room": gettext_noop("房号"),
}


def address_part(text: Any) -> str:
    """A building, entrance or room as stored: half-width, Simplified, no spaces ("３４ 号楼" →
    "34号楼"), so the same address typed twice, or imported twice, is one address."""
    return _address_part(str(text or ""))


@lru_cache(maxsize=65536)  # an import repeats the same buildings and entrances all along
def _address_part(text: str) -> str:
    return _SPACES.sub("", normalize_input(text))


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """`to_simplified`, remembered: a list names the same few communities and relations."""
    return to_simplified(text)


def address_errors(
    *, building: str, entrance: str, room: str, limits: dict[str, int]
) -> dict[str, str]:
    """Errors by field for the parts of an address (already passed through `address_part`)."""
    errors = {}
    for field, value in (("building", building), ("entrance", entrance), ("room", room)):
        if not value and field != "entrance":
            errors[field] = _("请填写%(label)s") % {"label": _(PART_LABELS[field])}
        elif plain_text_error(value):
            errors[field] = _("不能包含控制字符或无效字符")
        elif len(value) > limits[field]:
            errors[field] = _("内容过长，最多%(n)s个字") % {"n": limits[field]}
    return errors


def household_unit_error(unit: Unit) -> str | None:
    if unit.kind not in HOUSEHOLD_UNIT_KINDS:
        return _("住户须登记在社区或村（“%(name)s”不是社区或村）") % {"name": unit.name}
    return None


def member_name_error(name: str, limit: int) -> str | None:
    if not name:
        return _("请填写姓名")
    if person_name_error(name):
        return person_name_error(name)
    if len(name) > limit:
        return _("内容过长，最多%(n)s个字") % {"n": limit}
    return None


def member_identifiers(id_number: Any, phone: Any) -> tuple[Identifiers, dict[str, str]]:
    return identifiers_read(id_number=id_number, phone=phone)


def plates_read(values: Iterable[Any], home_prefixes: Iterable[str] = ()) -> list[str]:
    """Normalised plates ("陕k·12345" → "陕K12345"), each once; ValidationError({"plates"})."""
    plates: list[str] = []
    for value in values:
        if not str(value or "").strip():
            continue
        try:
            number = parse_plate(str(value), home_prefixes).number
        except IdentityError as error:
            raise ValidationError(
                {"plates": _("车牌“%(v)s”：%(e)s") % {"v": str(value)[:20], "e": error.message}}
            ) from None
        if number not in plates:
            plates.append(number)
    if len(plates) > 10:
        raise ValidationError({"plates": _("一户最多登记10个车牌")})
    return plates
