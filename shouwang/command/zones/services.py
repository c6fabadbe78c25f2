"""Writing zones: drawn or imported, linked to checkpoints, buildings and households; level
changes, new cases and lifting, each with a reason kept in the zone's history."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.community.models import Building, Household
from shouwang.identity.event_dates import event_date_error
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import MAX_LIFT_AFTER_DAYS, Zone, ZoneLevel, ZoneStatus
from ..rules import MANAGE_ZONES
from .geometry import contains, geometry_clean

EDITABLE = ("name", "geometry", "lift_after_days", "note")


# A zone may be announced a few days ahead of its start.
START_AHEAD_DAYS = 7


def _day_error(day: date | None, field: str, errors: dict, *, ahead: int = 0) -> None:
    if day is None:
        errors[field] = _("请填写日期")
        return
    today = timezone.localdate()
    message = event_date_error(day, today=today, latest=today + timedelta(days=ahead))
    if message:
        errors[field] = message


def _linked(model, actor: Any, ids: Iterable[int] | None, field: str, errors: dict) -> list:
    """The actor's records of these ids; a missing or out-of-reach id is a field error."""
    wanted = sorted({int(pk) for pk in ids or ()})
    if not wanted:
        return []
    found = list(model.objects.visible_to(actor).filter(pk__in=wanted))
    if len(found) != len(wanted):
        errors[field] = _("部分记录不存在或不在您的管辖范围内")
    return found


def _checked(
    *, actor: Any, data: dict, errors: dict
) -> tuple[dict, list[Checkpoint], list[Building], list[Household]]:
    cleaned: dict = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("请填写区域名称")
    cleaned["name"] = name
    if "level" in data and data["level"] not in ZoneLevel.values:
        errors["level"] = _("管控级别应为封控区、管控区或防范区")
    try:
        cleaned["geometry"] = geometry_clean(data.get("geometry"))
    except ValidationError as error:
        errors.update(error.message_dict)
    days = data.get("lift_after_days")
    if days is not None and not (isinstance(days, int) and 1 <= days <= MAX_LIFT_AFTER_DAYS):
        errors["lift_after_days"] = _("解除条件天数应在1至%(max)s之间") % {
            "max": MAX_LIFT_AFTER_DAYS
        }
    if days is not None:
        cleaned["lift_after_days"] = days
    cleaned["note"] = (data.get("note") or "").strip()
    checkpoints = _linked(Checkpoint, actor, data.get("checkpoints"), "checkpoints", errors)
    buildings = _linked(Building, actor, data.get("buildings"), "buildings", errors)
    households = _linked(Household, actor, data.get("households"), "households", errors)
    return cleaned, checkpoints, buildings, households


def _inside(actor: Any, unit: Unit, geometry: dict) -> list[Checkpoint]:
    """The unit's checkpoints with coordinates inside the geometry: linked without asking."""
    located = Checkpoint.objects.visible_to(actor).filter(
        unit__path__startswith=unit.path, latitude__isnull=False, longitude__isnull=False
    )
    return [
        checkpoint
        for checkpoint in located
        if contains(geometry, float(checkpoint.longitude), float(checkpoint.latitude))
    ]


@transaction.atomic
def zone_create(*, actor: Any, unit: Unit, data: dict) -> Zone:
    """Draw a zone for a unit: name, level, geometry, start, links (ids), lifting rule."""
    require(actor, MANAGE_ZONES, unit, unit_message=_("只能为本单位或下级单位划定区域"))
    errors: dict = {}
    cleaned, checkpoints, buildings, households = _checked(actor=actor, data=data, errors=errors)
    if data.get("level") is None:
        errors["level"] = _("请选择管控级别")
    started_on = data.get("started_on") or timezone.localdate()
    _day_error(started_on, "started_on", errors, ahead=START_AHEAD_DAYS)
    if errors:
        raise ValidationError(errors)
    zone = Zone(
        unit=unit,
        level=data["level"],
        started_on=started_on,
        last_case_on=data.get("last_case_on"),
        created_by=actor,
        **cleaned,
    )
    zone._history_user = actor
    zone._change_reason = _("划定区域")
    zone.save()
    checkpoints = {c.pk: c for c in [*checkpoints, *_inside(actor, unit, cleaned["geometry"])]}
    zone.checkpoints.set(checkpoints.values())
    zone.buildings.set(buildings)
    zone.households.set(households)
    return zone


def _locked(zone: Zone) -> Zone:
    return Zone.objects.select_for_update().select_related("unit").get(pk=zone.pk)


@transaction.atomic
def zone_update(*, actor: Any, zone: Zone, data: dict) -> Zone:
    """Change a zone's name, outline, lifting rule, note and links (ids; absent keys stay)."""
    require(actor, MANAGE_ZONES, zone.unit)
    zone = _locked(zone)
    errors: dict = {}
    merged = {name: getattr(zone, name) for name in EDITABLE} | {
        key: value for key, value in data.items() if value is not None
    }
    cleaned, checkpoints, buildings, households = _checked(actor=actor, data=merged, errors=errors)
    if errors:
        raise ValidationError(errors)
    zone._history_user = actor
    zone._change_reason = (data.get("reason") or "").strip()[:100] or _("修改区域")
    model_update(zone, fields=EDITABLE, data=cleaned)
    if data.get("checkpoints") is not None:
        zone.checkpoints.set(checkpoints)
    if data.get("buildings") is not None:
        zone.buildings.set(buildings)
    if data.get("households") is not None:
        zone.households.set(households)
    return zone


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写原因")})
    if len(reason) > 100:
        raise ValidationError({"reason": _("原因最多100个字")})
    return reason


@transaction.atomic
def zone_change_level(*, actor: Any, zone: Zone, level: str, reason: str) -> Zone:
    """Raise or lower a zone's level (封控区 → 管控区 → 防范区), with the reason."""
    require(actor, MANAGE_ZONES, zone.unit)
    reason = _reason(reason)
    zone = _locked(zone)
    if level not in ZoneLevel.values:
        raise ValidationError({"level": _("管控级别应为封控区、管控区或防范区")})
    if zone.status != ZoneStatus.ACTIVE:
        raise ValidationError({"level": _("区域已解除，不能调整级别")})
    if level == zone.level:
        raise ValidationError({"level": _("级别未改变")})
    zone._history_user, zone._change_reason = actor, reason
    # A new level starts its own count of days without a case.
    model_update(
        zone,
        fields=("level", "lifting_due_since"),
        data={"level": level, "lifting_due_since": None},
    )
    return zone


@transaction.atomic
def zone_case_report(*, actor: Any, zone: Zone, on: date | None, reason: str) -> Zone:
    """A new case in the zone on a day: its count of days without a case starts again."""
    require(actor, MANAGE_ZONES, zone.unit)
    reason = _reason(reason)
    errors: dict = {}
    _day_error(on, "on", errors)
    if errors:
        raise ValidationError(errors)
    zone = _locked(zone)
    if zone.status != ZoneStatus.ACTIVE:
        raise ValidationError({"on": _("区域已解除")})
    if zone.last_case_on and on <= zone.last_case_on:
        return zone
    zone._history_user, zone._change_reason = actor, reason
    model_update(
        zone,
        fields=("last_case_on", "lifting_due_since"),
        data={"last_case_on": on, "lifting_due_since": None},
    )
    return zone


@transaction.atomic
def zone_lift(*, actor: Any, zone: Zone, on: date | None, reason: str) -> Zone:
    """Lift a zone on a day (its last day under measures is the day before)."""
    require(actor, MANAGE_ZONES, zone.unit)
    reason = _reason(reason)
    on = on or timezone.localdate()
    errors: dict = {}
    _day_error(on, "on", errors)
    if errors:
        raise ValidationError(errors)
    zone = _locked(zone)
    if zone.status != ZoneStatus.ACTIVE:
        raise ValidationError({"on": _("区域已解除")})
    if on < zone.started_on:
        raise ValidationError({"on": _("解除日期不能早于开始日期")})
    zone._history_user, zone._change_reason = actor, reason
    model_update(
        zone,
        fields=("status", "lifted_on", "lifting_due_since"),
        data={"status": ZoneStatus.LIFTED, "lifted_on": on, "lifting_due_since": None},
    )
    return zone


@transaction.atomic
def zones_mark_lifting_due(*, today: date) -> list[Zone]:
    """The daily job: mark the active zones that meet their lifting rule today (once each) and
    unmark those that no longer do; returns the zones newly due."""
    from .selectors import zones_with_lifting

    newly: list[Zone] = []
    zones = zones_with_lifting(Zone.objects.filter(status=ZoneStatus.ACTIVE), today)
    for zone in zones:
        if zone.meets_lifting_rule and zone.lifting_due_since is None:
            Zone.objects.filter(pk=zone.pk).update(lifting_due_since=today)
            newly.append(zone)
        elif not zone.meets_lifting_rule and zone.lifting_due_since is not None:
            Zone.objects.filter(pk=zone.pk).update(lifting_due_since=None)
    return newly
