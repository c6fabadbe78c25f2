"""Writes of booked services: windows and their template, slots, residents' bookings, serving.

A place is taken by one conditional step under the slot's row lock (`select_for_update`): the
slot is read locked, its `booked` compared with its `capacity`, then raised by one; a second
request for the last place waits on the lock, reads the slot full and gets `Conflict` (409).
The database's check (`booked <= capacity`) holds the rule even against a service bug.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.identity import to_simplified
from shouwang.identity.names import person_name_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.privacy.identifiers import identifiers_read
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require

from . import throttle
from .codes import new_booking_code
from .models import (
    NAME_LIMIT,
    Booking,
    BookingStatus,
    ServiceKind,
    ServiceSlot,
    ServiceWindow,
)
from .rules import BOOKING_SERVE, WINDOW_MANAGE

MAX_GENERATE_DAYS = 31
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
WINDOW_FIELDS = (
    "name",
    "kind",
    "address",
    "note",
    "is_active",
    "weekdays",
    "periods",
    "slot_minutes",
    "slot_capacity",
)


# --- windows ------------------------------------------------------------------------------------


def _clock(text: Any) -> time | None:
    match = _CLOCK.match(str(text or "").strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def periods_parse(text: str) -> list[list[str]]:
    """ "09:00-12:00, 14:00-17:00" → [["09:00", "12:00"], ["14:00", "17:00"]] (unchecked)."""
    parts = [part for part in re.split(r"[,，、;；\s]+", text or "") if part]
    return [re.split(r"[-–—~～至到]", part, maxsplit=1) + [""] for part in parts]


def _periods_checked(periods: Iterable[Any], errors: dict[str, str]) -> list[list[str]]:
    checked: list[tuple[time, time]] = []
    for period in periods or ():
        if isinstance(period, dict):
            start, end = period.get("start"), period.get("end")
        else:
            start, end = (list(period) + ["", ""])[:2]
        opens, closes = _clock(start), _clock(end)
        if opens is None or closes is None or closes <= opens:
            errors["periods"] = _("开放时段格式应为“09:00-12:00”，结束晚于开始")
            return []
        checked.append((opens, closes))
    checked.sort()
    if not checked:
        errors["periods"] = _("请至少填写一个开放时段，如“09:00-12:00”")
    elif any(later[0] < earlier[1] for earlier, later in zip(checked, checked[1:], strict=False)):
        errors["periods"] = _("开放时段不能重叠")
    return [[f"{opens:%H:%M}", f"{closes:%H:%M}"] for opens, closes in checked]


def window_values(data: dict[str, Any]) -> dict[str, Any]:
    """The window's fields from what was typed; ValidationError({field: 中文}) when wrong."""
    errors: dict[str, str] = {}
    name = to_simplified(str(data.get("name") or "").strip())
    if not name:
        errors["name"] = _("请填写窗口名称，如“城关派出所户政窗口”")
    elif len(name) > 100 or plain_text_error(name):
        errors["name"] = _("窗口名称最多100个字，且不能包含控制字符")
    kind = str(data.get("kind") or "")
    if kind not in ServiceKind.values:
        errors["kind"] = _("请选择业务类别：户政、交管、出入境或其他")
    weekdays: list[int] = []
    for day in data.get("weekdays") or ():
        try:
            weekdays.append(int(day))
        except (TypeError, ValueError):
            weekdays.append(0)
    if not weekdays or any(day not in range(1, 8) for day in weekdays):
        errors["weekdays"] = _("请选择开放日（周一至周日）")
    periods = _periods_checked(data.get("periods") or (), errors)
    values = {
        "name": name,
        "kind": kind,
        "address": str(data.get("address") or "").strip()[:200],
        "note": str(data.get("note") or "").strip()[:500],
        "is_active": bool(data.get("is_active", True)),
        "weekdays": sorted(set(weekdays)),
        "periods": periods,
    }
    for field, low, high, message in (
        ("slot_minutes", 5, 240, _("每时段分钟数应在5到240之间")),
        ("slot_capacity", 1, 100, _("每时段名额应在1到100之间")),
    ):
        try:
            number = int(data.get(field))
        except (TypeError, ValueError):
            number = 0
        if not low <= number <= high:
            errors[field] = message
        values[field] = number
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def window_create(*, actor: Any, unit: Unit, data: dict[str, Any]) -> ServiceWindow:
    """Open a window of `unit` with its weekly template (no slots yet: `slots_generate`)."""
    require(actor, WINDOW_MANAGE, unit, unit_message=_("只能为本单位或下级单位开设窗口"))
    values = window_values(data)
    if ServiceWindow.objects.filter(unit=unit, name=values["name"]).exists():
        raise ValidationError({"name": _("本单位已有同名窗口")})
    window = ServiceWindow(unit=unit, created_by=actor, **values)
    window._history_user = actor
    window.save()
    return window


@transaction.atomic
def window_update(*, actor: Any, window: ServiceWindow, data: dict[str, Any]) -> ServiceWindow:
    """Change a window's name, template or opening; slots already made keep their places."""
    require(actor, WINDOW_MANAGE, window.unit, unit_message=_("只能管理本单位或下级单位的窗口"))
    values = window_values(data)
    clash = ServiceWindow.objects.filter(unit_id=window.unit_id, name=values["name"])
    if clash.exclude(pk=window.pk).exists():
        raise ValidationError({"name": _("本单位已有同名窗口")})
    window._history_user = actor
    model_update(window, fields=WINDOW_FIELDS, data=values)
    return window


# --- slots --------------------------------------------------------------------------------------


def template_starts(window: ServiceWindow, day: date) -> list[datetime]:
    """The start times the window's template gives `day` (none on a closed weekday)."""
    if day.isoweekday() not in window.weekdays:
        return []
    step = timedelta(minutes=window.slot_minutes)
    zone = timezone.get_current_timezone()
    starts = []
    for opens, closes in window.periods:
        start = datetime.combine(day, _clock(opens), tzinfo=zone)
        end = datetime.combine(day, _clock(closes), tzinfo=zone)
        while start + step <= end:
            starts.append(start)
            start += step
    return starts


@transaction.atomic
def slots_generate(
    *, actor: Any, window: ServiceWindow, start: date, days: int, now: datetime | None = None
) -> int:
    """Make the template's slots for `days` days from `start`; those already there are kept as
    they are (places changed by hand, bookings), so running it twice makes nothing new.
    Returns the number of slots made."""
    require(actor, WINDOW_MANAGE, window.unit, unit_message=_("只能管理本单位或下级单位的窗口"))
    now = now or timezone.now()
    if not 1 <= int(days) <= MAX_GENERATE_DAYS:
        raise ValidationError({"days": _("天数应在1到%(max)d之间") % {"max": MAX_GENERATE_DAYS}})
    if start < timezone.localdate(now):
        raise ValidationError({"start": _("开始日期不能早于今天")})
    return _slots_make(window, start, int(days), now)


def _slots_make(window: ServiceWindow, start: date, days: int, now: datetime) -> int:
    wanted = [
        moment
        for offset in range(days)
        for moment in template_starts(window, start + timedelta(days=offset))
        if moment > now
    ]
    if not wanted:
        return 0
    existing = set(
        ServiceSlot.objects.filter(window=window, starts_at__in=wanted).values_list(
            "starts_at", flat=True
        )
    )
    new = [
        ServiceSlot(
            window=window,
            day=timezone.localdate(moment),
            starts_at=moment,
            minutes=window.slot_minutes,
            capacity=window.slot_capacity,
        )
        for moment in wanted
        if moment not in existing
    ]
    # Two managers generating at once: the unique (window, starts_at) keeps one of each.
    ServiceSlot.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def slots_roll(*, days: int = 14, now: datetime | None = None) -> int:
    """The daily job (`manage.py bookings_roll`): every open window's slots made up to `days`
    days ahead from its template, so residents always see the same horizon. Idempotent."""
    now = now or timezone.now()
    windows = ServiceWindow.objects.filter(is_active=True, unit__is_active=True)
    return sum(_slots_make(window, timezone.localdate(now), days, now) for window in windows)


@transaction.atomic
def slot_update(*, actor: Any, slot: ServiceSlot, capacity: Any) -> ServiceSlot:
    """Change a slot's places (0 closes it); never below the bookings it already holds."""
    require(
        actor, WINDOW_MANAGE, slot.window.unit, unit_message=_("只能管理本单位或下级单位的窗口")
    )
    try:
        places = int(capacity)
    except (TypeError, ValueError):
        places = -1
    if not 0 <= places <= 100:
        raise ValidationError({"capacity": _("名额应在0到100之间（0为停止预约）")})
    locked = ServiceSlot.objects.select_for_update().get(pk=slot.pk)
    if places < locked.booked:
        raise Conflict(
            {"capacity": _("已有%(count)d人预约，名额不能少于此数") % {"count": locked.booked}}
        )
    model_update(locked, fields=("capacity",), data={"capacity": places})
    return locked


# --- residents' bookings ------------------------------------------------------------------------


def booking_values(data: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """Name and phone as stored, from what a resident typed; what is wrong goes to `errors`."""
    name = to_simplified(str(data.get("name") or "").strip())
    if not name:
        errors["name"] = _("请填写姓名")
    elif len(name) > NAME_LIMIT:
        errors["name"] = _("姓名最多%(limit)d个字") % {"limit": NAME_LIMIT}
    elif person_name_error(name):
        errors["name"] = _(person_name_error(name))
    phone_text = str(data.get("phone") or "").strip()
    identifiers, phone_errors = identifiers_read(phone=phone_text, phone_field="phone")
    errors.update(phone_errors)
    if not phone_text:
        errors["phone"] = _("请填写手机号，办理前民警可能与您联系")
    return {"name": name, "phone": identifiers.phone, "phone_index": identifiers.phone_index}


def _slot_id(value: Any, errors: dict[str, str]) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 2**63 - 1:
        errors["slot"] = _("请选择预约时段")
        return None
    return number


def _bookable(slot: ServiceSlot | None, now: datetime) -> ServiceSlot:
    """The locked slot when a resident may take a place in it; else why not, on `slot`."""
    if slot is None:
        raise ValidationError({"slot": _("该时段不存在，请重新选择")})
    if not slot.window.is_active:
        raise ValidationError({"slot": _("该窗口暂停预约")})
    if slot.starts_at <= now:
        raise ValidationError({"slot": _("该时段已开始或已结束，请选择其他时段")})
    if slot.booked >= slot.capacity:
        raise Conflict({"slot": _("该时段已约满，请选择其他时段")})
    return slot


def _locked_slots(*ids: int) -> dict[int, ServiceSlot]:
    """The slots locked in id order (two moves crossing the same pair cannot deadlock)."""
    rows = ServiceSlot.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    slots = {slot.pk: slot for slot in rows}
    windows = ServiceWindow.objects.in_bulk({slot.window_id for slot in slots.values()})
    for slot in slots.values():
        slot.window = windows[slot.window_id]
    return slots


def _take_place(slot: ServiceSlot, change: int) -> None:
    ServiceSlot.objects.filter(pk=slot.pk).update(booked=F("booked") + change)
    slot.booked += change


def booking_create(
    *,
    data: dict[str, Any],
    client_address: str | None,
    now: datetime | None = None,
) -> Booking:
    """A resident books a place of a slot (`data`: slot, name, phone) and gets a code.

    Raises `throttle.RateLimited` past the limits, ValidationError({field: 中文}) for bad
    input, `Conflict` when the slot is full."""
    now = now or timezone.now()
    key = throttle.client_key(client_address)
    throttle.check_address(key, now)
    errors: dict[str, str] = {}
    values = booking_values(data, errors)
    slot_id = _slot_id(data.get("slot"), errors)
    if errors:
        raise ValidationError(errors)
    throttle.check_phone(values["phone_index"], now)
    code = new_booking_code()
    while Booking.objects.filter(code=code).exists():  # one chance in 2**40
        code = new_booking_code()
    with transaction.atomic():
        slot = _bookable(_locked_slots(slot_id).get(slot_id), now)
        twice = Booking.objects.filter(
            slot=slot, phone_index=values["phone_index"], status=BookingStatus.BOOKED
        )
        if twice.exists():
            raise ValidationError({"phone": _("该手机号已预约这个时段")})
        _take_place(slot, +1)
        booking = Booking(
            **values, code=code, slot=slot, window=slot.window, client_key=key, created_at=now
        )
        booking.save()
    return booking


def _locked_booking(booking: Booking) -> Booking:
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status != BookingStatus.BOOKED:
        raise Conflict(
            {"code": _("该预约%(status)s，不能再更改") % {"status": locked.get_status_display()}}
        )
    return locked


@transaction.atomic
def booking_move(
    *, booking: Booking, slot: Any, now: datetime | None = None, actor: Any = None
) -> Booking:
    """Move a booking to another slot of its window: the new place taken, the old one freed."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    slot_id = _slot_id(slot, errors)
    if errors:
        raise ValidationError(errors)
    locked = _locked_booking(booking)
    if slot_id == locked.slot_id:
        raise ValidationError({"slot": _("请选择与原时段不同的时段")})
    slots = _locked_slots(locked.slot_id, slot_id)
    old, new = slots[locked.slot_id], slots.get(slot_id)
    if old.starts_at <= now:
        raise ValidationError({"slot": _("原预约时段已开始，不能再改约")})
    if new is not None and new.window_id != locked.window_id:
        raise ValidationError({"slot": _("只能改约同一窗口的其他时段")})
    _bookable(new, now)
    _take_place(new, +1)
    _take_place(old, -1)
    locked._history_user = actor
    locked._change_reason = _("改约")
    model_update(locked, fields=("slot",), data={"slot": new})
    return locked


@transaction.atomic
def booking_cancel(*, booking: Booking, now: datetime | None = None, actor: Any = None) -> Booking:
    """Cancel a booking still to come: its place goes back to the slot."""
    now = now or timezone.now()
    locked = _locked_booking(booking)
    slot = _locked_slots(locked.slot_id)[locked.slot_id]
    if slot.starts_at <= now:
        raise ValidationError({"code": _("预约时段已开始，不能再取消")})
    _take_place(slot, -1)
    locked._history_user = actor
    locked._change_reason = _("取消预约")
    model_update(locked, fields=("status",), data={"status": BookingStatus.CANCELLED})
    return locked


# Staff mark a booking served or absent, or take the mark back (a slip of the thumb).
MARKS = {
    BookingStatus.SERVED: (BookingStatus.BOOKED, BookingStatus.NO_SHOW),
    BookingStatus.NO_SHOW: (BookingStatus.BOOKED, BookingStatus.SERVED),
    BookingStatus.BOOKED: (BookingStatus.SERVED, BookingStatus.NO_SHOW),
}


@transaction.atomic
def booking_mark(
    *, actor: Any, booking: Booking, status: str, note: str = "", now: datetime | None = None
) -> Booking:
    """Mark a booking served (已办理) or absent (未到), or back to booked; each change is kept in
    the booking's history with who, when and the note."""
    require(
        actor, BOOKING_SERVE, booking.window.unit, unit_message=_("只能办理本单位或下级单位的预约")
    )
    now = now or timezone.now()
    if status not in MARKS:
        raise ValidationError({"status": _("请选择：已办理、未到或恢复为已预约")})
    note = str(note or "").strip()
    if len(note) > 200 or plain_text_error(note):
        raise ValidationError({"note": _("备注最多200个字，且不能包含控制字符")})
    locked = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if locked.status == status:
        raise Conflict(
            {"status": _("该预约已是“%(status)s”") % {"status": locked.get_status_display()}}
        )
    if locked.status not in MARKS[status]:
        raise Conflict({"status": _("已取消的预约不能办理")})
    if status != BookingStatus.BOOKED and locked.slot.day > timezone.localdate(now):
        raise ValidationError({"status": _("预约日期未到，不能标记办理结果")})
    handled = status != BookingStatus.BOOKED
    locked._history_user = actor
    locked._change_reason = note[:100] or None
    model_update(
        locked,
        fields=("status", "handled_at", "handled_by", "note"),
        data={
            "status": status,
            "handled_at": now if handled else None,
            "handled_by": actor if handled else None,
            "note": note or locked.note,
        },
    )
    return locked
