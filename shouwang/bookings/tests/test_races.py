"""Residents racing for the last place on PostgreSQL: exactly one gets it, the others 409."""

import pytest
from django.test import Client

from shouwang.bookings.models import Booking, ServiceSlot
from shouwang.tests.concurrently import needs_postgresql, run_concurrently

from .factories import book, phone, slots_of, window_at

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]

RESIDENTS = 10


@pytest.fixture
def slots(bureau, staff):
    window = window_at(bureau["城关派出所"], staff["chief1"], capacity=3)
    return slots_of(window, staff["chief1"], days=1)


def status_of(response) -> int | str:
    return response.status_code if hasattr(response, "status_code") else repr(response)


def test_ten_residents_booking_the_last_place_at_once_leave_one_winner(slots):
    slot = slots[0]
    book(slot, phone=phone(90))
    book(slot, phone=phone(91))
    clients = [Client(REMOTE_ADDR=f"198.51.100.{n + 1}") for n in range(RESIDENTS)]

    responses = run_concurrently(
        lambda n: clients[n].post(
            "/api/v1/public/bookings",
            {"slot": slot.pk, "name": "陈桂兰", "phone": phone(n)},
            content_type="application/json",
        ),
        workers=RESIDENTS,
    )

    assert sorted(status_of(r) for r in responses) == [201] + [409] * (RESIDENTS - 1)
    slot.refresh_from_db()
    assert (slot.booked, slot.capacity) == (3, 3)
    assert Booking.objects.filter(slot=slot, status="booked").count() == 3


def test_ten_moves_into_the_last_place_at_once_leave_one_winner(slots):
    target = slots[1]
    book(target, phone=phone(90))
    book(target, phone=phone(91))
    codes = [book(slots[0], phone=phone(n)).code for n in range(3)]
    clients = [Client(REMOTE_ADDR=f"198.51.100.{n + 1}") for n in range(RESIDENTS)]

    responses = run_concurrently(
        lambda n: clients[n].patch(
            f"/api/v1/public/bookings/{codes[n % 3]}",
            {"slot": target.pk},
            content_type="application/json",
        ),
        workers=RESIDENTS,
    )

    statuses = sorted(status_of(r) for r in responses)
    # The winner's own repeated requests find it already there (422); the others lost (409).
    assert statuses.count(200) == 1 and 409 in statuses and set(statuses) <= {200, 409, 422}
    counts = dict(
        ServiceSlot.objects.filter(pk__in=[s.pk for s in slots]).values_list("pk", "booked")
    )
    assert counts == {slots[0].pk: 2, target.pk: 3}
    assert Booking.objects.filter(slot=target).count() == 3


def test_ten_cancels_of_one_booking_give_its_place_back_once(slots):
    code = book(slots[0]).code
    clients = [Client(REMOTE_ADDR=f"198.51.100.{n + 1}") for n in range(RESIDENTS)]

    responses = run_concurrently(
        lambda n: clients[n].delete(f"/api/v1/public/bookings/{code}"), workers=RESIDENTS
    )

    assert sorted(status_of(r) for r in responses) == [204] + [409] * (RESIDENTS - 1)
    slots[0].refresh_from_db()
    assert slots[0].booked == 0
