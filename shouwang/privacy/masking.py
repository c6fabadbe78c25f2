"""How personal data looks in lists: enough to recognise, not enough to misuse.

Every mask takes what a column holds, empty or None included ("" comes back), so callers
never guard them; a value the mask cannot read is hidden whole, never shown.
"""

from shouwang.identity import IdentityError
from shouwang.identity import mask_id_number as _mask_id_number
from shouwang.identity import mask_phone as _mask_phone

__all__ = ["mask_address", "mask_id_number", "mask_name", "mask_phone"]


def mask_id_number(number: str | None) -> str:
    """The first 6 and last 4 characters shown ("110105********002X"); "" for no number."""
    return _mask_id_number(str(number)) if number else ""


def mask_phone(phone: str | None) -> str:
    """The middle four digits hidden ("138****5678"); "" for none, stars for a non-mobile."""
    if not phone:
        return ""
    text = str(phone)
    try:
        return _mask_phone(text)
    except IdentityError:
        return "*" * len(text)


def mask_name(name: str | None) -> str:
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_address(address: str | None, keep: int = 6) -> str:
    address = address or ""
    return address if len(address) <= keep else address[:keep] + "****"
