"""/api/v1/duty: posts, shifts (409 when the person is on duty elsewhere), the coverage check."""

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

from ..filters import PostFilter
from ..models import Post, Shift, Staff
from ..rules import DUTY_RECORDS, MANAGE, MY_SHIFTS
from ..selectors import (
    coverage_gaps,
    coverage_period,
    my_shifts,
    posts_listed,
    shifts_listed,
    staff_listed,
)
from ..services import (
    post_create,
    shift_assign,
    shift_cancel,
    staff_of_user,
    week_assign,
)
from ..times import local_midnight

router = Router()
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- posts ---------------------------------------------------------------------------------------


class DutyPostIn(InputSchema):
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


class DutyPostOut(Schema):
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
    response={201: DutyPostOut, **WRITE_ERRORS},
    summary="新建勤务岗位",
)
def post_add(request: HttpRequest, payload: DutyPostIn):
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


@router.get(
    "/duty/posts", auth=api_guard(DUTY_RECORDS), response=list[DutyPostOut], summary="勤务岗位"
)
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
