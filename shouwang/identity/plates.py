"""Motor vehicle plates (GA 36-2018) and the area each plate prefix stands for."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .chinese_text import compact
from .errors import IdentityError
from .regions import city_code, province_code

PlateKind = Literal[
    "ordinary",
    "new_energy_small",
    "new_energy_large",
    "police",
    "coach",
    "trailer",
    "hong_kong",
    "macau",
    "consulate",
    "embassy",
    "armed_police",
]

DATA_FILE = Path(__file__).parent / "data" / "plate_prefixes.csv"

_LETTER = "[A-HJ-NP-Z]"  # I and O are never used: they read as 1 and 0
_ALNUM = "[0-9A-HJ-NP-Z]"

# The serial after "鄂A"; tried in order, each with the kind it means.
_SERIALS: tuple[tuple[PlateKind, re.Pattern[str]], ...] = (
    ("ordinary", re.compile(f"{_ALNUM}{{5}}")),
    # Small new-energy: D A B C E (battery electric) or F G H J K (other), then a letter or
    # digit, then four digits.
    ("new_energy_small", re.compile(f"[DABCEFGHJK]{_ALNUM}[0-9]{{4}}")),
    # Large new-energy: five digits, then D (battery electric) or F (other).
    ("new_energy_large", re.compile("[0-9]{5}[DF]")),
    ("police", re.compile(f"{_ALNUM}{{4}}警")),
    ("coach", re.compile(f"{_ALNUM}{{4}}学")),
    ("trailer", re.compile(f"{_ALNUM}{{4}}挂")),
    ("consulate", re.compile(f"{_ALNUM}{{4}}领")),
    ("hong_kong", re.compile(f"{_ALNUM}{{4}}港")),
    ("macau", re.compile(f"{_ALNUM}{{4}}澳")),
)
# Vehicles of Hong Kong and Macau registered in Guangdong all carry 粤Z, and only they do.
_CROSS_BORDER_PREFIX = "粤Z"
_CROSS_BORDER_KINDS = frozenset({"hong_kong", "macau"})

# Embassy plates: 使 + three-digit embassy number + three-digit serial ("使014578").
_EMBASSY = re.compile("使[0-9]{6}")
EMBASSY_PROVINCE = "京"  # every embassy is in Beijing
# Armed police (WJ2012): WJ + province + four digits + a digit or service letter.
_ARMED_POLICE = re.compile(f"WJ(?P<abbreviation>.)[0-9]{{4}}{_ALNUM}")


@dataclass(frozen=True)
class PlatePrefix:
    """A province abbreviation and issuing-office letter, with the area it serves."""

    prefix: str  # "鄂A"
    province: str  # "湖北"
    area: str  # "武汉"
    region_code: str  # GB/T 2260; the province's code when the letter serves no single city


@dataclass(frozen=True)
class LicencePlate:
    """A normalised plate and where it comes from."""

    number: str  # "鄂A12345"
    kind: PlateKind
    province: str  # "湖北"
    prefix: str  # "鄂A"; "使" for embassies, "WJ鄂" for armed police
    city: str | None  # area of the issuing office ("武汉"); None for letters not in our table
    region_code: str
    out_of_town: bool


@cache
def plate_prefixes() -> dict[str, PlatePrefix]:
    """Every known prefix, in the order of the data file."""
    with DATA_FILE.open(encoding="utf-8", newline="") as data:
        return {row["prefix"]: PlatePrefix(**row) for row in csv.DictReader(data)}


@cache
def province_abbreviations() -> dict[str, tuple[str, str]]:
    """Province abbreviation → (province name, province code): "鄂" → ("湖北", "420000")."""
    return {
        entry.prefix[0]: (entry.province, province_code(entry.region_code))
        for entry in plate_prefixes().values()
    }


def _format_error() -> IdentityError:
    return IdentityError("车牌号格式不正确", "format")


def _province_of(abbreviation: str) -> tuple[str, str]:
    try:
        return province_abbreviations()[abbreviation]
    except KeyError:
        if abbreviation.isascii():
            raise _format_error() from None
        raise IdentityError("未知的省份简称", "province") from None


def _is_out_of_town(prefix: str, abbreviation: str, home_prefixes: Iterable[str]) -> bool:
    # No home configured means nothing can be called out of town.
    home = _home_set(tuple(home_prefixes))
    return bool(home) and prefix not in home and abbreviation not in home


@cache
def _home_set(home_prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(compact(entry) for entry in home_prefixes) - {""}


def _special_plate(number: str, home_prefixes: Iterable[str]) -> LicencePlate:
    if _EMBASSY.fullmatch(number):
        kind: PlateKind = "embassy"
        abbreviation, prefix = EMBASSY_PROVINCE, "使"
    elif match := _ARMED_POLICE.fullmatch(number):
        kind = "armed_police"
        abbreviation = match["abbreviation"]
        prefix = "WJ" + abbreviation
    else:
        raise _format_error()
    province, region_code = _province_of(abbreviation)
    return LicencePlate(
        number=number,
        kind=kind,
        province=province,
        prefix=prefix,
        city=None,
        region_code=region_code,
        out_of_town=_is_out_of_town(prefix, abbreviation, home_prefixes),
    )


def parse_plate(text: str, home_prefixes: Iterable[str] = ()) -> LicencePlate:
    """The plate in typed text; full-width, Traditional, lower-case, spaces and "·" allowed.

    `home_prefixes` holds the bureau's own prefixes ("陕K") or whole provinces ("陕"); a plate
    matching none of them is out of town. Raises IdentityError (codes: empty, province, format).
    """
    number = compact(text)
    if not number:
        raise IdentityError("请输入车牌号", "empty")
    if number.startswith(("使", "WJ")):
        return _special_plate(number, home_prefixes)

    abbreviation, letter, serial = number[:1], number[1:2], number[2:]
    province, region_code = _province_of(abbreviation)
    if not re.fullmatch(_LETTER, letter):
        raise _format_error()
    prefix = abbreviation + letter
    kind = next((kind for kind, pattern in _SERIALS if pattern.fullmatch(serial)), None)
    if kind is None or (kind in _CROSS_BORDER_KINDS) != (prefix == _CROSS_BORDER_PREFIX):
        raise _format_error()

    known = plate_prefixes().get(prefix)
    return LicencePlate(
        number=number,
        kind=kind,
        province=province,
        prefix=prefix,
        city=known.area if known else None,
        region_code=known.region_code if known else region_code,
        out_of_town=_is_out_of_town(prefix, abbreviation, home_prefixes),
    )


def plate_prefixes_for_region(region_code: str) -> list[str]:
    """Prefixes of the plates registered in a region, for deriving those of key areas.

    A province gives all its prefixes. A city gives its own and those of its counties
    (佛山 "440600" → 粤E, 粤X, 粤Y). A county gives its own and its city's (顺德 → 粤X, 粤E).
    Where nothing is that specific (a district of Chongqing's centre), the prefixes serving
    the whole province; failing those, every prefix of the province.
    """
    province = province_code(region_code)
    city = city_code(region_code)
    in_province = [e for e in plate_prefixes().values() if e.region_code[:2] == province[:2]]
    if city is None:
        return [entry.prefix for entry in in_province]
    if city == region_code:
        specific = [e for e in in_province if e.region_code[:4] == city[:4]]
    else:
        specific = [e for e in in_province if e.region_code in (region_code, city)]
    province_wide = [e for e in in_province if e.region_code == province]
    return [entry.prefix for entry in specific or province_wide or in_province]
