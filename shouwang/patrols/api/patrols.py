"""/patrols: patrols with their findings and drone flights."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..filters import PatrolFilter
from ..models import DroneFlight, Patrol, PatrolFinding, Vehicle
from ..policy import PATROL_RECORDS, PATROL_WRITE
from ..selectors import patrols_listed
from ..services import finding_record, flight_record, patrol_end, patrol_start

router = Router(tags=["巡逻"])


class PatrolFindingOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    place: str
    people_count: int
    note: str
    case: int | None = Field(None, alias="case_id")
    report: int | None = Field(None, alias="report_id")


class DroneFlightOut(Schema):
    id: int
    drone: int = Field(..., alias="drone_id")
    took_off_at: datetime
    landed_at: datetime | None
    area: str
    broadcast_text: str
    pilot: int | None = Field(None, alias="pilot_id")


class PatrolOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    area: str
    vehicle: int | None = Field(None, alias="vehicle_id")
    started_at: datetime
    ended_at: datetime | None
    officers: list[int]
    note: str

    @staticmethod
    def resolve_officers(patrol: Patrol) -> list[int]:
        return sorted(user.pk for user in patrol.officers.all())


class PatrolDetailOut(PatrolOut):
    findings: list[PatrolFindingOut]
    flights: list[DroneFlightOut]

    @staticmethod
    def resolve_findings(patrol: Patrol) -> list[PatrolFinding]:
        return list(patrol.findings.all())

    @staticmethod
    def resolve_flights(patrol: Patrol) -> list[DroneFlight]:
        return list(patrol.flights.all())


class PatrolIn(InputSchema):
    lengths_from = (Patrol,)

    unit: Id
    kind: str
    area: str
    vehicle: Id | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    officers: list[Id] = Field(default_factory=list, max_length=50)
    note: str = ""


class PatrolQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    kind: str = ""
    ongoing: str = ""
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")


class PatrolEndIn(InputSchema):
    ended_at: datetime | None = None


class PatrolFindingIn(InputSchema):
    lengths_from = (PatrolFinding,)

    kind: str
    note: str
    place: str = ""
    people_count: int = Field(0, ge=0, le=100_000)
    occurred_at: datetime | None = None
    case_kind: str = Field("", max_length=20)
    tip_category: str = Field("", max_length=20)


class DroneFlightIn(InputSchema):
    lengths_from = (DroneFlight,)

    drone: Id | None = None
    took_off_at: datetime
    landed_at: datetime | None = None
    area: str
    broadcast_text: str = Field("", max_length=1000)
    pilot: Id | None = None


def _patrol(request: HttpRequest, patrol_id: int) -> Patrol:
    return get_visible_or_404(
        Patrol.objects.select_related("unit", "vehicle").prefetch_related("officers"),
        request.auth,
        pk=patrol_id,
    )


def _vehicle(request: HttpRequest, vehicle_id: int | None) -> Vehicle | None:
    if vehicle_id is None:
        return None
    return get_visible_or_404(Vehicle, request.auth, pk=vehicle_id)


@router.post(
    "/patrols",
    auth=api_guard(PATROL_WRITE),
    response={201: PatrolDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记巡逻（未填结束时间即为进行中）",
)
def patrol_create(request: HttpRequest, payload: PatrolIn):
    data = payload.dict()
    patrol = patrol_start(
        actor=request.auth,
        unit=get_visible_or_404(Unit, request.auth, pk=data["unit"]),
        kind=data["kind"],
        area=data["area"],
        vehicle=_vehicle(request, data["vehicle"]),
        started_at=data["started_at"],
        ended_at=data["ended_at"],
        officers=[get_visible_or_404(User, request.auth, pk=pk) for pk in data["officers"]],
        note=data["note"],
    )
    return Status(201, _patrol(request, patrol.pk))


@router.get(
    "/patrols",
    auth=api_guard(PATROL_RECORDS),
    response={200: list[PatrolOut], 403: ErrorOut, 422: ErrorOut},
    summary="巡逻记录（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def patrol_list(request: HttpRequest, filters: Query[PatrolQuery]):
    params = filters.dict()
    return filtered(PatrolFilter, patrols_listed(request.auth).prefetch_related("officers"), params)


@router.get(
    "/patrols/{patrol_id}",
    auth=api_guard(PATROL_RECORDS),
    response={200: PatrolDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="巡逻详情（发现与飞行）",
)
def patrol_detail(request: HttpRequest, patrol_id: Id):
    return _patrol(request, patrol_id)


@router.post(
    "/patrols/{patrol_id}/end",
    auth=api_guard(PATROL_WRITE),
    response={200: PatrolDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="结束巡逻（车辆恢复备勤）",
)
def patrol_finish(request: HttpRequest, patrol_id: Id, payload: PatrolEndIn):
    patrol_end(actor=request.auth, patrol=_patrol(request, patrol_id), ended_at=payload.ended_at)
    return _patrol(request, patrol_id)


@router.post(
    "/patrols/{patrol_id}/findings",
    auth=api_guard(PATROL_WRITE),
    response={201: PatrolFindingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记巡逻发现（违法违规即立案，线索转受理）",
)
def finding_create(request: HttpRequest, patrol_id: Id, payload: PatrolFindingIn):
    finding = finding_record(
        actor=request.auth, patrol=_patrol(request, patrol_id), **payload.dict()
    )
    return Status(201, finding)


@router.post(
    "/patrols/{patrol_id}/flights",
    auth=api_guard(PATROL_WRITE),
    response={201: DroneFlightOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记无人机飞行与喊话内容",
)
def flight_create(request: HttpRequest, patrol_id: Id, payload: DroneFlightIn):
    data = payload.dict()
    flight = flight_record(
        actor=request.auth,
        patrol=_patrol(request, patrol_id),
        drone=_vehicle(request, data["drone"]),
        took_off_at=data["took_off_at"],
        landed_at=data["landed_at"],
        area=data["area"],
        broadcast_text=data["broadcast_text"],
        pilot=get_visible_or_404(User, request.auth, pk=data["pilot"]) if data["pilot"] else None,
    )
    return Status(201, flight)
