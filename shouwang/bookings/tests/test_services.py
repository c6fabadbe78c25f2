"""Windows, slots and bookings: the template, the places, moving, cancelling, serving, rights."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from shouwang.bookings import throttle
from shouwang.bookings.codes import LENGTH, normalize_booking_code
from shouwang.bookings.models import Booking, BookingStatus, ServiceSlot
from shouwang.bookings.selectors import booking_by_code, day_bookings, day_counts, public_slots
from shouwang.bookings.services import (
    booking_cancel,
    booking_mark,
    booking_move,
    periods_parse,
    slot_update,
    slots_generate,
    slots_roll,
    template_starts,
    window_create,
    window_update,
)
from shouwang.conflicts import Conflict
from shouwang.intake.codes import ALPHABET
from shouwang.privacy.identifiers import phone_index

from .factories import book, phone, slots_of, window_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(bureau, staff):
    return window_at(bureau["城关派出所"], staff["chief1"])


@pytest.fixture
def slots(window, staff):
    return slots_of(window, staff["chief1"])


def errors_of(raised) -> dict:
    return {field: messages[0] for field, messages in raised.value.message_dict.items()}


# --- windows and their template -------------------------------------------------------------------


def test_a_window_keeps_its_weekly_template_checked(window):
    assert window.periods == [["09:00", "10:00"]]
    assert window.weekdays == [1, 2, 3, 4, 5, 6, 7]
    assert str(window.unit) == "城关派出所"


def test_typed_periods_are_read_in_any_common_form():
    assert periods_parse("09:00-12:00，14：00至17:00") == [
        ["09:00", "12:00", ""],
        ["14：00", "17:00", ""],
    ]


def test_a_bad_template_is_refused_field_by_field(bureau, staff):
    with pytest.raises(ValidationError) as raised:
        window_create(
            actor=staff["chief1"],
            unit=bureau["城关派出所"],
            data={
                "name": "",
                "kind": "bakery",
                "weekdays": [8],
                "periods": [["09:00", "12:00"], ["11:00", "13:00"]],
                "slot_minutes": 2,
                "slot_capacity": 0,
            },
        )
    assert errors_of(raised) == {
        "name": "请填写窗口名称，如“城关派出所户政窗口”",
        "kind": "请选择业务类别：户政、交管、出入境或其他",
        "weekdays": "请选择开放日（周一至周日）",
        "periods": "开放时段不能重叠",
        "slot_minutes": "每时段分钟数应在5到240之间",
        "slot_capacity": "每时段名额应在1到100之间",
    }


def test_two_windows_of_a_unit_have_different_names(window, bureau, staff):
    with pytest.raises(ValidationError) as raised:
        window_at(bureau["城关派出所"], staff["chief1"])
    assert errors_of(raised) == {"name": "本单位已有同名窗口"}


def test_slots_follow_the_template_and_generating_again_makes_nothing(window, staff):
    start = timezone.localdate() + timedelta(days=1)
    assert slots_generate(actor=staff["chief1"], window=window, start=start, days=3) == 6
    assert slots_generate(actor=staff["chief1"], window=window, start=start, days=5) == 4
    assert slots_generate(actor=staff["chief1"], window=window, start=start, days=5) == 0
    slots = ServiceSlot.objects.filter(window=window).order_by("starts_at")
    assert slots.count() == 10
    first = slots.first()
    assert (timezone.localtime(first.starts_at).time(), first.minutes, first.capacity) == (
        time(9, 0),
        30,
        4,
    )


def test_closed_weekdays_get_no_slots(window, staff):
    window_update(
        actor=staff["chief1"],
        window=window,
        data={**_window_data(window), "weekdays": [1]},
    )
    start = timezone.localdate() + timedelta(days=1)
    made = slots_generate(actor=staff["chief1"], window=window, start=start, days=7)
    assert made == 2
    assert {slot.starts_at.isoweekday() for slot in ServiceSlot.objects.filter(window=window)} == {
        1
    }
    assert template_starts(window, start + timedelta(days=(1 - start.isoweekday()) % 7 or 7))


def _window_data(window) -> dict:
    return {
        field: getattr(window, field)
        for field in ("name", "kind", "address", "note", "weekdays", "periods")
    } | {"slot_minutes": window.slot_minutes, "slot_capacity": window.slot_capacity}


def test_only_window_keepers_of_the_unit_open_windows_and_make_slots(bureau, staff, window):
    for username in ("officer1", "auxiliary1", "duty1", "volunteer1"):
        with pytest.raises(PermissionDenied):
            window_at(bureau["城关派出所"], staff[username], name=f"{username}窗口")
    with pytest.raises(PermissionDenied):
        window_at(bureau["城关派出所"], staff["chief2"], name="邻所窗口")
    with pytest.raises(PermissionDenied):
        slots_generate(actor=staff["chief2"], window=window, start=timezone.localdate(), days=1)
    exit_entry = window_at(bureau["清河县公安局"], staff["commander"], name="出入境窗口")
    assert exit_entry.unit.name == "清河县公安局"


# --- booking -----------------------------------------------------------------------------------


def test_a_booking_takes_a_place_and_gets_a_short_unambiguous_code(slots):
    booking = book(slots[0], name="陳桂蘭", phone="+86 138-0013-8000")
    assert len(booking.code) == LENGTH == 8
    assert set(booking.code) <= set(ALPHABET)
    assert (booking.name, booking.phone, booking.phone_index) == (
        "陈桂兰",
        "13800138000",
        phone_index("13800138000"),
    )
    slots[0].refresh_from_db()
    assert (slots[0].booked, slots[0].left) == (1, 3)
    typed = f"{booking.code[:4].lower()} {booking.code[4:]}"
    assert normalize_booking_code(typed) == booking.code
    assert booking_by_code(typed) == booking
    assert booking_by_code("0000-0000") is None


def test_bad_name_and_phone_are_refused_field_by_field(slots):
    with pytest.raises(ValidationError) as raised:
        book(slots[0], name="\u202e", phone="12345")
    assert errors_of(raised) == {
        "name": "姓名不能包含不可见字符或文字方向控制字符",
        "phone": "手机号码应为11位",
    }
    with pytest.raises(ValidationError) as raised:
        book(slots[0], name="", phone="")
    assert set(errors_of(raised)) == {"name", "phone"}
    assert Booking.objects.count() == 0


def test_a_full_slot_refuses_the_next_booking_with_a_conflict(slots):
    for number in range(4):
        book(slots[0], phone=phone(number))
    with pytest.raises(Conflict) as raised:
        book(slots[0], phone=phone(9))
    assert errors_of(raised) == {"slot": "该时段已约满，请选择其他时段"}
    slots[0].refresh_from_db()
    assert (slots[0].booked, Booking.objects.count()) == (4, 4)


def test_a_slot_already_started_is_not_bookable(slots):
    with pytest.raises(ValidationError) as raised:
        book(slots[0], now=slots[0].starts_at)
    assert errors_of(raised) == {"slot": "该时段已开始或已结束，请选择其他时段"}


def test_a_phone_holds_a_few_bookings_still_to_come(slots):
    for slot in slots[:3]:
        book(slot)
    with pytest.raises(throttle.RateLimited):
        book(slots[3])


def test_one_phone_does_not_book_the_same_slot_twice(slots):
    book(slots[0])
    with pytest.raises(ValidationError) as raised:
        book(slots[0])
    assert errors_of(raised) == {"phone": "该手机号已预约这个时段"}


# --- changing and cancelling -------------------------------------------------------------------------


def test_moving_takes_the_new_place_and_frees_the_old(slots):
    booking = book(slots[0])
    moved = booking_move(booking=booking, slot=slots[1].pk)
    assert moved.slot_id == slots[1].pk
    assert [s.booked for s in ServiceSlot.objects.filter(pk__in=[slots[0].pk, slots[1].pk])] == [
        0,
        1,
    ]
    assert moved.history.first().history_change_reason == "改约"


def test_moving_into_a_full_slot_changes_nothing(slots):
    for number in range(4):
        book(slots[1], phone=phone(number))
    booking = book(slots[0], phone=phone(8))
    with pytest.raises(Conflict):
        booking_move(booking=booking, slot=slots[1].pk)
    booking.refresh_from_db()
    assert booking.slot_id == slots[0].pk
    assert list(
        ServiceSlot.objects.filter(pk__in=[slots[0].pk, slots[1].pk]).values_list(
            "booked", flat=True
        )
    ) == [1, 4]


def test_moving_to_another_window_is_refused(slots, bureau, staff):
    other = window_at(bureau["城关派出所"], staff["chief1"], name="城关派出所交管窗口")
    elsewhere = slots_of(other, staff["chief1"], days=1)[0]
    booking = book(slots[0])
    with pytest.raises(ValidationError) as raised:
        booking_move(booking=booking, slot=elsewhere.pk)
    assert errors_of(raised) == {"slot": "只能改约同一窗口的其他时段"}


def test_cancelling_gives_the_place_back_once(slots):
    booking = book(slots[0])
    booking_cancel(booking=booking)
    slots[0].refresh_from_db()
    booking.refresh_from_db()
    assert (slots[0].booked, booking.status) == (0, BookingStatus.CANCELLED)
    with pytest.raises(Conflict):
        booking_cancel(booking=booking)
    with pytest.raises(Conflict):
        booking_move(booking=booking, slot=slots[1].pk)
    slots[0].refresh_from_db()
    assert slots[0].booked == 0


def test_a_started_booking_is_neither_moved_nor_cancelled(slots):
    booking = book(slots[0])
    with pytest.raises(ValidationError):
        booking_cancel(booking=booking, now=slots[0].starts_at)
    with pytest.raises(ValidationError):
        booking_move(booking=booking, slot=slots[1].pk, now=slots[0].starts_at)


# --- serving ---------------------------------------------------------------------------------------


def test_officers_mark_bookings_served_or_absent_with_history(slots, staff):
    served = book(slots[0], phone=phone(1))
    absent = book(slots[0], phone=phone(2))
    day = slots[0].starts_at + timedelta(minutes=10)
    booking_mark(actor=staff["officer1"], booking=served, status="served", note="已换领", now=day)
    booking_mark(actor=staff["auxiliary1"], booking=absent, status="no_show", now=day)
    served.refresh_from_db()
    assert (served.status, served.handled_by, served.note) == (
        "served",
        staff["officer1"],
        "已换领",
    )
    history = list(served.history.order_by("history_date"))
    assert [(h.status, h.history_user) for h in history] == [
        ("booked", None),
        ("served", staff["officer1"]),
    ]
    assert history[-1].history_change_reason == "已换领"
    booking_mark(actor=staff["officer1"], booking=absent, status="booked", now=day)
    absent.refresh_from_db()
    assert (absent.status, absent.handled_by, absent.handled_at) == ("booked", None, None)
    bookings = day_bookings(staff["officer1"], slots[0].day)
    assert day_counts(bookings) == {
        "total": 2,
        "booked": 1,
        "served": 1,
        "no_show": 0,
        "cancelled": 0,
    }


def test_serving_is_refused_to_other_roles_units_and_days(slots, staff):
    booking = book(slots[0])
    for username in ("duty1", "volunteer1", "health1", "commander", "officer2", "chief2"):
        with pytest.raises(PermissionDenied):
            booking_mark(actor=staff[username], booking=booking, status="served")
    with pytest.raises(ValidationError) as raised:
        booking_mark(actor=staff["officer1"], booking=booking, status="served")
    assert errors_of(raised) == {"status": "预约日期未到，不能标记办理结果"}
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_a_slot_keeps_at_least_the_places_booked(slots, staff):
    book(slots[0], phone=phone(1))
    book(slots[0], phone=phone(2))
    with pytest.raises(Conflict):
        slot_update(actor=staff["chief1"], slot=slots[0], capacity=1)
    assert slot_update(actor=staff["chief1"], slot=slots[0], capacity=2).left == 0
    with pytest.raises(PermissionDenied):
        slot_update(actor=staff["officer1"], slot=slots[0], capacity=8)
    assert list(public_slots(slots[0].window, slots[0].day))[0].left == 0


def test_the_daily_roll_makes_every_open_windows_horizon_once(window, bureau, staff):
    closed = window_at(bureau["城关派出所"], staff["chief1"], name="暂停窗口")
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    noon = timezone.make_aware(
        timezone.datetime.combine(timezone.localdate(), time(12, 0)),
        timezone.get_current_timezone(),
    )
    assert slots_roll(days=3, now=noon) == 4  # today's morning is over: two days of two
    assert slots_roll(days=3, now=noon) == 0
    assert ServiceSlot.objects.filter(window=closed).count() == 0
    call_command("bookings_roll", "--days", "4")
    made = ServiceSlot.objects.count()
    call_command("bookings_roll", "--days", "4")
    assert ServiceSlot.objects.count() == made
