"""Buildings, households and their members; moving them between units."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import to_simplified
from shouwang.identity.plain_text import plain_text_error
from shouwang.people.services.persons import existing_person
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import (
    Building,
    CampaignHousehold,
    Household,
    HouseholdMember,
    Visit,
    VisitFinding,
)
from ..models.captains import BuildingActivity
from .common import (
    address_errors,
    address_part,
    household_unit_error,
    member_identifiers,
    member_name_error,
    plates_read,
)

LIMITS = {
    "building": Building._meta.get_field("name").max_length,
    "entrance": Household._meta.get_field("entrance").max_length,
    "room": Household._meta.get_field("room").max_length,
}
MEMBER_NAME_MAX = HouseholdMember._meta.get_field("name").max_length
MAX_MEMBERS = 30


def require_work(actor: Any, unit: Unit) -> None:
    require(actor, Capability.WORK_COMMUNITY, unit, unit_message=_("您无权登记该社区的住户"))


def require_manage(actor: Any, unit: Unit) -> None:
    require(actor, Capability.MANAGE_COMMUNITY, unit, unit_message=_("您无权管理该社区"))


def _text(value: Any, field: str, limit: int) -> str:
    text = to_simplified(str(value or "").strip())
    if plain_text_error(text):
        raise ValidationError({field: _("不能包含控制字符或无效字符")})
    if len(text) > limit:
        raise ValidationError({field: _("内容过长，最多%(n)s个字") % {"n": limit}})
    return text


@transaction.atomic
def building_find_or_create(*, actor: Any, unit: Unit, name: str, note: str = "") -> Building:
    """The unit's building of that name, made if it is not there yet (the same name typed
    full-width or in Traditional is the same building)."""
    require_work(actor, unit)
    name = address_part(name)
    errors = address_errors(building=name, entrance="", room="-", limits=LIMITS)
    if unit_error := household_unit_error(unit):
        errors["unit"] = unit_error
    if errors:
        raise ValidationError(errors)
    existing = Building.objects.filter(unit=unit, name=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            building = Building(
                unit=unit, name=name, note=_text(note, "note", 200), created_by=actor
            )
            building._history_user = actor
            building.save()
    except IntegrityError:  # made by another request meanwhile
        return Building.objects.get(unit=unit, name=name)
    return building


@transaction.atomic
def household_create(
    *,
    actor: Any,
    unit: Unit,
    building: str,
    entrance: str = "",
    room: str,
    address_text: str = "",
    plates: Sequence[str] = (),
    note: str = "",
    members: Sequence[dict[str, Any]] = (),
) -> Household:
    """A household at a new address with its members; Conflict (409) when the address exists."""
    require_work(actor, unit)
    building, entrance, room = address_part(building), address_part(entrance), address_part(room)
    errors = address_errors(building=building, entrance=entrance, room=room, limits=LIMITS)
    if unit_error := household_unit_error(unit):
        errors["unit"] = unit_error
    if len(members) > MAX_MEMBERS:
        errors["members"] = _("一户最多登记%(n)s人") % {"n": MAX_MEMBERS}
    checked = []
    for n, member in enumerate(members[:MAX_MEMBERS]):
        try:
            checked.append(_member_values(member, f"members.{n}"))
        except ValidationError as error:
            errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    address_text = _text(address_text, "address_text", 200)
    note = _text(note, "note", 200)
    plates = plates_read(plates, settings.SHOUWANG_HOME_PLATE_PREFIXES)
    _no_repeated_ids(checked)
    place = building_find_or_create(actor=actor, unit=unit, name=building)
    existing = Household.objects.filter(building=place, entrance=entrance, room=room).first()
    if existing is not None:
        raise _address_taken(existing)
    household = Household(
        unit=unit,
        building=place,
        entrance=entrance,
        room=room,
        address_text=address_text or f"{unit.name}{building}{entrance}{room}"[:200],
        plates=plates,
        note=note,
        created_by=actor,
    )
    household._history_user = actor
    try:
        with transaction.atomic():
            household.save()
    except IntegrityError:
        raise _address_taken(
            Household.objects.get(building=place, entrance=entrance, room=room)
        ) from None
    for values in checked:
        _member_save(actor, household, values)
    return household


class AddressTaken(Conflict):
    """The address already has a household: `existing` (the API answers 409 with its id)."""

    def __init__(self, existing: Household):
        super().__init__({"room": _("该地址已登记住户（编号 %(id)s）") % {"id": existing.pk}})
        self.existing = existing


def _address_taken(existing: Household) -> AddressTaken:
    return AddressTaken(existing)


def _member_values(member: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A member's values as stored, or ValidationError naming the member's fields."""

    def key(field: str) -> str:
        return f"{prefix}.{field}" if prefix else field

    name = to_simplified(str(member.get("name") or "").strip())
    errors = {}
    if message := member_name_error(name, MEMBER_NAME_MAX):
        errors[key("name")] = message
    identifiers, identifier_errors = member_identifiers(
        member.get("id_number", ""), member.get("phone", "")
    )
    errors.update({key(field): message for field, message in identifier_errors.items()})
    relation = to_simplified(str(member.get("relation") or "").strip())
    if plain_text_error(relation) or len(relation) > 20:
        errors[key("relation")] = _("与户主关系最多20个字")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "relation": relation, **identifiers.columns()}


def _no_repeated_ids(members: Iterable[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for n, values in enumerate(members):
        index = values["id_number_index"]
        if index and index in seen:
            raise ValidationError({f"members.{n}.id_number": _("同一户中身份证号重复")})
        seen.add(index)


def _member_save(actor: Any, household: Household, values: dict[str, Any]) -> HouseholdMember:
    person = None
    if values["id_number_index"]:
        # The registry's person with this ID, found through the blind index only.
        person = existing_person(
            actor, id_number_index=values["id_number_index"], name=values["name"], phone_index=""
        )
    return HouseholdMember.objects.create(household=household, person=person, **values)


@transaction.atomic
def member_add(
    *,
    actor: Any,
    household: Household,
    name: str,
    id_number: str = "",
    phone: str = "",
    relation: str = "",
) -> HouseholdMember:
    require_work(actor, household.unit)
    values = _member_values(
        {"name": name, "id_number": id_number, "phone": phone, "relation": relation}
    )
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if household.members.count() >= MAX_MEMBERS:
        raise ValidationError({"name": _("一户最多登记%(n)s人") % {"n": MAX_MEMBERS}})
    if (
        values["id_number_index"]
        and household.members.filter(id_number_index=values["id_number_index"]).exists()
    ):
        raise Conflict({"id_number": _("该身份证号已登记在本户")})
    return _member_save(actor, household, values)


KEEP = object()  # a member's identifier not given: the stored one stays


@transaction.atomic
def member_update(
    *,
    actor: Any,
    member: HouseholdMember,
    reason: str,
    name: str | None = None,
    relation: str | None = None,
    id_number: Any = KEEP,
    phone: Any = KEEP,
) -> HouseholdMember:
    """Correct a resident: his name, relation, ID number or phone ("" clears one), with the
    reason in the member's history. A new ID number links him to the registry's person with
    that number, if any, as at registration."""
    require_work(actor, member.household.unit)
    reason = _reason(reason)
    HouseholdMember.objects.select_for_update().filter(pk=member.pk).first()
    member.refresh_from_db()
    given = {
        "name": member.name if name is None else name,
        "relation": member.relation if relation is None else relation,
        "id_number": member.id_number if id_number is KEEP else id_number,
        "phone": member.phone if phone is KEEP else phone,
    }
    values = _member_values(given)
    index = values["id_number_index"]
    if (
        index
        and HouseholdMember.objects.filter(household_id=member.household_id, id_number_index=index)
        .exclude(pk=member.pk)
        .exists()
    ):
        raise Conflict({"id_number": _("该身份证号已登记在本户")})
    if index != member.id_number_index:
        values["person"] = (
            existing_person(actor, id_number_index=index, name=values["name"], phone_index="")
            if index
            else None
        )
    member._history_user = actor
    member._change_reason = reason
    model_update(
        member,
        fields=[
            "name",
            "relation",
            "id_number",
            "id_number_index",
            "phone",
            "phone_index",
            "person",
        ],
        data=values,
    )
    return member


@transaction.atomic
def member_remove(*, actor: Any, member: HouseholdMember, reason: str) -> None:
    """Take a resident off the household (moved out, registered twice), the reason kept in
    the member's history."""
    require_work(actor, member.household.unit)
    member._history_user = actor
    member._change_reason = _reason(reason)
    member.delete()


def _reason(value: Any) -> str:
    reason = _text(value, "reason", 100)
    if not reason:
        raise ValidationError({"reason": _("请填写原因")})
    return reason


@transaction.atomic
def household_update(
    *,
    actor: Any,
    household: Household,
    address_text: str | None = None,
    plates: Sequence[str] | None = None,
    note: str | None = None,
) -> Household:
    require_work(actor, household.unit)
    data: dict[str, Any] = {}
    if address_text is not None:
        data["address_text"] = _text(address_text, "address_text", 200)
    if plates is not None:
        data["plates"] = plates_read(plates, settings.SHOUWANG_HOME_PLATE_PREFIXES)
    if note is not None:
        data["note"] = _text(note, "note", 200)
    household._history_user = actor
    model_update(household, fields=["address_text", "plates", "note"], data=data)
    return household


@transaction.atomic
def household_move(
    *, actor: Any, household: Household, building: Building, entrance: str, room: str
) -> Household:
    """Move a household to another address, in the same or another community; its visits and
    coverage follow it (they count where the household lives now)."""
    require_manage(actor, household.unit)
    require_manage(actor, building.unit)
    entrance, room = address_part(entrance), address_part(room)
    errors = address_errors(building=building.name, entrance=entrance, room=room, limits=LIMITS)
    if errors:
        raise ValidationError(errors)
    household = Household.objects.select_for_update().get(pk=household.pk)
    clash = (
        Household.objects.filter(building=building, entrance=entrance, room=room)
        .exclude(pk=household.pk)
        .first()
    )
    if clash is not None:
        raise _address_taken(clash)
    household._history_user = actor
    household._change_reason = _("迁移住址")
    model_update(
        household,
        fields=["building", "entrance", "room", "unit"],
        data={"building": building, "entrance": entrance, "room": room, "unit": building.unit},
    )
    _rehome(Household.objects.filter(pk=household.pk), building.unit)
    return household


@transaction.atomic
def building_move(*, actor: Any, building: Building, unit: Unit) -> Building:
    """Move a building, with its households and their visits, to another community or village
    (boundaries redrawn); its name must be free there."""
    require_manage(actor, building.unit)
    require_manage(actor, unit)
    if unit_error := household_unit_error(unit):
        raise ValidationError({"unit": unit_error})
    building = Building.objects.select_for_update().get(pk=building.pk)
    if Building.objects.filter(unit=unit, name=building.name).exclude(pk=building.pk).exists():
        raise Conflict({"unit": _("“%(unit)s”已有同名楼栋") % {"unit": unit.name}})
    building._history_user = actor
    building._change_reason = _("划入%(unit)s") % {"unit": unit.name}
    model_update(building, fields=["unit"], data={"unit": unit})
    households = Household.objects.filter(building=building)
    households.update(unit=unit)
    _rehome(households, unit)
    BuildingActivity.objects.filter(building=building).update(unit=unit)
    return building


def _rehome(households: Any, unit: Unit) -> None:
    """Visits and kept coverage follow their household to its unit."""
    ids = list(households.values_list("pk", flat=True))
    Visit.objects.filter(household_id__in=ids).update(unit=unit)
    VisitFinding.objects.filter(visit__household_id__in=ids).update(unit=unit)
    CampaignHousehold.objects.filter(household_id__in=ids).update(unit=unit)
