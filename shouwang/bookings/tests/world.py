"""The booked services' records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from .factories import book, slots_of, window_at


def booking_objects(place: str, unit, maker) -> dict[str, Any]:
    """A window of `unit` with tomorrow's slots and one booking."""
    window = window_at(unit, maker, name=f"{unit.name}户政窗口")
    slots = slots_of(window, maker, days=1)
    octet = {"own": 1, "sibling": 2, "parent": 3}[place]
    booking = book(slots[0], phone=f"1370000000{octet}", address=f"192.0.2.{10 + octet}")
    return {"service_window": window, "service_slot": slots[0], "booking": booking}
