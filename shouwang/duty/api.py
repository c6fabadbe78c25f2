"""/api/v1/duty: posts, shifts, the coverage check, people and their statuses, hours served."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.checkpoints.models import Checkpoint
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .filters import PostFilter, StaffFilter
from .models import Post, Shift, Staff
from .rules import DUTY_RECORDS, MANAGE, MY_SHIFTS, STAFF_RECORDS
from .selectors import (
    coverage_gaps,
    coverage_period,
    hours_period,
    hours_served,
    my_shifts,
    posts_listed,
    shifts_listed,
    staff_listed,
)
from .services import (
    leave_cancel_for_unit,
    post_create,
    shift_assign,
    shift_cancel,
    staff_create,
    staff_of_user,
    staff_status_set,
    week_assign,
)
from .times import local_midnight

router = Router(tags=["勤务排班"])
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- posts ---------------------------------------------------------------------------------------


class PostIn(InputSchema):
    lengths_from = (Post,)

    unit: Id
    name: str
    kind: str
    required_staff: int = Field(1, ge=1, le=500)
    is_24h: bool = True
    opens_at: time | None = None
    closes_at: time | None = None
    checkpoint: Id | None = None
    note: str = ""


class PostOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    kind: str
    required_staff: int
    is_24h: bool
    opens_at: time | None
    closes_at: time | None
    checkpoint: int | None = Field(None, alias="checkpoint_id")
    is_active: bool


@router.post(
    "/duty/posts",
    auth=api_guard(MANAGE),
    response={201: PostOut, **WRITE_ERRORS},
    summary="新建勤务岗位",
)
def post_add(request: HttpRequest, payload: PostIn):
    actor = request.auth
    unit = get_visible_or_404(Unit, actor, pk=payload.unit)
    checkpoint = None
    if payload.checkpoint:
        checkpoint = Checkpoint.objects.visible_to(actor).filter(pk=payload.checkpoint).first()
        if checkpoint is None:
            raise ValidationError({"checkpoint": _("未找到该卡点")})
    data = payload.dict(exclude={"unit", "checkpoint"})
    post = post_create(actor=actor, unit=unit, data={**data, "checkpoint": checkpoint})
    return Status(201, post)


class PostQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    kind: str = ""


@router.get("/duty/posts", auth=api_guard(DUTY_RECORDS), response=list[PostOut], summary="勤务岗位")
@paginate(BoundedPageNumberPagination, page_size=100)
def post_list(request: HttpRequest, filters: Query[PostQuery]):
    return filtered(PostFilter, posts_listed(request.auth), filters.dict(), user=request.auth)


# --- shifts --------------------------------------------------------------------------------------


class ShiftIn(InputSchema):
    lengths_from = (Shift,)

    post: Id
    # The account of the person (the contract); a volunteer without one is named by `staff`.
    user: Id | None = None
    staff: Id | None = None
    starts_at: datetime
    ends_at: datetime
    note: str = ""


class ShiftOut(Schema):
    id: int
    post: int = Field(..., alias="post_id")
    post_name: str
    staff: int = Field(..., alias="staff_id")
    staff_name: str
    user: int | None
    starts_at: datetime
    ends_at: datetime
    hours: float

    @staticmethod
    def resolve_post_name(shift: Shift) -> str:
        return shift.post.name

    @staticmethod
    def resolve_staff_name(shift: Shift) -> str:
        return shift.staff.name

    @staticmethod
    def resolve_user(shift: Shift) -> int | None:
        return shift.staff.user_id


def _staff_for(actor, *, user_id: int | None, staff_id: int | None) -> Staff:
    if staff_id:
        staff = staff_listed(actor).filter(pk=staff_id).first()
        if staff is None:
            raise ValidationError({"staff": _("未找到该人员")})
        return staff
    if not user_id:
        raise ValidationError({"user": _("请指定人员（user 或 staff）")})
    user = User.objects.visible_to(actor).filter(pk=user_id, is_active=True).first()
    if user is None:
        staff = staff_listed(actor).filter(user_id=user_id).first()
        if staff is None:
            raise ValidationError({"user": _("未找到该账号")})
        return staff
    return staff_of_user(actor=actor, user=user)


@router.post(
    "/duty/shifts",
    auth=api_guard(MANAGE),
    response={201: ShiftOut, **WRITE_ERRORS},
    summary="排班（同一人员同一时段只能在一个岗位，否则 409）",
)
def shift_add(request: HttpRequest, payload: ShiftIn):
    actor = request.auth
    post = get_visible_or_404(Post.objects.select_related("unit"), actor, pk=payload.post)
    staff = _staff_for(actor, user_id=payload.user, staff_id=payload.staff)
    shift = shift_assign(
        actor=actor,
        post=post,
        staff=staff,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        note=payload.note,
    )
    return Status(201, shift)


class ShiftQuery(InputSchema):
    post: Id | None = None
    staff: Id | None = None
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


@router.get("/duty/shifts", auth=api_guard(DUTY_RECORDS), response=list[ShiftOut], summary="班次")
@paginate(BoundedPageNumberPagination, page_size=100)
def shift_list(request: HttpRequest, filters: Query[ShiftQuery]):
    shifts = shifts_listed(request.auth).order_by("starts_at", "pk")
    if filters.post:
        shifts = shifts.filter(post_id=filters.post)
    if filters.staff:
        shifts = shifts.filter(staff_id=filters.staff)
    if filters.unit:
        unit = get_visible_or_404(Unit, request.auth, pk=filters.unit)
        shifts = shifts.filter(post__unit__path__startswith=unit.path)
    if filters.date_from:
        shifts = shifts.filter(ends_at__gt=local_midnight(filters.date_from))
    if filters.date_to:
        shifts = shifts.filter(starts_at__lt=local_midnight(filters.date_to + timedelta(days=1)))
    return shifts


class CancelIn(InputSchema):
    reason: str = Field(..., max_length=200)


@router.post(
    "/duty/shifts/{duty_shift_id}/cancel",
    auth=api_guard(MANAGE),
    response={200: ShiftOut, **WRITE_ERRORS},
    summary="取消班次",
)
def shift_remove(request: HttpRequest, duty_shift_id: Id, payload: CancelIn):
    shifts = Shift.objects.select_related("post__unit", "staff")
    shift = get_visible_or_404(shifts, request.auth, pk=duty_shift_id)
    return shift_cancel(actor=request.auth, shift=shift, reason=payload.reason)


class WeekIn(InputSchema):
    week_start: Day
    template: str
    first_hour: int = Field(8, ge=0, le=23)
    # One list of people (roster ids) per shift of the day, in the template's order.
    teams: list[list[Id]] = Field(..., max_length=4)


@router.post(
    "/duty/posts/{duty_post_id}/week",
    auth=api_guard(MANAGE),
    response={201: list[ShiftOut], **WRITE_ERRORS},
    summary="按模板为岗位排一周的班",
)
def week_add(request: HttpRequest, duty_post_id: Id, payload: WeekIn):
    actor = request.auth
    post = get_visible_or_404(Post.objects.select_related("unit"), actor, pk=duty_post_id)
    ids = {pk for team in payload.teams for pk in team}
    if len(ids) > 200:
        raise ValidationError({"teams": _("人员过多")})
    people = staff_listed(actor).in_bulk(ids)
    missing = sorted(ids - set(people))
    if missing:
        raise ValidationError(
            {"teams": _("未找到人员：%(ids)s") % {"ids": "、".join(map(str, missing))}}
        )
    shifts = week_assign(
        actor=actor,
        post=post,
        week_start=payload.week_start,
        template=payload.template,
        first_hour=payload.first_hour,
        teams=[[people[pk] for pk in team] for team in payload.teams],
    )
    return Status(201, shifts)


@router.get(
    "/duty/my-shifts", auth=api_guard(MY_SHIFTS), response=list[ShiftOut], summary="我的班次"
)
def my_shift_list(request: HttpRequest):
    return my_shifts(request.auth)


# --- coverage ------------------------------------------------------------------------------------


class CoverageQuery(InputSchema):
    unit: Id | None = None
    # A date means that local day: `from` its first instant, `to` included whole.
    start: datetime | date | None = Field(None, alias="from")
    end: datetime | date | None = Field(None, alias="to")


class GapOut(Schema):
    post: int
    post_name: str
    unit: int
    starts_at: datetime
    ends_at: datetime
    required: int
    assigned: int


class CoverageOut(Schema):
    starts_at: datetime
    ends_at: datetime
    gaps: list[GapOut]


def _instant(value: datetime | date | None, *, end: bool) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return local_midnight(value + timedelta(days=1) if end else value)


@router.get(
    "/duty/coverage",
    auth=api_guard(DUTY_RECORDS),
    response={200: CoverageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="岗位缺员检查（默认未来7天，连续缺员时段合并）",
)
def coverage(request: HttpRequest, filters: Query[CoverageQuery]):
    actor = request.auth
    unit = get_visible_or_404(Unit, actor, pk=filters.unit) if filters.unit else None
    start, end = coverage_period(
        _instant(filters.start, end=False), _instant(filters.end, end=True)
    )
    gaps = coverage_gaps(actor=actor, unit=unit, start=start, end=end)
    return {
        "starts_at": timezone.localtime(start),
        "ends_at": timezone.localtime(end),
        "gaps": [
            {
                "post": gap.post.pk,
                "post_name": gap.post.name,
                "unit": gap.post.unit_id,
                "starts_at": timezone.localtime(gap.starts_at),
                "ends_at": timezone.localtime(gap.ends_at),
                "required": gap.required,
                "assigned": gap.assigned,
            }
            for gap in gaps
        ],
    }


# --- people --------------------------------------------------------------------------------------


class StaffIn(InputSchema):
    lengths_from = (Staff,)

    unit: Id
    kind: str
    name: str
    user: Id | None = None
    phone: str = Field("", max_length=20)
    association: str = ""


class StaffOut(Schema):
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
    "/duty/staff", auth=api_guard(STAFF_RECORDS), response=list[StaffOut], summary="勤务人员"
)
@paginate(BoundedPageNumberPagination, page_size=100)
def staff_list(request: HttpRequest, filters: Query[StaffQuery]):
    return filtered(StaffFilter, staff_listed(request.auth), filters.dict(), user=request.auth)


@router.post(
    "/duty/staff",
    auth=api_guard(MANAGE),
    response={201: StaffOut, **WRITE_ERRORS},
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


class StatusIn(InputSchema):
    status: str
    reason: str = Field("", max_length=200)
    status_from: Day | None = None
    status_until: Day | None = None
    seconded_to: Id | None = None


@router.post(
    "/duty/staff/{duty_staff_id}/status",
    auth=api_guard(MANAGE),
    response={200: StaffOut, **WRITE_ERRORS},
    summary="变更人员状态（在岗、轮休、休假、病假、隔离、借调）",
)
def staff_status(request: HttpRequest, duty_staff_id: Id, payload: StatusIn):
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
