"""Mainland mobile numbers."""

import re

from .chinese_text import compact
from .errors import IdentityError

_COUNTRY_PREFIXES = ("+86", "0086")
_MOBILE = re.compile("1[3-9][0-9]{9}")


def normalize_mobile(text: str) -> str:
    """The 11 digits of a mobile number typed with spaces, dashes, +86/0086/86 or full-width."""
    number = compact(text).replace("(", "").replace(")", "")
    if not number:
        raise IdentityError("请输入手机号码", "empty")
    for country_prefix in _COUNTRY_PREFIXES:
        if number.startswith(country_prefix):
            number = number.removeprefix(country_prefix)
            break
    else:
        if number.startswith(("+", "00")):
            raise IdentityError("只支持中国大陆手机号码", "country")
        if len(number) == 13 and number.startswith("86"):
            number = number[2:]
    if not re.fullmatch("[0-9]+", number):
        raise IdentityError("手机号码只能包含数字", "characters")
    if len(number) != 11:
        raise IdentityError("手机号码应为11位", "length")
    if not _MOBILE.fullmatch(number):
        raise IdentityError("手机号码号段不正确", "prefix")
    return number


def mask_phone(text: str) -> str:
    """The number with the middle four digits hidden: "138****5678"."""
    number = normalize_mobile(text)
    return number[:3] + "****" + number[7:]
