"""/api/v1/duty: the people on the roster, their statuses, leave cancelled, hours served."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..filters import StaffFilter
from ..models import Staff
from ..rules import MANAGE, STAFF_RECORDS
from ..selectors import (
    hours_period,
    hours_served,
    staff_listed,
)
from ..services import (
    leave_cancel_for_unit,
    staff_create,
    staff_status_set,
)
from .roster import WRITE_ERRORS

router = Router()

# --- people --------------------------------------------------------------------------------------


class StaffIn(InputSchema):
    lengths_from = (Staff,)

    unit: Id
    kind: str
    name: str
    user: Id | None = None
    phone: str = Field("", max_length=20)
    association: str = ""


class DutyStaffOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    user: int | None = Field(None, alias="user_id")
    kind: str
    name: str
    association: str
    status: str
    status_from: date | None
    status_until: date | None
    status_reason: str
    seconded_to: int | None = Field(None, alias="seconded_to_id")
    is_active: bool


class StaffQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    kind: str = ""
    status: str = ""
    association: str = ""


@router.get(
    "/duty/staff", auth=api_guard(STAFF_RECORDS), response=list[DutyStaffOut], summary="勤务人员"
)
@paginate(BoundedPageNumberPagination, page_size=100)
def staff_list(request: HttpRequest, filters: Query[StaffQuery]):
    return filtered(StaffFilter, staff_listed(request.auth), filters.dict(), user=request.auth)


@router.post(
    "/duty/staff",
    auth=api_guard(MANAGE),
    response={201: DutyStaffOut, **WRITE_ERRORS},
    summary="登记勤务人员（民警、辅警、志愿者）",
)
def staff_add(request: HttpRequest, payload: StaffIn):
    actor = request.auth
    unit = get_visible_or_404(Unit, actor, pk=payload.unit)
    user = None
    if payload.user:
        user = User.objects.visible_to(actor).filter(pk=payload.user).first()
        if user is None:
            raise ValidationError({"user": _("未找到该账号")})
    staff = staff_create(
        actor=actor,
        unit=unit,
        kind=payload.kind,
        name=payload.name,
        user=user,
        phone=payload.phone,
        association=payload.association,
    )
    return Status(201, staff)


class DutyStatusIn(InputSchema):
    status: str
    reason: str = Field("", max_length=200)
    status_from: Day | None = None
    status_until: Day | None = None
    seconded_to: Id | None = None


@router.post(
    "/duty/staff/{duty_staff_id}/status",
    auth=api_guard(MANAGE),
    response={200: DutyStaffOut, **WRITE_ERRORS},
    summary="变更人员状态（在岗、轮休、休假、病假、隔离、借调）",
)
def staff_status(request: HttpRequest, duty_staff_id: Id, payload: DutyStatusIn):
    actor = request.auth
    staff = get_visible_or_404(Staff.objects.select_related("unit"), actor, pk=duty_staff_id)
    seconded_to = None
    if payload.seconded_to:
        # Lent to any active unit of the bureau: a station sends officers to its neighbour.
        seconded_to = Unit.objects.filter(pk=payload.seconded_to, is_active=True).first()
        if seconded_to is None:
            raise ValidationError({"seconded_to": _("未找到该单位")})
    return staff_status_set(
        actor=actor,
        staff=staff,
        status=payload.status,
        reason=payload.reason,
        status_from=payload.status_from,
        status_until=payload.status_until,
        seconded_to=seconded_to,
    )


class LeaveCancelIn(InputSchema):
    unit: Id
    reason: str = Field(..., max_length=200)


class LeaveCancelOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    reason: str
    staff_count: int
    at: datetime


@router.post(
    "/duty/leave-cancellations",
    auth=api_guard(MANAGE),
    response={201: LeaveCancelOut, **WRITE_ERRORS},
    summary="全员取消休假（本单位及下级）",
)
def leave_cancel(request: HttpRequest, payload: LeaveCancelIn):
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit)
    return Status(201, leave_cancel_for_unit(actor=request.auth, unit=unit, reason=payload.reason))


class HoursQuery(InputSchema):
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


class HoursOut(Schema):
    staff: int
    name: str
    kind: str
    unit: int
    shifts: int
    hours: float
    night_hours: float


@router.get(
    "/duty/hours",
    auth=api_guard(STAFF_RECORDS),
    response={200: list[HoursOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="执勤时长（按人员）",
)
def hours(request: HttpRequest, filters: Query[HoursQuery]):
    actor = request.auth
    unit = get_visible_or_404(Unit, actor, pk=filters.unit) if filters.unit else None
    date_from, date_to = hours_period(filters.date_from, filters.date_to)
    return [
        {
            "staff": row.staff.pk,
            "name": row.staff.name,
            "kind": row.staff.kind,
            "unit": row.staff.unit_id,
            "shifts": row.shifts,
            "hours": row.hours,
            "night_hours": row.night_hours,
        }
        for row in hours_served(actor, date_from=date_from, date_to=date_to, unit=unit)
    ]
