"""Fictional people with valid-checksum ID numbers."""

from datetime import date

from shouwang.identity.id_numbers import id_check_character

WUHAN_DISTRICT = "420102"  # 武汉市江岸区
HOME_COUNTY = "610824"


def id_number(region: str = HOME_COUNTY, birth: str = "19850101", sequence: str = "123") -> str:
    body = f"{region}{birth}{sequence}"
    return body + id_check_character(body)


def wrong_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def register(actor, unit=None, **fields):
    from shouwang.people.services import person_register

    fields.setdefault("name", "测试人")
    return person_register(actor=actor, unit=unit or actor.unit, **fields)


def key_area_wuhan(commander, valid_from: date | None = None):
    from shouwang.areas.services import key_area_create

    return key_area_create(
        actor=commander, region_code="420100", risk_level="high",
        valid_from=valid_from or date(2020, 1, 1),
    )
