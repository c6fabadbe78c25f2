"""Booked services: windows, slots, the day's bookings and the residents' side."""

from shouwang.bookings.rules import (
    BOOKING_EXPORT,
    BOOKING_RECORDS,
    BOOKING_REVEAL,
    BOOKING_SERVE,
    WINDOW_MANAGE,
)
from shouwang.units.policy import Rule

from .entries import PUBLIC, Page, action, form, view

PAGES: dict[str, Page] = {
    # booked services: officers serve the day's bookings, chiefs and the bureau keep the windows
    "bookings:day": form(BOOKING_RECORDS),  # POST: the search, kept out of the URL
    "bookings:export": action(BOOKING_EXPORT),
    "bookings:detail": view(BOOKING_RECORDS, "booking"),
    "bookings:mark": action(BOOKING_SERVE, "booking"),
    "bookings:reveal": action(BOOKING_REVEAL, "booking"),
    "bookings:windows": view(BOOKING_RECORDS),
    "bookings:window_new": form(WINDOW_MANAGE),
    "bookings:window_detail": view(BOOKING_RECORDS, "service_window"),
    "bookings:window_edit": form(WINDOW_MANAGE, "service_window"),
    "bookings:window_generate": action(WINDOW_MANAGE, "service_window"),
    "bookings:slot_capacity": action(WINDOW_MANAGE, "service_slot"),
    "bookings_public:home": view(PUBLIC),
    "bookings_public:book": form(PUBLIC),
    "bookings_public:manage": form(PUBLIC),
}

API: dict[str, Rule] = {
    "GET /api/v1/public/service-windows": PUBLIC,
    "GET /api/v1/public/service-slots": PUBLIC,
    "POST /api/v1/public/bookings": PUBLIC,
    "GET /api/v1/public/bookings/{code}": PUBLIC,
    "PATCH /api/v1/public/bookings/{code}": PUBLIC,
    "DELETE /api/v1/public/bookings/{code}": PUBLIC,
    "GET /api/v1/service-windows": BOOKING_RECORDS,
    "POST /api/v1/service-windows": WINDOW_MANAGE,
    "POST /api/v1/service-windows/{window_id}/slots": WINDOW_MANAGE,
    "GET /api/v1/service-bookings": BOOKING_RECORDS,
    "POST /api/v1/service-bookings/{booking_id}/status": BOOKING_SERVE,
}
