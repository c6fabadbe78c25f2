"""The venue register: one reading of a venue's fields, for the form, the API and the import."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import IdentityError, parse_credit_code, to_simplified
from shouwang.identity.names import person_name_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.privacy.identifiers import identifiers_read
from shouwang.records import model_update
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from ..models import MAX_INSPECTION_EVERY_DAYS, Venue, VenueKind

# A kind as a list or a person writes it → its code.
KIND_WORDS = (
    {str(label): value for value, label in VenueKind.choices}
    | {
        "ktv": VenueKind.KTV,
        "KTV": VenueKind.KTV,
        "歌厅": VenueKind.KTV,
        "网咖": VenueKind.INTERNET_CAFE,
        "宾馆": VenueKind.HOTEL,
        "旅馆": VenueKind.HOTEL,
        "酒店": VenueKind.HOTEL,
        "麻将馆": VenueKind.MAHJONG_ROOM,
        "棋牌室": VenueKind.MAHJONG_ROOM,
        "健身馆": VenueKind.GYM,
        "体育馆": VenueKind.GYM,
        "洗浴": VenueKind.BATH_HOUSE,
        "电影院": VenueKind.CINEMA,
        "市场": VenueKind.MARKET,
        "药房": VenueKind.PHARMACY,
        "饭店": VenueKind.RESTAURANT,
        "餐馆": VenueKind.RESTAURANT,
        "景区": VenueKind.SCENIC_AREA,
    }
    | {value: value for value in VenueKind.values}
)
LIMITS = {"name": 100, "address": 200, "owner_name": 50, "note": 200}
REQUIRED = ("name", "address")
FIELDS = ("kind", "name", "address", "owner_name", "owner_phone", "credit_code", "note")


def kind_code(text: str) -> str | None:
    text = (text or "").strip()
    return KIND_WORDS.get(text) or KIND_WORDS.get(to_simplified(text))


def venue_values_read(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The stored values of a venue as typed, and the errors by field (nothing raised).

    The owner's phone comes back normalised with its blind index; the credit code checked
    (GB 32100 checksum); texts in Simplified Chinese, without hidden characters.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    kind = kind_code(str(data.get("kind") or ""))
    if kind is None:
        errors["kind"] = _("未知的场所类别“%(v)s”") % {"v": data.get("kind") or ""}
    values["kind"] = kind
    for name, limit in LIMITS.items():
        text = to_simplified(str(data.get(name) or "")).strip()
        problem = plain_text_error(text)
        if problem:
            errors[name] = problem
        elif name in REQUIRED and not text:
            errors[name] = _("不能为空")
        elif len(text) > limit:
            errors[name] = _("内容过长，最多%(n)s个字") % {"n": limit}
        values[name] = text
    if values["owner_name"] and person_name_error(values["owner_name"]):
        errors["owner_name"] = person_name_error(values["owner_name"])
    identifiers, phone_errors = identifiers_read(
        phone=data.get("owner_phone") or "", phone_field="owner_phone"
    )
    errors.update(phone_errors)
    values["owner_phone"], values["owner_phone_index"] = identifiers.phone, identifiers.phone_index
    code = str(data.get("credit_code") or "").strip()
    values["credit_code"] = ""
    if code:
        try:
            values["credit_code"] = parse_credit_code(code)
        except IdentityError as error:
            errors["credit_code"] = error.message
    return values, errors


def venue_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values, errors = venue_values_read(data)
    if errors:
        raise ValidationError(errors)
    return values


def _schedule(every_days: int | None) -> int | None:
    if every_days is not None and not 1 <= every_days <= MAX_INSPECTION_EVERY_DAYS:
        raise ValidationError(
            {
                "inspection_every_days": _("回访周期应为1至%(n)s天")
                % {"n": MAX_INSPECTION_EVERY_DAYS}
            }
        )
    return every_days


def _officer(actor: Any, officer: Any) -> Any:
    if officer is not None and (
        not officer.is_active or not unit_is_visible_to(officer.unit, actor)
    ):
        raise ValidationError({"officer": _("责任民警须为本单位或下级单位的在职人员")})
    return officer


def _duplicate(unit: Any, credit_code: str, exclude: int | None = None) -> bool:
    if not credit_code:
        return False
    return Venue.objects.filter(unit=unit, credit_code=credit_code).exclude(pk=exclude).exists()


DUPLICATE_CODE = gettext_lazy("本单位已登记该统一社会信用代码的场所")


@transaction.atomic
def venue_register(
    *,
    actor: Any,
    unit: Any,
    data: Mapping[str, Any],
    officer: Any = None,
    inspection_every_days: int | None = None,
) -> Venue:
    """Add a venue to the register of `unit` (the actor's or one below it); status open."""
    require(actor, Capability.MANAGE_VENUES, unit, message=_("您无权登记场所"))
    values = venue_values(data)
    if _duplicate(unit, values["credit_code"]):
        raise Conflict({"credit_code": str(DUPLICATE_CODE)})
    venue = Venue(
        unit=unit,
        officer=_officer(actor, officer),
        inspection_every_days=_schedule(inspection_every_days),
        created_by=actor,
        status_changed_at=timezone.now(),
        **values,
    )
    venue._history_user = actor
    try:
        with transaction.atomic():
            venue.save()
    except IntegrityError as error:  # registered by another request at the same moment
        raise Conflict({"credit_code": str(DUPLICATE_CODE)}) from error
    return venue


@transaction.atomic
def venue_update(
    *,
    actor: Any,
    venue: Venue,
    data: Mapping[str, Any],
    officer: Any = None,
    inspection_every_days: int | None = None,
) -> Venue:
    """Correct a venue's particulars, its officer and schedule; the status changes elsewhere."""
    require(actor, Capability.MANAGE_VENUES, venue.unit, message=_("您无权修改场所"))
    values = venue_values(data)
    if _duplicate(venue.unit, values["credit_code"], exclude=venue.pk):
        raise Conflict({"credit_code": str(DUPLICATE_CODE)})
    values["officer"] = _officer(actor, officer)
    values["inspection_every_days"] = _schedule(inspection_every_days)
    venue._history_user = actor
    model_update(
        venue,
        fields=(*FIELDS, "owner_phone_index", "officer", "inspection_every_days"),
        data=values,
    )
    return venue
