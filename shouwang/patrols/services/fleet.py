"""Vehicles and drones: registered by whoever plans duty, their status kept with its history."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shouwang.identity import normalize_input
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.policy import require

from ..models import Vehicle, VehicleKind, VehicleStatus
from ..policy import FLEET_MANAGE, FLEET_STATUS

# A status that takes a vehicle off the road needs a reason others can read.
REASON_NEEDED = (VehicleStatus.MAINTENANCE, VehicleStatus.OUT_OF_SERVICE)


def _values(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") not in VehicleKind.values:
        raise ValidationError({"kind": _("请选择类别：警车、摩托车、无人机或其他")})
    code = normalize_input(str(data.get("code") or "")).replace(" ", "").upper()
    return {
        "kind": data["kind"],
        "code": check_text(code, "code", 20, required=True),
        "model_name": check_text(data.get("model_name", ""), "model_name", 50),
        "has_loudspeaker": bool(data.get("has_loudspeaker")),
        "note": check_text(data.get("note", ""), "note", 200),
    }


def _saved(vehicle: Vehicle) -> Vehicle:
    try:
        with transaction.atomic():
            vehicle.save()
    except IntegrityError:
        raise ValidationError({"code": _("本单位已有该编号的车辆或无人机")}) from None
    return vehicle


@transaction.atomic
def vehicle_register(*, actor: Any, unit: Any, data: dict[str, Any]) -> Vehicle:
    """Add a car or a drone to `unit`'s fleet, in service."""
    require(actor, FLEET_MANAGE, unit, unit_message=_("只能登记本单位或下级单位的车辆"))
    vehicle = Vehicle(unit=unit, created_by=actor, **_values(data))
    vehicle._history_user = actor
    return _saved(vehicle)


@transaction.atomic
def vehicle_update(*, actor: Any, vehicle: Vehicle, data: dict[str, Any]) -> Vehicle:
    require(actor, FLEET_MANAGE, vehicle.unit, unit_message=_("只能修改本单位或下级单位的车辆"))
    values = _values({"kind": vehicle.kind, **data})
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    vehicle._history_user = actor
    if values["code"] != vehicle.code and (
        Vehicle.objects.filter(unit_id=vehicle.unit_id, code=values["code"])
        .exclude(pk=vehicle.pk)
        .exists()
    ):
        raise ValidationError({"code": _("本单位已有该编号的车辆或无人机")})
    model_update(vehicle, fields=("code", "model_name", "has_loudspeaker", "note"), data=values)
    return vehicle


@transaction.atomic
def vehicle_set_status(*, actor: Any, vehicle: Vehicle, status: str, reason: str = "") -> Vehicle:
    """Change a vehicle's status by hand (a patrol's start and end change it by themselves)."""
    require(actor, FLEET_STATUS, vehicle.unit, unit_message=_("只能管理本单位或下级单位的车辆"))
    if status not in VehicleStatus.values:
        raise ValidationError({"status": _("请选择状态")})
    reason = check_text(reason, "reason", 200, required=status in REASON_NEEDED)
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    if status == VehicleStatus.ON_PATROL and not vehicle.patrols.filter(ended_at=None).exists():
        raise ValidationError({"status": _("开始巡逻时车辆自动变为“巡逻中”，请登记巡逻")})
    vehicle._history_user = actor
    model_update(
        vehicle,
        fields=("status", "status_reason"),
        data={"status": status, "status_reason": reason},
    )
    return vehicle


def vehicle_move(vehicle: Vehicle, status: str, reason: str, actor: Any) -> None:
    """A patrol took or returned the vehicle (called under the patrol's transaction, locked)."""
    vehicle._history_user = actor
    model_update(
        vehicle,
        fields=("status", "status_reason"),
        data={"status": status, "status_reason": reason},
    )
