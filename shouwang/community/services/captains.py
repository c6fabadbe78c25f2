"""Building captains: appointing them, their unit representatives and their buildings' log.

A captain writes the log of his own buildings only; a manager of the community (a station
chief, a commander) may write and correct any building's within his jurisdiction.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import to_simplified
from shouwang.identity.event_dates import event_time_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.privacy.identifiers import identifiers_read
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from ..models import (
    ActivityKind,
    Building,
    BuildingActivity,
    BuildingCaptain,
    BuildingRepresentative,
    Household,
)
from ..rules import COMMUNITY_RECORDS
from .common import address_part, member_name_error

NOT_CAPTAIN = gettext_noop("只有本楼栋的楼长或所长可以记录本楼栋的工作")


def is_captain(user: Any, building: Building) -> bool:
    return BuildingCaptain.objects.filter(
        building=building, officer=user, ended_at__isnull=True
    ).exists()


def may_keep_log(user: Any, building: Building) -> bool:
    """The building's captain, or a manager whose jurisdiction reaches it."""
    if user.has_capability(Capability.MANAGE_COMMUNITY) and unit_is_visible_to(building.unit, user):
        return True
    return user.has_capability(Capability.WORK_COMMUNITY) and is_captain(user, building)


def require_log_keeper(actor: Any, building: Building) -> None:
    require(actor, COMMUNITY_RECORDS, building.unit)
    if not may_keep_log(actor, building):
        raise PermissionDenied(_(NOT_CAPTAIN))


@transaction.atomic
def captain_assign(*, actor: Any, building: Building, officer: Any) -> BuildingCaptain:
    """Make `officer` the building's captain; the previous captain's assignment ends."""
    require(
        actor, Capability.MANAGE_COMMUNITY, building.unit, unit_message=_("您无权任命该楼栋的楼长")
    )
    if (
        not officer.is_active
        or officer.unit is None
        or not unit_is_visible_to(officer.unit, actor)
        or not officer.has_capability(Capability.WORK_COMMUNITY)
    ):
        raise ValidationError({"officer": _("楼长须为本单位在岗民警")})
    Building.objects.select_for_update().filter(pk=building.pk).first()
    current = BuildingCaptain.objects.filter(building=building, ended_at__isnull=True).first()
    if current is not None and current.officer_id == officer.pk:
        return current
    if current is not None:
        current.ended_at = timezone.now()
        current._history_user = actor
        current.save(update_fields=["ended_at"])
    captain = BuildingCaptain(building=building, officer=officer, assigned_by=actor)
    captain._history_user = actor
    try:
        with transaction.atomic():
            captain.save()
    except IntegrityError:
        raise Conflict({"officer": _("该楼栋刚刚任命了楼长，请刷新后再试")}) from None
    return captain


@transaction.atomic
def captain_end(*, actor: Any, building: Building) -> None:
    require(actor, Capability.MANAGE_COMMUNITY, building.unit)
    for captain in BuildingCaptain.objects.select_for_update().filter(
        building=building, ended_at__isnull=True
    ):
        captain.ended_at = timezone.now()
        captain._history_user = actor
        captain.save(update_fields=["ended_at"])


@transaction.atomic
def representative_add(
    *,
    actor: Any,
    building: Building,
    name: str,
    entrance: str = "",
    phone: str = "",
    household: Household | None = None,
    note: str = "",
) -> BuildingRepresentative:
    """A resident representing one entrance (or the whole building) for the captain."""
    require_log_keeper(actor, building)
    name = to_simplified((name or "").strip())
    errors = {}
    if message := member_name_error(name, 50):
        errors["name"] = message
    identifiers, identifier_errors = identifiers_read(phone=phone)
    errors.update(identifier_errors)
    entrance = address_part(entrance)
    if len(entrance) > 20:
        errors["entrance"] = _("内容过长，最多%(n)s个字") % {"n": 20}
    if household is not None and household.building_id != building.pk:
        errors["household"] = _("该住户不在本楼栋")
    note = to_simplified((note or "").strip())
    if len(note) > 200 or plain_text_error(note):
        errors["note"] = _("备注最多200个字")
    if errors:
        raise ValidationError(errors)
    representative = BuildingRepresentative(
        building=building,
        entrance=entrance,
        name=name,
        phone=identifiers.phone,
        phone_index=identifiers.phone_index,
        household=household,
        note=note,
        created_by=actor,
    )
    representative._history_user = actor
    representative.save()
    return representative


@transaction.atomic
def representative_end(*, actor: Any, representative: BuildingRepresentative) -> None:
    require_log_keeper(actor, representative.building)
    if representative.ended_at is None:
        representative.ended_at = timezone.now()
        representative._history_user = actor
        representative.save(update_fields=["ended_at"])


@transaction.atomic
def activity_record(
    *,
    actor: Any,
    building: Building,
    kind: str,
    happened_at: datetime | None = None,
    people_count: int | None = None,
    note: str = "",
) -> BuildingActivity:
    """An entry of the building's log, by its captain (or a manager)."""
    require_log_keeper(actor, building)
    happened_at = happened_at or timezone.now()
    errors = {}
    if kind not in ActivityKind.values:
        errors["kind"] = _("未知的工作类别")
    if message := event_time_error(happened_at, now=timezone.now()):
        errors["happened_at"] = message
    if people_count is not None and not 0 <= people_count <= 9999:
        errors["people_count"] = _("涉及人数应在0到9999之间")
    note = to_simplified((note or "").strip())
    if len(note) > 300 or plain_text_error(note):
        errors["note"] = _("情况最多300个字")
    if errors:
        raise ValidationError(errors)
    activity = BuildingActivity(
        building=building,
        unit_id=building.unit_id,
        kind=kind,
        happened_at=happened_at,
        happened_on=timezone.localdate(happened_at),
        people_count=people_count,
        note=note,
        recorded_by=actor,
    )
    activity._history_user = actor
    activity.save()
    return activity


@transaction.atomic
def activity_void(*, actor: Any, activity: BuildingActivity, reason: str) -> BuildingActivity:
    """Void a wrong entry, with a reason; it stays in the log, struck through."""
    require_log_keeper(actor, activity.building)
    activity = BuildingActivity.objects.select_for_update().get(pk=activity.pk)
    reason = to_simplified((reason or "").strip())
    if not reason:
        raise ValidationError({"reason": _("请填写作废原因")})
    if len(reason) > 200 or plain_text_error(reason):
        raise ValidationError({"reason": _("原因最多200个字")})
    if activity.voided_at is not None:
        raise Conflict({"reason": _("该记录已作废")})
    activity.voided_at, activity.voided_by, activity.void_reason = timezone.now(), actor, reason
    activity._history_user = actor
    activity.save(update_fields=["voided_at", "voided_by", "void_reason"])
    return activity
