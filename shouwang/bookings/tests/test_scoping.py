"""A sibling station's staff do not find 城关's windows, slots or bookings: 404, nothing changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shouwang.bookings.models import Booking, ServiceSlot, ServiceWindow

from .factories import book, slots_of, window_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(bureau, staff):
    window = window_at(bureau["城关派出所"], staff["chief1"])
    slot = slots_of(window, staff["chief1"], days=1)[0]
    ServiceSlot.objects.filter(pk=slot.pk).update(day=timezone.localdate())
    return book(slot)


def test_a_sibling_station_gets_404_and_changes_nothing(login_as, api_as, booking):
    window, slot = booking.window, booking.slot
    chief2, officer2 = login_as("chief2"), login_as("officer2")
    for client, url in (
        (officer2, f"/bookings/{booking.pk}/"),
        (chief2, f"/bookings/windows/{window.pk}/"),
        (chief2, f"/bookings/windows/{window.pk}/edit/"),
    ):
        assert client.get(url).status_code == 404, url
    for client, url, data in (
        (officer2, f"/bookings/{booking.pk}/mark/", {"status": "served"}),
        (chief2, f"/bookings/{booking.pk}/reveal/", {"reason": "核实"}),
        (chief2, f"/bookings/windows/{window.pk}/edit/", {"name": "改名"}),
        (chief2, f"/bookings/windows/{window.pk}/generate/", {"start": "2026-12-30", "days": 3}),
        (chief2, f"/bookings/slots/{slot.pk}/capacity/", {"capacity": 0}),
    ):
        assert client.post(url, data).status_code == 404, url
    api = api_as("officer2")
    assert (
        api.post_json(
            f"/api/v1/service-bookings/{booking.pk}/status", {"status": "served"}
        ).status_code
        == 404
    )
    assert api.get("/api/v1/service-windows").json()["items"] == []
    day = timezone.localdate().isoformat()
    assert api.get(f"/api/v1/service-bookings?date={day}&window={window.pk}").json()["items"] == []
    page = officer2.get(f"/bookings/?date={day}").content.decode()
    assert booking.name not in page
    booking.refresh_from_db()
    window.refresh_from_db()
    slot.refresh_from_db()
    assert (booking.status, window.name, slot.capacity) == ("booked", "城关派出所户政窗口", 4)
    assert ServiceSlot.objects.filter(window=window).count() == 2
    assert Booking.objects.count() == ServiceWindow.objects.count() == 1


def test_the_bureau_sees_every_stations_windows(api_as, booking):
    names = [w["name"] for w in api_as("commander").get("/api/v1/service-windows").json()["items"]]
    assert names == ["城关派出所户政窗口"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert api_as("commander").get(f"/api/v1/service-bookings?date={tomorrow}").status_code == 200
