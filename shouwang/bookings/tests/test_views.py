"""The residents' booking pages and the staff's day, windows and slots."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.audit.models import AccessEvent
from shouwang.bookings.models import Booking, ServiceSlot, ServiceWindow
from shouwang.intake.tests.factories import body, captcha_answer

from .factories import book, phone, slots_of, window_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(bureau, staff):
    return window_at(bureau["城关派出所"], staff["chief1"], capacity=2)


@pytest.fixture
def slots(window, staff):
    return slots_of(window, staff["chief1"])


def _today(slot: ServiceSlot) -> ServiceSlot:
    """The slot moved to today (a morning already started), so it can be served."""
    ServiceSlot.objects.filter(pk=slot.pk).update(
        day=timezone.localdate(), starts_at=slot.starts_at - timedelta(days=1)
    )
    slot.refresh_from_db()
    return slot


# --- residents ---------------------------------------------------------------------------------


def test_a_resident_books_with_the_challenge_and_gets_his_code(window, slots):
    client = Client()
    home = client.get("/public/bookings/")
    assert home.status_code == 200 and "城关派出所户政窗口" in home.content.decode()
    day = slots[0].day.isoformat()
    url = f"/public/bookings/book/?window={window.pk}&date={day}"
    page = client.get(url).content.decode()
    assert f'value="{slots[0].pk}"' in page and 'class="captcha"' in page
    typed = {"slot": slots[0].pk, "name": "陈桂兰", "phone": "138 0013 8000"}
    response = client.post(url, {**typed, **captcha_answer(page)})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert response["Location"] == f"/public/bookings/mine/?code={booking.code}&new=1"
    shown = client.get(response["Location"]).content.decode()
    assert booking.display_code in shown and "138****8000" in shown
    assert "13800138000" not in shown


def test_a_wrong_challenge_keeps_what_was_typed_and_says_what_else_is_wrong(window, slots):
    client = Client()
    url = f"/public/bookings/book/?window={window.pk}"
    page = client.get(url).content.decode()
    answer = captcha_answer(page)
    response = client.post(
        url,
        {"slot": slots[0].pk, "name": "陈桂兰", "phone": "123", "captcha_0": answer["captcha_0"]}
        | {"captcha_1": "999"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "验证码不正确" in text and "手机号码应为11位" in text and 'value="陈桂兰"' in text
    assert Booking.objects.count() == 0


def test_a_full_slot_answers_409_on_the_page(window, slots):
    book(slots[0], phone=phone(1))
    book(slots[0], phone=phone(2))
    client = Client()
    url = f"/public/bookings/book/?window={window.pk}&date={slots[0].day.isoformat()}"
    page = client.get(url).content.decode()
    typed = {"slot": slots[0].pk, "name": "刘建华", "phone": phone(3)}
    response = client.post(url, {**typed, **captcha_answer(page)})
    assert response.status_code == 409
    assert "该时段已约满" in response.content.decode()
    assert Booking.objects.count() == 2


def test_the_code_moves_and_cancels_a_booking_on_the_page(slots):
    booking = book(slots[0])
    client = Client()
    change = client.get(f"/public/bookings/mine/?code={booking.code}&change=1")
    assert change.status_code == 200 and f'value="{slots[1].pk}"' in change.content.decode()
    moved = client.post(
        "/public/bookings/mine/", {"code": booking.code, "action": "move", "slot": slots[1].pk}
    )
    assert moved.status_code == 302
    booking.refresh_from_db()
    assert booking.slot_id == slots[1].pk
    assert "已改约" in client.get(moved["Location"]).content.decode()
    cancelled = client.post("/public/bookings/mine/", {"code": booking.code, "action": "cancel"})
    assert cancelled.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert ServiceSlot.objects.get(pk=slots[1].pk).booked == 0


def test_a_wrong_code_is_404_on_the_page(slots):
    book(slots[0])
    client = Client()
    assert client.get("/public/bookings/mine/?code=ZZZZ-ZZZZ").status_code == 404
    refused = client.post("/public/bookings/mine/", {"code": "ZZZZZZZZ", "action": "cancel"})
    assert refused.status_code == 404
    assert Booking.objects.get().status == "booked"


# --- staff ---------------------------------------------------------------------------------------


def test_the_day_lists_bookings_with_masked_phones_and_marks_them(login_as, slots):
    slot = _today(slots[0])
    booking = book(slot, phone="13800138000", now=slot.starts_at - timedelta(hours=1))
    client = login_as("officer1")
    page = client.get("/bookings/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "陈桂兰" in text and "138****8000" in text and "13800138000" not in text
    assert f'action="/bookings/{booking.pk}/mark/"' in text
    response = client.post(f"/bookings/{booking.pk}/mark/", {"status": "served"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "served"
    detail = client.get(f"/bookings/{booking.pk}/").content.decode()
    assert "已办理" in detail and "张明" in detail
    searched = client.post("/bookings/", {"q": "13800138000"})
    assert searched.status_code == 302 and "13800138000" not in searched["Location"]
    assert booking.display_code in client.get(searched["Location"]).content.decode()


def test_the_day_export_is_masked_and_a_full_one_needs_a_reason(login_as, slots):
    book(slots[0], phone="13800138000")
    client = login_as("chief1")
    url = f"/bookings/export/?date={slots[0].day.isoformat()}"
    masked = client.post(url, {})
    assert masked.status_code == 200
    assert b"13800138000" not in body(masked)
    assert client.post(url, {"full": "on"}).status_code == 422
    full = client.post(url, {"full": "on", "reason": "通知改期"})
    assert full.status_code == 200
    assert AccessEvent.objects.filter(reason="通知改期").count() == 1
    assert login_as("auxiliary1").post(url, {}).status_code == 403


def test_a_chief_opens_a_window_generates_slots_and_changes_places(login_as, bureau):
    client = login_as("chief1")
    assert client.get("/bookings/windows/new/").status_code == 200
    response = client.post(
        "/bookings/windows/new/",
        {
            "name": "城关派出所交管窗口",
            "kind": "traffic",
            "unit": bureau["城关派出所"].pk,
            "weekdays": ["1", "2", "3", "4", "5", "6", "7"],
            "periods": "09:00-10:00，14:00-15:00",
            "slot_minutes": "30",
            "slot_capacity": "3",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    window = ServiceWindow.objects.get(name="城关派出所交管窗口")
    assert window.periods == [["09:00", "10:00"], ["14:00", "15:00"]]
    start = timezone.localdate() + timedelta(days=1)
    made = client.post(
        f"/bookings/windows/{window.pk}/generate/", {"start": start.isoformat(), "days": "2"}
    )
    assert made.status_code == 302
    assert ServiceSlot.objects.filter(window=window).count() == 8
    slot = ServiceSlot.objects.filter(window=window).first()
    client.post(f"/bookings/slots/{slot.pk}/capacity/", {"capacity": "0"})
    slot.refresh_from_db()
    assert slot.capacity == 0
    page = client.get(f"/bookings/windows/{window.pk}/?date={start.isoformat()}")
    assert page.status_code == 200 and "已约0/21" in page.content.decode()


def test_a_bad_template_is_shown_on_its_field(login_as, bureau):
    response = login_as("chief1").post(
        "/bookings/windows/new/",
        {
            "name": "窗口",
            "kind": "household",
            "unit": bureau["城关派出所"].pk,
            "weekdays": ["1"],
            "periods": "12:00-09:00",
            "slot_minutes": "30",
            "slot_capacity": "3",
        },
    )
    assert response.status_code == 422
    assert "开放时段格式应为" in response.content.decode()
    assert ServiceWindow.objects.count() == 0


def test_officers_see_the_day_but_do_not_keep_windows(login_as, window):
    officer = login_as("officer1")
    assert officer.get("/bookings/windows/").status_code == 200
    assert officer.get(f"/bookings/windows/{window.pk}/").status_code == 200
    assert officer.get("/bookings/windows/new/").status_code == 403
    assert officer.get(f"/bookings/windows/{window.pk}/edit/").status_code == 403
    for username in ("duty1", "volunteer1", "health1", "admin"):
        assert login_as(username).get("/bookings/").status_code == 403


def test_the_day_page_takes_the_same_queries_for_one_booking_or_many(login_as, slots):
    client = login_as("officer1")
    url = f"/bookings/?date={slots[0].day.isoformat()}"
    book(slots[0], phone=phone(1))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    book(slots[0], phone=phone(2))
    book(slots[1], phone=phone(3))
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert page.content.decode().count('class="status-booked"') == 3
    assert len(three) == len(one)


def test_nonsense_in_the_day_query_is_ignored_never_a_500(login_as, slots):
    client = login_as("chief1")
    for query in ("date=2026-02-31", "window=abc", "window=99999999999999999999", "status=x"):
        assert client.get(f"/bookings/?{query}").status_code == 200, query
    assert client.get(f"/bookings/windows/{slots[0].window_id}/?date=0000-00-00").status_code == 200
    assert Client().get("/public/bookings/book/?window=abc").status_code == 302
    assert Client().get("/public/bookings/book/?window=1&date=abc").status_code in (200, 302)
