"""Registering, editing and merging people, and their travel."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.identity import get_region
from shouwang.identity.event_dates import event_date_error
from shouwang.identity.names import person_name_error
from shouwang.privacy.identifiers import identifier_values
from shouwang.units.models import Unit

from ..models import (
    Alert,
    EpisodeStatus,
    IsolationEpisode,
    Person,
    PersonMerge,
    TravelMeans,
    TravelRecord,
    WatchRecord,
)
from ..places import region_code_for_place
from ..selectors.persons import person_key_area
from .common import clean_name, require_manage

FILLABLE_FIELDS = ("current_address", "household_address", "workplace")


class PersonConflict(Exception):
    """The person is already registered in the actor's scope; `existing` is that record."""

    def __init__(self, existing: Person):
        super().__init__(_("该人员已登记"))
        self.existing = existing


def existing_person(actor: Any, *, id_number_index: str, name: str, phone_index: str):
    """The live record in scope for this identity: by ID when known, otherwise name + phone."""
    return person_matching(
        Person.objects.visible_to(actor),
        id_number_index=id_number_index,
        name=name,
        phone_index=phone_index,
    )


def person_matching(people: Any, *, id_number_index: str, name: str, phone_index: str):
    """The live record among `people` for this identity: by ID when known, else name + phone."""
    live = people.filter(merged_into__isnull=True)
    if id_number_index:
        return live.filter(id_number_index=id_number_index).first()
    if phone_index:
        return live.filter(name=name, phone_index=phone_index).first()
    return None


@transaction.atomic
def person_register(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    id_number: str = "",
    phone: str = "",
    current_address: str = "",
    household_address: str = "",
    workplace: str = "",
) -> Person:
    """Add a person; raises PersonConflict when the identity is already registered in scope."""
    require_manage(actor, unit)
    name = clean_name(name)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("请填写姓名")]
    elif person_name_error(name):
        errors["name"] = [person_name_error(name)]
    try:
        identity = identifier_values(id_number=id_number, phone=phone).person_columns()
    except ValidationError as error:
        errors.update(error.message_dict)
        identity = {}
    if errors:
        raise ValidationError(errors)
    existing = existing_person(
        actor,
        id_number_index=identity["id_number_index"],
        name=name,
        phone_index=identity["phone_index"],
    )
    if existing is not None:
        raise PersonConflict(existing)
    person = Person(
        unit=unit,
        name=name,
        current_address=current_address.strip(),
        household_address=household_address.strip(),
        workplace=workplace.strip(),
        created_by=actor,
        **identity,
    )
    person.save()
    person_flag_refresh(person=person)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **changes: Any) -> Person:
    """Edit name, identity, phone and addresses; the ID may not collide with another record."""
    require_manage(actor, person.unit)
    if person.is_merged:
        raise ValidationError(_("该记录已合并，请编辑保留的记录"))
    fields = ["name", *FILLABLE_FIELDS]
    if "name" in changes:
        changes["name"] = clean_name(changes["name"])
        if not changes["name"]:
            raise ValidationError({"name": _("请填写姓名")})
        if person_name_error(changes["name"]):
            raise ValidationError({"name": person_name_error(changes["name"])})
    if "id_number" in changes or "phone" in changes:
        identity = identifier_values(
            id_number=changes.pop("id_number", person.id_number),
            phone=changes.pop("phone", person.phone),
        ).person_columns()
        if identity["id_number_index"]:
            clash = (
                Person.objects.visible_to(actor)
                .filter(id_number_index=identity["id_number_index"], merged_into__isnull=True)
                .exclude(pk=person.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "id_number": _("该身份证号已登记为 %(name)s（编号 %(id)s），请合并")
                        % {"name": clash.name, "id": clash.pk}
                    }
                )
        changes.update(identity)
        fields += list(identity)
    for field in fields:
        if field in changes:
            value = changes[field]
            setattr(person, field, value.strip() if isinstance(value, str) else value)
    person._history_user = actor  # also outside a request (API scripts, the shell)
    person.save()
    person_flag_refresh(person=person)
    return person


def person_flag_refresh(*, person: Person, on: date | None = None) -> Person:
    """Store the key area the person's ID region, origin or travel falls in today."""
    area = person_key_area(person, on or timezone.localdate())
    if area != person.flagged_area:
        person.flagged_area = area
        person.save(update_fields=["flagged_area"])
    return person


@transaction.atomic
def travel_add(
    *,
    actor: Any,
    person: Person,
    place: str,
    region_code: str = "",
    departed_on: date | None = None,
    arrived_on: date | None = None,
    means: str = "",
    carrier_number: str = "",
) -> TravelRecord:
    require_manage(actor, person.unit)
    errors = {}
    if not place.strip():
        errors["place"] = _("请填写地点")
    region_code = region_code.strip() or region_code_for_place(place)
    if region_code and get_region(region_code) is None:
        errors["region_code"] = _("未知的行政区划代码")
    if means and means not in TravelMeans.values:
        errors["means"] = _("未知的交通方式")
    today = timezone.localdate()
    for field, value in (("departed_on", departed_on), ("arrived_on", arrived_on)):
        if value is not None and (date_error := event_date_error(value, today=today)):
            errors[field] = date_error
    if departed_on and arrived_on and arrived_on < departed_on and "arrived_on" not in errors:
        errors["arrived_on"] = _("到达日期不能早于出发日期")
    if errors:
        raise ValidationError(errors)
    travel = TravelRecord.objects.create(
        person=person,
        place=place.strip(),
        region_code=region_code,
        departed_on=departed_on,
        arrived_on=arrived_on,
        means=means,
        carrier_number=carrier_number.strip().upper(),
    )
    person_flag_refresh(person=person)
    return travel


@transaction.atomic
def person_merge(*, actor: Any, keep: Person, merge: Person) -> Person:
    """Move everything of `merge` onto `keep`, fill `keep`'s blanks, mark `merge` merged."""
    require_manage(actor, keep.unit)
    require_manage(actor, merge.unit)
    if keep.pk == merge.pk:
        raise ValidationError(_("不能与自身合并"))
    # Lock both rows, always the lower id first: A←B and B←A (or A←B and B←C) at once wait
    # for each other instead of deadlocking. The rows as locked are the ones that count.
    locked = {
        person.pk: person
        for person in Person.objects.select_for_update()
        .filter(pk__in=[keep.pk, merge.pk])
        .order_by("pk")
    }
    keep, merge = locked[keep.pk], locked[merge.pk]
    if keep.is_merged or merge.is_merged:
        raise Conflict({"merge": _("已合并的记录不能再合并")})
    if keep.id_number and merge.id_number and keep.id_number != merge.id_number:
        raise ValidationError(_("两条记录的身份证号不同，不是同一人，不能合并"))
    if (
        IsolationEpisode.objects.filter(person__in=[keep, merge], status=EpisodeStatus.ISOLATING)
        .values("person")
        .distinct()
        .count()
        == 2
    ):
        raise ValidationError({"merge": _("两条记录都在隔离中，请先解除或转出其中一段隔离再合并")})
    reason = _("合并 %(id)s") % {"id": merge.pk}
    moved = {
        "watch_records": _move(
            WatchRecord.objects.filter(person=merge), "person", keep, actor, reason
        ),
        "contacts": _move(
            WatchRecord.objects.filter(contact_of=merge), "contact_of", keep, actor, reason
        ),
        "episodes": _move(
            IsolationEpisode.objects.filter(person=merge), "person", keep, actor, reason
        ),
        "travels": _move(TravelRecord.objects.filter(person=merge), "person", keep, actor, reason),
        "alerts": Alert.objects.filter(person=merge).update(person=keep),  # alerts keep no history
    }
    Person.objects.filter(merged_into=merge).update(merged_into=keep)
    id_number = merge.id_number
    merge.merged_into = keep
    merge.merged_at = timezone.now()
    merge._history_user = keep._history_user = actor
    merge._change_reason = _("合并至 %(id)s") % {"id": keep.pk}
    merge.save()
    filled = []
    if not keep.id_number and id_number:
        keep.id_number, keep.id_number_index = id_number, merge.id_number_index
        keep.id_region_code, keep.sex, keep.birth_date = (
            merge.id_region_code,
            merge.sex,
            merge.birth_date,
        )
        filled.append("id_number")
    if not keep.phone and merge.phone:
        keep.phone, keep.phone_index = merge.phone, merge.phone_index
        filled.append("phone")
    for field in FILLABLE_FIELDS:
        if not getattr(keep, field) and getattr(merge, field):
            setattr(keep, field, getattr(merge, field))
            filled.append(field)
    keep._change_reason = reason
    keep.save()
    person_flag_refresh(person=keep)
    PersonMerge.objects.create(kept=keep, merged=merge, actor=actor, moved=moved, filled=filled)
    return keep


def _move(records: Any, field: str, keep: Person, actor: Any, reason: str) -> int:
    """Point `records` at `keep` one by one, so each one's history shows whom it belonged to."""
    count = 0
    for record in records.select_for_update():
        setattr(record, field, keep)
        record._history_user, record._change_reason = actor, reason
        record.save(update_fields=[field])
        count += 1
    return count
