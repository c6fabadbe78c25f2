"""How personal data looks in lists: enough to recognise, not enough to misuse."""

from shouwang.identity import mask_id_number, mask_phone

__all__ = ["mask_address", "mask_id_number", "mask_name", "mask_phone"]


def mask_name(name: str) -> str:
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_address(address: str, keep: int = 6) -> str:
    return address if len(address) <= keep else address[:keep] + "****"
