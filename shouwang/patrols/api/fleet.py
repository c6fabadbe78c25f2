"""/vehicles: the cars and drones of a unit, with their status."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..filters import VehicleFilter
from ..models import Vehicle
from ..policy import FLEET_MANAGE, FLEET_STATUS, PATROL_RECORDS
from ..selectors import vehicles_listed
from ..services import vehicle_register, vehicle_set_status

router = Router(tags=["车辆与无人机"])


class VehicleIn(InputSchema):
    lengths_from = (Vehicle,)

    unit: Id
    kind: str
    code: str
    model_name: str = ""
    has_loudspeaker: bool = False
    note: str = ""


class VehicleOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    code: str
    model_name: str
    has_loudspeaker: bool
    status: str
    status_reason: str
    note: str
    created_at: datetime


class VehicleQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    kind: str = ""
    status: str = ""


class VehicleStatusIn(InputSchema):
    status: str
    reason: str = Field("", max_length=200)


def _vehicle(request: HttpRequest, vehicle_id: int) -> Vehicle:
    return get_visible_or_404(Vehicle.objects.select_related("unit"), request.auth, pk=vehicle_id)


@router.post(
    "/vehicles",
    auth=api_guard(FLEET_MANAGE),
    response={201: VehicleOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记车辆或无人机",
)
def vehicle_create(request: HttpRequest, payload: VehicleIn):
    data = payload.dict()
    unit = get_visible_or_404(Unit, request.auth, pk=data.pop("unit"))
    vehicle = vehicle_register(actor=request.auth, unit=unit, data=data)
    return Status(201, _vehicle(request, vehicle.pk))


@router.get(
    "/vehicles",
    auth=api_guard(PATROL_RECORDS),
    response={200: list[VehicleOut], 403: ErrorOut, 422: ErrorOut},
    summary="车辆与无人机（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def vehicle_list(request: HttpRequest, filters: Query[VehicleQuery]):
    return filtered(VehicleFilter, vehicles_listed(request.auth), filters.dict(), user=request.auth)


@router.get(
    "/vehicles/{vehicle_id}",
    auth=api_guard(PATROL_RECORDS),
    response={200: VehicleOut, 403: ErrorOut, 404: ErrorOut},
    summary="车辆或无人机详情",
)
def vehicle_detail(request: HttpRequest, vehicle_id: Id):
    return _vehicle(request, vehicle_id)


@router.post(
    "/vehicles/{vehicle_id}/status",
    auth=api_guard(FLEET_STATUS),
    response={200: VehicleOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="变更车辆状态（维修、停用须写明原因）",
)
def vehicle_status(request: HttpRequest, vehicle_id: Id, payload: VehicleStatusIn):
    vehicle = _vehicle(request, vehicle_id)
    vehicle_set_status(
        actor=request.auth, vehicle=vehicle, status=payload.status, reason=payload.reason
    )
    return _vehicle(request, vehicle_id)
