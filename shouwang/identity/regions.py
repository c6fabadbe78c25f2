"""GB/T 2260 administrative division codes, current and abolished (data/gb2260.csv)."""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .errors import IdentityError

RegionLevel = Literal["province", "city", "county"]

DATA_FILE = Path(__file__).parent / "data" / "gb2260.csv"

# Grouping rows ("市辖区" under 110100, "省直辖县级行政单位" 429000): real codes, found in
# old ID numbers, but not part of a place's name ("北京市朝阳区", not "北京市市辖区朝阳区").
GROUPING_NAMES = frozenset(
    {"市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位"}
)

_CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Region:
    """One GB/T 2260 code with its latest name."""

    code: str
    name: str
    level: RegionLevel
    abolished: bool


@cache
def all_regions() -> dict[str, Region]:
    """Every known code, current and abolished, keyed by code."""
    with DATA_FILE.open(encoding="utf-8", newline="") as data:
        return {
            row["code"]: Region(
                code=row["code"],
                name=row["name"],
                level=row["level"],  # type: ignore[arg-type]  # the file holds only RegionLevel values
                abolished=row["status"] == "abolished",
            )
            for row in csv.DictReader(data)
        }


def _checked_code(code: str) -> str:
    code = code.strip()
    if not _CODE.fullmatch(code):
        raise IdentityError("行政区划代码应为6位数字", "region_format")
    return code


def get_region(code: str) -> Region | None:
    """The region of a code, or None for an unknown or malformed code."""
    return all_regions().get(code.strip())


def region_exists(code: str) -> bool:
    """Whether the code is in GB/T 2260, now or in the past."""
    return get_region(code) is not None


def is_abolished(code: str) -> bool:
    """Whether the code existed once and no longer does (False for unknown codes)."""
    region = get_region(code)
    return region is not None and region.abolished


def province_code(code: str) -> str:
    """The province-level code a code belongs to ("420102" → "420000")."""
    return _checked_code(code)[:2] + "0000"


def city_code(code: str) -> str | None:
    """The prefecture-level code a code belongs to ("420102" → "420100"); None for a province.

    Derived from the digits alone: a district of Beijing gives "110100" (市辖区) and a
    province-administered city such as 仙桃 "429004" gives "429000".
    """
    code = _checked_code(code)
    if code.endswith("0000"):
        return None
    return code[:4] + "00"


MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
# Endings of province and city names that a short name leaves out ("北京市" is "北京").
_NAME_ENDINGS = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


def _short_name(name: str) -> str:
    for ending in _NAME_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name[: -len(ending)]
    return name


def place_name(province: str | None, city: str | None = None) -> str:
    """A province and a city as people say them: "湖北" and "武汉" read "湖北武汉"; a
    municipality once ("北京" and "北京", or "北京市" and its "市辖区", read "北京" and "北京市";
    "重庆" and "重庆主城" read "重庆主城"); the one city named as its province in full
    ("吉林省吉林市"); what is missing adds nothing ("湖北" alone, "" for nothing)."""
    province, city = (province or "").strip(), (city or "").strip()
    if not city or city in GROUPING_NAMES:
        return province
    if not province:
        return city
    short_province, short_city = _short_name(province), _short_name(city)
    if short_province in MUNICIPALITIES and short_city.startswith(short_province):
        return province if short_city == short_province else city
    if short_city == short_province:
        return f"{short_province}省{short_city}市"
    return province + city


@cache  # a few thousand codes, asked for once per ID number of a 100,000-row list
def region_name(code: str) -> str | None:
    """Full name from the province down ("420100" → "湖北省武汉市"), or None if unknown."""
    region = get_region(code)
    if region is None:
        return None
    parts = []
    for ancestor_code in (province_code(region.code), city_code(region.code)):
        if ancestor_code is None or ancestor_code == region.code:
            continue
        ancestor = all_regions().get(ancestor_code)
        if ancestor is not None and ancestor.name not in GROUPING_NAMES:
            parts.append(ancestor.name)
    parts.append(region.name)
    return "".join(parts)
