"""Patrols, their findings and the drones' flights.

A violation a patrol finds opens its case through the cases area's service with the finding as
its source, and the finding keeps the case: linked both ways, in one transaction. A tip it picks
up becomes an intake report through intake's own service (the duty desk's queue takes it from
there), kept on the finding as well.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.cases.models import CaseKind
from shouwang.cases.services import case_open
from shouwang.identity.plain_text import check_text
from shouwang.intake.models import CATEGORIES, Channel, ReportType
from shouwang.intake.services import report_enter
from shouwang.records import model_update
from shouwang.units.policy import require

from ..models import (
    DroneFlight,
    FindingKind,
    Patrol,
    PatrolFinding,
    PatrolKind,
    Vehicle,
    VehicleKind,
    VehicleStatus,
)
from ..policy import PATROL_WRITE
from .common import moment, staff_within
from .fleet import vehicle_move

MAX_PEOPLE = 100_000
# Which vehicles each kind of patrol may take (foot and video patrols take none).
VEHICLE_KINDS = {
    PatrolKind.CAR: (VehicleKind.CAR, VehicleKind.MOTORCYCLE, VehicleKind.OTHER),
    PatrolKind.DRONE: (VehicleKind.DRONE,),
}


def _vehicle(actor: Any, kind: str, vehicle: Any) -> Vehicle | None:
    if kind not in VEHICLE_KINDS:
        if vehicle is not None:
            raise ValidationError({"vehicle": _("徒步和视频巡逻不使用车辆")})
        return None
    if vehicle is None:
        message = _("请选择无人机") if kind == PatrolKind.DRONE else _("请选择车辆")
        raise ValidationError({"vehicle": message})
    found = Vehicle.objects.visible_to(actor).select_for_update().filter(pk=vehicle.pk).first()
    if found is None or found.kind not in VEHICLE_KINDS[kind]:
        message = _("请选择本单位的无人机") if kind == PatrolKind.DRONE else _("请选择本单位的车辆")
        raise ValidationError({"vehicle": message})
    return found


@transaction.atomic
def patrol_start(
    *,
    actor: Any,
    unit: Any,
    kind: str,
    area: str,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    vehicle: Vehicle | None = None,
    officers: Iterable[Any] = (),
    note: str = "",
) -> Patrol:
    """Record a patrol: under way (its vehicle goes "on patrol") or, with an end, done."""
    require(actor, PATROL_WRITE, unit, unit_message=_("只能登记本单位或下级单位的巡逻"))
    if kind not in PatrolKind.values:
        raise ValidationError({"kind": _("请选择巡逻方式")})
    area = check_text(area, "area", 200, required=True)
    note = check_text(note, "note", 300)
    started = moment(started_at, "started_at")
    ended = moment(ended_at, "ended_at", default_now=False)
    if ended is not None and ended < started:
        raise ValidationError({"ended_at": _("结束时间不能早于开始时间")})
    people = staff_within(actor, [actor, *officers], "officers")
    vehicle = _vehicle(actor, kind, vehicle)
    if vehicle is not None and ended is None and vehicle.status != VehicleStatus.IN_SERVICE:
        raise ValidationError(
            {
                "vehicle": _("%(vehicle)s当前“%(status)s”，不能出巡")
                % {"vehicle": vehicle, "status": vehicle.get_status_display()}
            }
        )
    patrol = Patrol(
        unit=unit,
        kind=kind,
        area=area,
        vehicle=vehicle,
        started_at=started,
        ended_at=ended,
        note=note,
        recorded_by=actor,
    )
    patrol._history_user = actor
    patrol.save()
    patrol.officers.set(people)
    if vehicle is not None and ended is None:
        vehicle_move(vehicle, VehicleStatus.ON_PATROL, area, actor)
    return patrol


@transaction.atomic
def patrol_update(
    *, actor: Any, patrol: Patrol, area: str, note: str = "", officers: Iterable[Any] = ()
) -> Patrol:
    require(actor, PATROL_WRITE, patrol.unit, unit_message=_("只能修改本单位或下级单位的巡逻"))
    values = {
        "area": check_text(area, "area", 200, required=True),
        "note": check_text(note, "note", 300),
    }
    people = staff_within(actor, officers, "officers")
    patrol = Patrol.objects.select_for_update().get(pk=patrol.pk)
    patrol._history_user = actor
    model_update(patrol, fields=("area", "note"), data=values)
    if people:
        patrol.officers.set(people)
    return patrol


@transaction.atomic
def patrol_end(*, actor: Any, patrol: Patrol, ended_at: datetime | None = None) -> Patrol:
    """End a patrol; its vehicle is back in service."""
    require(actor, PATROL_WRITE, patrol.unit, unit_message=_("只能修改本单位或下级单位的巡逻"))
    patrol = Patrol.objects.select_for_update().get(pk=patrol.pk)
    if patrol.ended_at is not None:
        raise ValidationError({"ended_at": _("该巡逻已结束")})
    ended = moment(ended_at, "ended_at")
    if ended < patrol.started_at:
        raise ValidationError({"ended_at": _("结束时间不能早于开始时间")})
    patrol._history_user = actor
    model_update(patrol, fields=("ended_at",), data={"ended_at": ended})
    if patrol.vehicle_id is not None:
        vehicle = Vehicle.objects.select_for_update().get(pk=patrol.vehicle_id)
        if vehicle.status == VehicleStatus.ON_PATROL:
            vehicle_move(vehicle, VehicleStatus.IN_SERVICE, "", actor)
    return patrol


def _check_finding_rights(actor: Any, kind: str) -> None:
    # The case and the report are other areas' records, under their own rules.
    if kind == FindingKind.VIOLATION and not actor.has_capability(Capability.HANDLE_CASES):
        raise ValidationError({"kind": _("您无权立案，请由民警登记")})
    if kind == FindingKind.TIP and not actor.has_capability(Capability.HANDLE_INTAKE):
        raise ValidationError({"kind": _("您无权登记线索，请由民警或值班室登记")})


@transaction.atomic
def finding_record(
    *,
    actor: Any,
    patrol: Patrol,
    kind: str,
    note: str,
    place: str = "",
    people_count: int = 0,
    occurred_at: datetime | None = None,
    case_kind: str = "",
    tip_category: str = "",
) -> PatrolFinding:
    """Record what a patrol found; a violation opens a case, a tip an intake report."""
    require(actor, PATROL_WRITE, patrol.unit, unit_message=_("只能登记本单位或下级单位的巡逻"))
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("请选择发现类型")})
    _check_finding_rights(actor, kind)
    note = check_text(note, "note", 500, required=True)
    place = check_text(place, "place", 200)
    if not isinstance(people_count, int) or not 0 <= people_count <= MAX_PEOPLE:
        raise ValidationError({"people_count": _("人数应为0至100000")})
    if case_kind and case_kind not in CaseKind.values:
        raise ValidationError({"case_kind": _("案件类别不正确")})
    if tip_category and tip_category not in CATEGORIES[ReportType.TIP]:
        raise ValidationError({"tip_category": _("线索类别不正确")})
    when = moment(occurred_at, "occurred_at")
    patrol = Patrol.objects.select_for_update().select_related("unit").get(pk=patrol.pk)
    if when < patrol.started_at or (patrol.ended_at is not None and when > patrol.ended_at):
        raise ValidationError({"occurred_at": _("发现时间应在巡逻起止时间内")})
    finding = PatrolFinding.objects.create(
        patrol=patrol,
        kind=kind,
        note=note,
        place=place or patrol.area,
        people_count=people_count,
        occurred_at=when,
        recorded_by=actor,
    )
    if kind == FindingKind.VIOLATION:
        finding.case = case_open(
            actor=actor,
            unit=patrol.unit,
            kind=case_kind or CaseKind.OBSTRUCTING,
            facts=_("%(patrol)s发现：%(note)s")
            % {"patrol": patrol.get_kind_display(), "note": note},
            occurred_at=when,
            place=finding.place,
            source=finding,
        )
        finding.save(update_fields=["case"])
    elif kind == FindingKind.TIP:
        finding.report = report_enter(
            actor=actor,
            channel=Channel.WALK_IN,
            unit=patrol.unit,
            now=when,
            data={
                "type": ReportType.TIP,
                "category": tip_category or "other",
                "text": _("巡逻发现：%(note)s") % {"note": note},
                "place": finding.place,
                "anonymous": True,
            },
        )
        finding.save(update_fields=["report"])
    return finding


@transaction.atomic
def flight_record(
    *,
    actor: Any,
    patrol: Patrol,
    took_off_at: datetime | None,
    area: str,
    broadcast_text: str = "",
    landed_at: datetime | None = None,
    drone: Vehicle | None = None,
    pilot: Any = None,
) -> DroneFlight:
    """A flight of a drone patrol, with what its loudspeaker broadcast."""
    require(actor, PATROL_WRITE, patrol.unit, unit_message=_("只能登记本单位或下级单位的巡逻"))
    if patrol.kind != PatrolKind.DRONE:
        raise ValidationError({"patrol": _("只有无人机巡查可以登记飞行")})
    drone = _vehicle(actor, PatrolKind.DRONE, drone or patrol.vehicle)
    took_off = moment(took_off_at, "took_off_at")
    landed = moment(landed_at, "landed_at", default_now=False)
    if landed is not None and landed < took_off:
        raise ValidationError({"landed_at": _("降落时间不能早于起飞时间")})
    pilot = staff_within(actor, [pilot or actor], "pilot")[0]
    return DroneFlight.objects.create(
        patrol=patrol,
        drone=drone,
        took_off_at=took_off,
        landed_at=landed,
        area=check_text(area, "area", 200, required=True),
        broadcast_text=check_text(broadcast_text, "broadcast_text", 1000),
        pilot=pilot,
        recorded_by=actor,
    )
