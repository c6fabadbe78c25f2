"""Resident identity numbers (GB 11643) and the IDs built on them: HK/Macau/Taiwan residence
permits and the 2023 foreigner's permanent residence ID card."""

import re
from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Literal

from .chinese_text import compact
from .errors import IdentityError
from .regions import get_region, region_name

IdentityKind = Literal[
    "mainland", "hong_kong_permit", "macau_permit", "taiwan_permit", "foreign_permanent"
]
Sex = Literal["male", "female"]

# ISO 7064 MOD 11-2: weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
CHECK_WEIGHTS = tuple(pow(2, 17 - position, 11) for position in range(17))
CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11

EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# Residence permits for residents of Hong Kong, Macau and Taiwan use these "address codes".
PERMIT_KINDS: dict[str, IdentityKind] = {
    "810000": "hong_kong_permit",
    "820000": "macau_permit",
    "830000": "taiwan_permit",
}
# The 2023 foreigner's permanent residence ID begins with 9, a digit no GB/T 2260 code uses.
FOREIGNER_PREFIX = "9"

_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_FIFTEEN = re.compile(r"[0-9]{15}")
_ALLOWED = re.compile(r"[0-9]*X?")


@dataclass(frozen=True)
class ResidentIdentity:
    """What an identity number says about its holder."""

    number: str  # 18 characters, upper-case X
    kind: IdentityKind
    birth_date: date
    sex: Sex
    region_code: str  # county code; province code for a foreigner's ID
    region_name: str
    upgraded_from_15: bool
    country_code: str | None = None  # GB/T 2659 numeric code, foreigner's ID only


def id_check_character(body: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(body) != len(CHECK_WEIGHTS):
        raise ValueError("the body of an ID number has 17 digits")
    total = sum(map(mul, map(int, body), CHECK_WEIGHTS))
    return CHECK_CHARACTERS[total % 11]


def _upgraded(number15: str) -> str:
    # 15-digit numbers (issued until 1999) carry a two-digit year of the 1900s and no check digit.
    body = number15[:6] + "19" + number15[6:]
    return body + id_check_character(body)


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise IdentityError("身份证号中的出生日期不存在", "impossible_date") from None
    if born > today:
        raise IdentityError("身份证号中的出生日期晚于今天", "future_date")
    if born < EARLIEST_BIRTH_DATE:
        raise IdentityError("身份证号中的出生日期早于1900年", "date_too_early")
    return born


def _normalised(text: str) -> tuple[str, bool]:
    number = compact(text)
    if not number:
        raise IdentityError("请输入身份证号", "empty")
    if not _ALLOWED.fullmatch(number):
        raise IdentityError("身份证号只能包含数字，最后一位可以是X", "characters")
    if len(number) == 15:
        if not _FIFTEEN.fullmatch(number):
            raise IdentityError("15位旧身份证号只能包含数字", "characters")
        return _upgraded(number), True
    if not _EIGHTEEN.fullmatch(number):
        raise IdentityError("身份证号应为18位（旧号码为15位）", "length")
    if number[17] != id_check_character(number[:17]):
        raise IdentityError("身份证号校验位错误", "checksum")
    return number, False


def _unknown_region() -> IdentityError:
    return IdentityError("身份证号中的地区代码不存在", "unknown_region")


def parse_id_number(text: str, *, today: date | None = None) -> ResidentIdentity:
    """The identity in a typed ID number; full-width digits, spaces and a lower-case x allowed.

    Raises IdentityError (codes: empty, characters, length, checksum, impossible_date,
    future_date, date_too_early, unknown_region). `today` is for tests.
    """
    number, upgraded = _normalised(text)
    born = _birth_date(number[6:14], today or date.today())
    sex: Sex = "male" if int(number[16]) % 2 else "female"

    if upgraded and (number.startswith(FOREIGNER_PREFIX) or number[:6] in PERMIT_KINDS):
        # Permits (2018) and foreigners' IDs (2023) never had a 15-digit form.
        raise _unknown_region()
    if number.startswith(FOREIGNER_PREFIX):
        # 9 + province of the issuing office (2) + nationality (3) + birth date + order + check
        region = get_region(number[1:3] + "0000")
        if region is None or region.code in PERMIT_KINDS:
            raise _unknown_region()
        return ResidentIdentity(
            number=number,
            kind="foreign_permanent",
            birth_date=born,
            sex=sex,
            region_code=region.code,
            region_name=region.name,
            upgraded_from_15=False,
            country_code=number[3:6],
        )

    region = get_region(number[:6])
    if region is None:
        raise _unknown_region()
    return ResidentIdentity(
        number=number,
        kind=PERMIT_KINDS.get(region.code, "mainland"),
        birth_date=born,
        sex=sex,
        region_code=region.code,
        region_name=region_name(region.code) or region.name,
        upgraded_from_15=upgraded,
    )


def is_valid_id_number(text: str, *, today: date | None = None) -> bool:
    """Whether parse_id_number() accepts the text."""
    try:
        parse_id_number(text, today=today)
    except IdentityError:
        return False
    return True


def mask_id_number(number: str) -> str:
    """The number with all but the first 6 and last 4 characters hidden: "110105********002X"."""
    number = compact(number)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
