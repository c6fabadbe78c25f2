"""Resident groups: registering and editing one, appending member counts to its ledger, and
recording the posts made in it (optionally the published bulletin they carried)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.models import User
from shouwang.accounts.roles import Capability
from shouwang.identity.event_dates import check_event_date
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import (
    MAX_CAPACITY,
    Bulletin,
    BulletinStatus,
    GroupPost,
    MemberReading,
    Platform,
    ResidentGroup,
)

MAX_POSTS_PER_ENTRY = 1000
MANAGE = Capability.MANAGE_RESIDENT_GROUPS


def _refuse(actor: Any, unit: Unit) -> None:
    require(
        actor,
        MANAGE,
        unit,
        message=_("您无权管理警民联系群"),
        unit_message=_("只能管理本单位或下级单位的群"),
    )


def _checked(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The group's fields as stored, or ValidationError naming every bad one."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for field, limit, required in (("name", 100, True), ("note", 200, False)):
        if field in data:
            try:
                values[field] = check_text(data[field], field, limit, required=required)
            except ValidationError as error:
                errors[field] = error.message_dict[field][0]
    if "platform" in data:
        if data["platform"] not in Platform.values:
            errors["platform"] = _("请选择平台")
        values["platform"] = data["platform"]
    if "capacity" in data:
        capacity = data["capacity"]
        if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
            errors["capacity"] = _("人数上限应在1到%(n)s之间") % {"n": MAX_CAPACITY}
        values["capacity"] = capacity
    if "admin_officer" in data:
        officer = data["admin_officer"]
        if officer is not None and not isinstance(officer, User):
            officer = User.objects.filter(pk=officer).first()
            if officer is None:
                errors["admin_officer"] = _("找不到该民警")
        if isinstance(officer, User) and not (
            officer.is_active and User.objects.visible_to(actor).filter(pk=officer.pk).exists()
        ):
            errors["admin_officer"] = _("群管理民警须是本单位或下级单位的在职人员")
        values["admin_officer"] = officer
    if errors:
        raise ValidationError(errors)
    return values


def _name_taken() -> ValidationError:
    return ValidationError({"name": _("本单位已有同名的群")})


@transaction.atomic
def group_create(
    *,
    actor: Any,
    unit: Unit,
    data: dict[str, Any],
    member_count: int | None = None,
    on: date | None = None,
) -> ResidentGroup:
    """Register a group of `unit`; a first member count, if given, opens its ledger."""
    _refuse(actor, unit)
    values = _checked(actor, {"platform": Platform.WECHAT, "capacity": 500, **data})
    if "name" not in values:
        raise ValidationError({"name": _("请填写此项")})
    if ResidentGroup.objects.filter(unit=unit, name=values["name"]).exists():
        raise _name_taken()
    group = ResidentGroup(unit=unit, created_by=actor, **values)
    group._history_user = actor
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        raise _name_taken() from None
    if member_count is not None:
        _append_reading(actor=actor, group=group, count=member_count, on=on)
    return group


GROUP_FIELDS = ("name", "platform", "capacity", "admin_officer", "note")


@transaction.atomic
def group_update(*, actor: Any, group: ResidentGroup, data: dict[str, Any]) -> ResidentGroup:
    """Change a group's name, platform, capacity, admin or note (its history keeps each version)."""
    _refuse(actor, group.unit)
    group = ResidentGroup.objects.select_for_update().select_related("unit").get(pk=group.pk)
    values = _checked(actor, {k: v for k, v in data.items() if k in GROUP_FIELDS})
    if values.get("capacity", group.capacity) < group.member_count:
        raise ValidationError(
            {"capacity": _("人数上限不能少于当前人数（%(n)s）") % {"n": group.member_count}}
        )
    name = values.get("name")
    if (
        name
        and ResidentGroup.objects.filter(unit=group.unit, name=name).exclude(pk=group.pk).exists()
    ):
        raise _name_taken()
    group._history_user = actor
    model_update(group, fields=GROUP_FIELDS, data=values)
    return group


def _append_reading(
    *, actor: Any, group: ResidentGroup, count: Any, on: date | None
) -> MemberReading:
    on = check_event_date(on or timezone.localdate(), "on")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ValidationError({"count": _("请填写群成员数")})
    if count > group.capacity:
        raise ValidationError(
            {"count": _("群成员数不能超过人数上限（%(n)s）") % {"n": group.capacity}}
        )
    reading = MemberReading.objects.create(group=group, on=on, count=count, recorded_by=actor)
    # The group shows its latest reading: a reading of an earlier day only fills the ledger.
    if group.member_count_on is None or on >= group.member_count_on:
        group._history_user = actor
        model_update(
            group,
            fields=("member_count", "member_count_on"),
            data={"member_count": count, "member_count_on": on},
        )
    return reading


@transaction.atomic
def group_members_record(
    *, actor: Any, group: ResidentGroup, count: int, on: date | None = None
) -> MemberReading:
    """Append the group's member count on a day (default today) to its ledger."""
    _refuse(actor, group.unit)
    group = ResidentGroup.objects.select_for_update().select_related("unit").get(pk=group.pk)
    return _append_reading(actor=actor, group=group, count=count, on=on)


@transaction.atomic
def group_post_record(
    *,
    actor: Any,
    group: ResidentGroup,
    posted_on: date | None = None,
    count: int = 1,
    bulletin: Bulletin | int | None = None,
    note: str = "",
) -> GroupPost:
    """Record `count` messages posted in the group on a day, or one published bulletin posted."""
    _refuse(actor, group.unit)
    errors: dict[str, str] = {}
    try:
        posted_on = check_event_date(posted_on or timezone.localdate(), "posted_on")
    except ValidationError as error:
        errors["posted_on"] = error.message_dict["posted_on"][0]
    if (
        not isinstance(count, int)
        or isinstance(count, bool)
        or not 1 <= count <= MAX_POSTS_PER_ENTRY
    ):
        errors["count"] = _("条数应在1到%(n)s之间") % {"n": MAX_POSTS_PER_ENTRY}
    if bulletin is not None:
        # A station posts its own bulletins and those published above it for its residents.
        found = (
            Bulletin.objects.readable_by(actor)
            .filter(pk=getattr(bulletin, "pk", bulletin))
            .filter(status=BulletinStatus.PUBLISHED)
            .first()
        )
        if found is None:
            errors["bulletin"] = _("只能选择已发布的通告")
        bulletin = found
    try:
        note = check_text(note, "note", 200)
    except ValidationError as error:
        errors["note"] = error.message_dict["note"][0]
    if errors:
        raise ValidationError(errors)
    return GroupPost.objects.create(
        group=group,
        posted_on=posted_on,
        count=count,
        bulletin=bulletin,
        note=note,
        recorded_by=actor,
    )
