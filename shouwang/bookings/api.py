"""The booked services' API: the residents' part without an account (windows, slots, booking,
viewing, moving and cancelling by code; limited per address and phone, 429), and the staff's
(windows, slot generation, the day's bookings, marking them served)."""

from datetime import datetime

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.errors import error_body
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.audit.services import client_address
from shouwang.privacy.masking import mask_name, mask_phone
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404, unit_is_visible_to

from . import throttle
from .models import Booking, ServiceWindow
from .rules import BOOKING_RECORDS, BOOKING_SERVE, WINDOW_MANAGE
from .selectors import booking_by_code, day_bookings, public_slots, public_window, public_windows
from .services import (
    booking_cancel,
    booking_create,
    booking_mark,
    booking_move,
    slots_generate,
    window_create,
)

public_router = Router(tags=["群众服务"])
router = Router(tags=["预约服务"])

CODE = Path(..., max_length=40)


def _limited(limited: throttle.RateLimited) -> JsonResponse:
    return JsonResponse(
        error_body(limited.message), status=429, headers={"Retry-After": str(limited.retry_after)}
    )


# --- residents ----------------------------------------------------------------------------------


class PublicWindowOut(Schema):
    id: int
    name: str
    unit_name: str


class PublicSlotOut(Schema):
    id: int
    starts_at: datetime
    capacity: int
    left: int


class BookingIn(InputSchema):
    lengths_from = (Booking,)

    slot: Id
    name: str
    phone: str


class BookingCodeOut(Schema):
    code: str


class BookingMoveIn(InputSchema):
    slot: Id


class PublicBookingOut(Schema):
    code: str
    status: str
    window: str
    unit_name: str
    address: str
    starts_at: datetime
    minutes: int
    name: str
    phone: str


def _public_booking(booking: Booking) -> dict:
    """What the code shows: when and where, and the name and phone masked."""
    return {
        "code": booking.code,
        "status": booking.status,
        "window": booking.window.name,
        "unit_name": booking.window.unit.name,
        "address": booking.window.address,
        "starts_at": timezone.localtime(booking.slot.starts_at),
        "minutes": booking.slot.minutes,
        "name": mask_name(booking.name),
        "phone": mask_phone(booking.phone),
    }


def _by_code(request: HttpRequest, code: str) -> Booking | JsonResponse:
    key = throttle.client_key(client_address(request))
    try:
        throttle.check_lookups(key)
    except throttle.RateLimited as limited:
        return _limited(limited)
    booking = booking_by_code(code)
    if booking is None:
        throttle.count_lookup_miss(key)
        raise Http404
    return booking


@public_router.get(
    "/service-windows", auth=None, response=list[PublicWindowOut], summary="可预约的办事窗口"
)
def public_window_list(request: HttpRequest):
    return [
        {"id": window.pk, "name": window.name, "unit_name": window.unit.name}
        for window in public_windows()
    ]


@public_router.get(
    "/service-slots",
    auth=None,
    response={200: list[PublicSlotOut], 404: ErrorOut},
    summary="某窗口某日尚未开始的预约时段及剩余名额",
)
def public_slot_list(request: HttpRequest, window: Id, date: Day):
    chosen = public_window(window)
    if chosen is None:
        raise Http404
    return [
        {
            "id": s.pk,
            "starts_at": timezone.localtime(s.starts_at),
            "capacity": s.capacity,
            "left": s.left,
        }
        for s in public_slots(chosen, date)
    ]


@public_router.post(
    "/bookings",
    auth=None,
    response={201: BookingCodeOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="预约一个时段（不需要账号；约满返回409；按来源地址和手机号限制频率）",
)
def public_booking_create(request: HttpRequest, payload: BookingIn):
    try:
        booking = booking_create(data=payload.dict(), client_address=client_address(request))
    except throttle.RateLimited as limited:
        return _limited(limited)
    return Status(201, {"code": booking.code})


@public_router.get(
    "/bookings/{code}",
    auth=None,
    response={200: PublicBookingOut, 404: ErrorOut, 429: ErrorOut},
    summary="凭预约码查看预约",
)
def public_booking_detail(request: HttpRequest, code: str = CODE):
    booking = _by_code(request, code)
    if isinstance(booking, JsonResponse):
        return booking
    return _public_booking(booking)


@public_router.patch(
    "/bookings/{code}",
    auth=None,
    response={200: PublicBookingOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="凭预约码改约到同一窗口的其他时段",
)
def public_booking_move(request: HttpRequest, payload: BookingMoveIn, code: str = CODE):
    booking = _by_code(request, code)
    if isinstance(booking, JsonResponse):
        return booking
    booking_move(booking=booking, slot=payload.slot)
    return _public_booking(booking_by_code(booking.code))


@public_router.delete(
    "/bookings/{code}",
    auth=None,
    response={204: None, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="凭预约码取消预约",
)
def public_booking_cancel(request: HttpRequest, code: str = CODE):
    booking = _by_code(request, code)
    if isinstance(booking, JsonResponse):
        return booking
    booking_cancel(booking=booking)
    return Status(204, None)


# --- staff --------------------------------------------------------------------------------------


class Period(InputSchema):
    """An opening period of the day, "08:30" to "11:30"."""

    start: str = Field(..., max_length=5)
    end: str = Field(..., max_length=5)


class WindowIn(InputSchema):
    lengths_from = (ServiceWindow,)

    unit: Id | None = None
    name: str
    kind: str
    address: str = ""
    note: str = ""
    weekdays: list[int] = [1, 2, 3, 4, 5]
    periods: list[Period]
    slot_minutes: int = 30
    slot_capacity: int = 4
    is_active: bool = True


class WindowOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    name: str
    kind: str
    address: str
    note: str
    is_active: bool
    weekdays: list[int]
    periods: list[list[str]]
    slot_minutes: int
    slot_capacity: int

    @staticmethod
    def resolve_unit_name(window: ServiceWindow) -> str:
        return window.unit.name


class GenerateIn(InputSchema):
    start: Day
    days: int = 7


class GenerateOut(Schema):
    created: int


class StaffBookingOut(Schema):
    id: int
    code: str
    window_id: int
    window_name: str
    starts_at: datetime
    name: str
    phone: str
    status: str
    handled_at: datetime | None
    note: str

    @staticmethod
    def resolve_window_name(booking: Booking) -> str:
        return booking.window.name

    @staticmethod
    def resolve_starts_at(booking: Booking) -> datetime:
        return timezone.localtime(booking.slot.starts_at)

    @staticmethod
    def resolve_phone(booking: Booking) -> str:
        return mask_phone(booking.phone)


class MarkIn(InputSchema):
    status: str
    note: str = ""


@router.get(
    "/service-windows",
    auth=api_guard(BOOKING_RECORDS),
    response=list[WindowOut],
    summary="本单位及下级单位的预约窗口",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def window_list(request: HttpRequest):
    return ServiceWindow.objects.visible_to(request.auth).select_related("unit")


@router.post(
    "/service-windows",
    auth=api_guard(WINDOW_MANAGE),
    response={201: WindowOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="开设预约窗口（每周开放日、时段、每时段名额）",
)
def window_add(request: HttpRequest, payload: WindowIn):
    data = payload.dict()
    unit = request.auth.unit
    if data.pop("unit") is not None:
        unit = Unit.objects.filter(pk=payload.unit).first()
        if unit is None or not unit_is_visible_to(unit, request.auth):
            raise Http404
    window = window_create(actor=request.auth, unit=unit, data=data)
    return Status(201, window)


@router.post(
    "/service-windows/{window_id}/slots",
    auth=api_guard(WINDOW_MANAGE),
    response={200: GenerateOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="按每周模板生成若干天的预约时段（已有的保留不变）",
)
def window_generate(request: HttpRequest, window_id: Id, payload: GenerateIn):
    window = get_visible_or_404(
        ServiceWindow.objects.select_related("unit"), request.auth, pk=window_id
    )
    return {
        "created": slots_generate(
            actor=request.auth, window=window, start=payload.start, days=payload.days
        )
    }


@router.get(
    "/service-bookings",
    auth=api_guard(BOOKING_RECORDS),
    response=list[StaffBookingOut],
    summary="某日的预约（手机号脱敏）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def booking_list(request: HttpRequest, date: Day | None = None, window: Id | None = None):
    chosen = None
    if window is not None:
        chosen = ServiceWindow.objects.visible_to(request.auth).filter(pk=window).first()
        if chosen is None:
            return Booking.objects.none()
    return day_bookings(request.auth, date or timezone.localdate(), chosen)


@router.post(
    "/service-bookings/{booking_id}/status",
    auth=api_guard(BOOKING_SERVE),
    response={200: StaffBookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="标记预约已办理、未到，或恢复为已预约",
)
def booking_status(request: HttpRequest, booking_id: Id, payload: MarkIn):
    booking = get_visible_or_404(
        Booking.objects.select_related("slot", "window__unit"), request.auth, pk=booking_id
    )
    return booking_mark(
        actor=request.auth, booking=booking, status=payload.status, note=payload.note
    )
