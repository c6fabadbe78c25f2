"""Turning a typed place ("湖北武汉", "湖北省武汉市江岸区") into a GB/T 2260 code."""

from functools import cache, lru_cache

from shouwang.identity import to_simplified
from shouwang.identity.regions import all_regions, region_name

_SUFFIXES = ("省", "市", "自治区", "特别行政区", "自治州", "地区", "盟", "区", "县")


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    full: dict[str, str] = {}
    short: dict[str, str | None] = {}
    for code, region in all_regions().items():
        if region.abolished:
            continue
        full[region_name(code) or region.name] = code
        for key in {region.name, _short(region.name)}:
            # An ambiguous short name (e.g. 朝阳区 in two cities) resolves to nothing.
            short[key] = None if key in short and short[key] != code else code
    compact_full = {"".join(_short(part) for part in [name]): code for name, code in full.items()}
    full.update(compact_full)
    return full, {key: code for key, code in short.items() if code}


@lru_cache(maxsize=4096)  # lists repeat the same few origins thousands of times
def region_code_for_place(text: str) -> str:
    """The most specific region named at the start of `text`, or "" when none is recognised."""
    text = to_simplified((text or "").strip()).replace(" ", "")
    if not text:
        return ""
    if len(text) == 6 and text.isdigit() and text in all_regions():
        return text
    full, short = _names()
    by_full = ""
    for end in range(len(text), 1, -1):
        by_full = full.get(text[:end], "")
        if by_full:
            break
    # "湖北武汉" → province + city short names, read from the left.
    code = ""
    position = 0
    while position < len(text):
        for end in range(len(text), position + 1, -1):
            candidate = short.get(text[position:end])
            if candidate and (not code or candidate.startswith(code.rstrip("0")[:2])):
                code, position = candidate, end
                break
        else:
            break
    # The more specific reading wins: a county beats its city, a city its province.
    return max((by_full, code), key=lambda found: len(found.rstrip("0")) if found else -1)
