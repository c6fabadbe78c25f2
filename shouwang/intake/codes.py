"""Tracking codes: what a resident keeps to follow his report, and nobody can guess.

Twelve characters of Crockford's base32 (no I, L, O, U: nothing to misread), 60 random bits
from `secrets`. Typed back in any case, with spaces or dashes, the code is read the same.
"""

import re
import secrets

from shouwang.identity import to_halfwidth

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_·.]+")


def new_tracking_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_tracking_code(text: str, length: int = LENGTH) -> str:
    """The code as stored, or "" when `text` cannot be one ("7kq2-m9xd-4rtb" → "7KQ2M9XD4RTB")."""
    # Full-width letters and digits typed on a Chinese keyboard count as the ASCII ones.
    code = to_halfwidth(text or "").upper()
    code = _SEPARATORS.sub("", code).translate(_MISREAD)
    if len(code) != length or any(character not in ALPHABET for character in code):
        return ""
    return code
