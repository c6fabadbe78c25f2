"""Booking codes: eight characters of intake's unambiguous alphabet (Crockford's base32, no I, L,
O, U), 40 random bits from `secrets`; typed back in any case, with spaces or dashes, read the same.

Shorter than a tracking code (a resident reads it out at the window); guessing one is still one
chance in a hundred million per active booking, and misses are rate-limited (`throttle`).
"""

from shouwang.intake.codes import new_tracking_code, normalize_tracking_code

LENGTH = 8


def new_booking_code() -> str:
    return new_tracking_code(LENGTH)


def normalize_booking_code(text: str) -> str:
    """The code as stored, or "" when `text` cannot be one ("7kq2-m9xd" → "7KQ2M9XD")."""
    return normalize_tracking_code(text, LENGTH)
