"""The booked services' API: the residents' contract, kept exactly, and the staff's routes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.bookings.models import Booking, BookingStatus, ServiceSlot

from .factories import book, phone, slots_of, window_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(bureau, staff):
    return window_at(bureau["城关派出所"], staff["chief1"], capacity=2)


@pytest.fixture
def slots(window, staff):
    return slots_of(window, staff["chief1"])


@pytest.fixture
def resident():
    return Client()


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_the_public_windows_are_id_name_and_unit_name(resident, window, bureau, staff):
    closed = window_at(bureau["白云山派出所"], staff["chief2"], name="白云山派出所户政窗口")
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    response = resident.get("/api/v1/public/service-windows")
    assert response.status_code == 200
    assert response.json() == [
        {"id": window.pk, "name": "城关派出所户政窗口", "unit_name": "城关派出所"}
    ]


def test_the_public_slots_of_a_day_have_their_places_left(resident, window, slots):
    book(slots[0])
    day = slots[0].day.isoformat()
    response = resident.get(f"/api/v1/public/service-slots?window={window.pk}&date={day}")
    assert response.status_code == 200
    body = response.json()
    assert [sorted(item) for item in body] == [["capacity", "id", "left", "starts_at"]] * 2
    assert [(item["id"], item["capacity"], item["left"]) for item in body] == [
        (slots[0].pk, 2, 1),
        (slots[1].pk, 2, 2),
    ]
    assert body[0]["starts_at"] == f"{day}T09:00:00+08:00"
    missing = resident.get(f"/api/v1/public/service-slots?window=999999&date={day}")
    assert missing.status_code == 404
    bad = resident.get(f"/api/v1/public/service-slots?window={window.pk}&date=2026-13-40")
    assert bad.status_code == 422


def test_booking_answers_201_with_the_code_then_409_when_full(resident, slots):
    codes = []
    for number in range(2):
        response = post(
            resident,
            "/api/v1/public/bookings",
            {"slot": slots[0].pk, "name": "陈桂兰", "phone": phone(number)},
        )
        assert response.status_code == 201
        assert list(response.json()) == ["code"]
        codes.append(response.json()["code"])
    full = post(
        resident,
        "/api/v1/public/bookings",
        {"slot": slots[0].pk, "name": "刘建华", "phone": phone(7)},
    )
    assert full.status_code == 409
    assert full.json()["errors"] == [{"field": "slot", "message": "该时段已约满，请选择其他时段"}]
    assert sorted(Booking.objects.values_list("code", flat=True)) == sorted(codes)
    assert ServiceSlot.objects.get(pk=slots[0].pk).booked == 2


def test_bad_booking_input_is_a_422_on_its_field(resident, slots):
    response = post(
        resident, "/api/v1/public/bookings", {"slot": slots[0].pk, "name": "陈桂兰", "phone": "123"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "phone", "message": "手机号码应为11位"}]
    for payload in ({"slot": 0, "name": "陈", "phone": phone(1)}, {"name": "陈"}):
        assert post(resident, "/api/v1/public/bookings", payload).status_code == 422
    gone = post(
        resident, "/api/v1/public/bookings", {"slot": 2**62, "name": "陈", "phone": phone(1)}
    )
    assert gone.status_code == 422
    assert gone.json()["errors"][0]["field"] == "slot"


def test_the_code_shows_the_booking_masked_moves_and_cancels_it(resident, slots):
    code = book(slots[0], phone="13800138000", name="陈桂兰").code
    shown = resident.get(f"/api/v1/public/bookings/{code[:4].lower()}-{code[4:]}")
    assert shown.status_code == 200
    assert shown.json() | {"starts_at": ""} == {
        "code": code,
        "status": "booked",
        "window": "城关派出所户政窗口",
        "unit_name": "城关派出所",
        "address": "人民路12号",
        "starts_at": "",
        "minutes": 30,
        "name": "陈*兰",
        "phone": "138****8000",
    }
    moved = resident.patch(
        f"/api/v1/public/bookings/{code}", {"slot": slots[1].pk}, content_type="application/json"
    )
    assert moved.status_code == 200
    assert Booking.objects.get(code=code).slot_id == slots[1].pk
    assert resident.delete(f"/api/v1/public/bookings/{code}").status_code == 204
    assert Booking.objects.get(code=code).status == BookingStatus.CANCELLED
    again = resident.delete(f"/api/v1/public/bookings/{code}")
    assert again.status_code == 409
    assert [ServiceSlot.objects.get(pk=s.pk).booked for s in slots[:2]] == [0, 0]


def test_a_wrong_code_is_404_and_changes_nothing(resident, slots):
    booking = book(slots[0])
    for code in ("ZZZZ-ZZZZ", "1234", "x" * 40):
        assert resident.get(f"/api/v1/public/bookings/{code}").status_code == 404
        assert resident.delete(f"/api/v1/public/bookings/{code}").status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_unknown_codes_are_rate_limited_per_address(resident, slots):
    for _ in range(30):
        resident.get("/api/v1/public/bookings/ZZZZZZZZ")
    limited = resident.get("/api/v1/public/bookings/ZZZZZZZZ")
    assert limited.status_code == 429
    assert "Retry-After" in limited.headers


# --- staff ---------------------------------------------------------------------------------------


def test_chiefs_open_windows_and_generate_slots_officers_may_not(api_as, bureau):
    payload = {
        "name": "城关派出所出入境窗口",
        "kind": "exit_entry",
        "weekdays": [1, 3, 5],
        "periods": [{"start": "09:00", "end": "11:00"}],
        "slot_minutes": 60,
        "slot_capacity": 5,
    }
    assert api_as("officer1").post_json("/api/v1/service-windows", payload).status_code == 403
    created = api_as("chief1").post_json("/api/v1/service-windows", payload)
    assert created.status_code == 201
    body = created.json()
    assert (body["unit_name"], body["periods"], body["weekdays"]) == (
        "城关派出所",
        [["09:00", "11:00"]],
        [1, 3, 5],
    )
    start = timezone.localdate() + timedelta(days=1)
    generate = f"/api/v1/service-windows/{body['id']}/slots"
    made = api_as("chief1").post_json(generate, {"start": start.isoformat(), "days": 7})
    assert made.status_code == 200
    assert made.json() == {"created": 6}
    assert api_as("chief1").post_json(generate, {"start": start.isoformat(), "days": 7}).json() == {
        "created": 0
    }
    assert api_as("chief2").post_json(generate, {"start": start.isoformat()}).status_code == 404
    sibling = api_as("chief1").post_json(
        "/api/v1/service-windows", {**payload, "unit": bureau["白云山派出所"].pk}
    )
    assert sibling.status_code == 404


def test_officers_read_the_day_masked_and_mark_it_served(api_as, slots, staff):
    booking = book(slots[0], phone="13800138000")
    day = slots[0].day.isoformat()
    listed = api_as("officer1").get(f"/api/v1/service-bookings?date={day}")
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [(i["code"], i["name"], i["phone"], i["status"]) for i in items] == [
        (booking.code, "陈桂兰", "138****8000", "booked")
    ]
    assert api_as("officer2").get(f"/api/v1/service-bookings?date={day}").json()["items"] == []
    path = f"/api/v1/service-bookings/{booking.pk}/status"
    # Tomorrow's booking cannot be served today.
    assert api_as("officer1").post_json(path, {"status": "served"}).status_code == 422
    Booking.objects.filter(pk=booking.pk).update(slot=slots[0])
    ServiceSlot.objects.filter(pk=slots[0].pk).update(day=timezone.localdate())
    served = api_as("officer1").post_json(path, {"status": "served", "note": "已办结"})
    assert served.status_code == 200
    assert served.json()["status"] == "served"
    assert api_as("officer1").post_json(path, {"status": "served"}).status_code == 409
    assert api_as("officer2").post_json(path, {"status": "booked"}).status_code == 404
    assert api_as("duty1").post_json(path, {"status": "booked"}).status_code == 403
    booking.refresh_from_db()
    assert (booking.status, booking.handled_by) == ("served", staff["officer1"])


def test_the_day_list_takes_the_same_queries_for_one_booking_or_many(api_as, slots):
    client = api_as("officer1")
    url = f"/api/v1/service-bookings?date={slots[0].day.isoformat()}"
    book(slots[0], phone=phone(1))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    book(slots[0], phone=phone(2))
    book(slots[1], phone=phone(3))
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert response.json()["count"] == 3
    assert len(three) == len(one)
