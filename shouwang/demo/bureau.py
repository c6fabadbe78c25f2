"""The fictional 清河县公安局: three stations with their posts, communities and one account per role.

Every loader here and in later areas is idempotent: it finds what an earlier run made
before making anything, so `make run` can load the demo again and again.
"""

import os
from dataclasses import dataclass

from shouwang.accounts.models import User
from shouwang.accounts.roles import Role
from shouwang.accounts.services import user_create
from shouwang.identity.id_numbers import id_check_character
from shouwang.units.models import Unit, UnitKind
from shouwang.units.services import unit_create

DEFAULT_PASSWORD = "shouwang-demo"

# name, kind, parent name (None for the bureau)
UNITS = [
    ("清河县公安局", UnitKind.BUREAU, None),
    ("交通管理大队", UnitKind.BRIGADE, "清河县公安局"),
    ("城关派出所", UnitKind.STATION, "清河县公安局"),
    ("白云山派出所", UnitKind.STATION, "清河县公安局"),
    ("通镇派出所", UnitKind.STATION, "清河县公安局"),
    ("城关东出口卡点", UnitKind.CHECKPOINT_POST, "城关派出所"),
    ("北门社区", UnitKind.COMMUNITY, "城关派出所"),
    ("南关社区", UnitKind.COMMUNITY, "城关派出所"),
    ("白云山高速出口检查站", UnitKind.CHECKPOINT_POST, "白云山派出所"),
    ("白云村", UnitKind.VILLAGE, "白云山派出所"),
    ("石门村", UnitKind.VILLAGE, "白云山派出所"),
    ("通镇国道检查站", UnitKind.CHECKPOINT_POST, "通镇派出所"),
    ("通镇社区", UnitKind.COMMUNITY, "通镇派出所"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    unit: str
    birth: str
    sequence: str
    phone: str


ACCOUNTS = [
    DemoAccount(
        "commander", "高建国", Role.COMMANDER, "清河县公安局", "19700312", "011", "13909120001"
    ),
    DemoAccount(
        "chief1", "李卫东", Role.STATION_CHIEF, "城关派出所", "19780605", "031", "13909120002"
    ),
    DemoAccount(
        "chief2", "王海涛", Role.STATION_CHIEF, "白云山派出所", "19800921", "053", "13909120003"
    ),
    DemoAccount("officer1", "张明", Role.OFFICER, "城关派出所", "19880115", "071", "13909120004"),
    DemoAccount("officer2", "刘强", Role.OFFICER, "白云山派出所", "19900702", "093", "13909120005"),
    DemoAccount(
        "auxiliary1", "赵磊", Role.AUXILIARY, "城关派出所", "19950420", "115", "13909120006"
    ),
    DemoAccount(
        "volunteer1", "孙丽", Role.VOLUNTEER, "城关东出口卡点", "19921108", "128", "13909120007"
    ),
    DemoAccount("duty1", "周敏", Role.DUTY_DESK, "城关派出所", "19870830", "146", "13909120008"),
    # The bureau's duty desk: reports whose residents were "not sure" of the station reach it.
    DemoAccount("duty0", "陈静", Role.DUTY_DESK, "清河县公安局", "19860214", "134", "13909120011"),
    DemoAccount(
        "health1", "吴芳", Role.HEALTH_LIAISON, "城关派出所", "19850217", "162", "13909120009"
    ),
    DemoAccount(
        "admin", "郑志远", Role.ADMINISTRATOR, "清河县公安局", "19830509", "017", "13909120010"
    ),
]
# 610824 is 靖边县 in 榆林; the bureau is fictional but its people carry valid-checksum numbers.
DEMO_REGION = "610824"


def demo_password() -> str:
    return os.environ.get("SHOUWANG_DEMO_PASSWORD") or DEFAULT_PASSWORD


def demo_id_number(birth: str, sequence: str) -> str:
    body = f"{DEMO_REGION}{birth}{sequence}"
    return body + id_check_character(body)


def load_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, kind, parent_name in UNITS:
        existing = Unit.objects.filter(name=name).first()
        units[name] = existing or unit_create(
            actor=None, name=name, kind=kind, parent=units[parent_name] if parent_name else None
        )
    return units


def load_accounts(units: dict[str, Unit]) -> list[User]:
    accounts = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first() or user_create(
            actor=None,
            username=account.username,
            unit=units[account.unit],
            role=account.role,
            password=demo_password(),
            full_name=account.full_name,
            id_number=demo_id_number(account.birth, account.sequence),
            phone=account.phone,
        )
        if account.role == Role.ADMINISTRATOR and not user.is_staff:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        accounts.append(user)
    return accounts


def load() -> dict[str, Unit]:
    units = load_units()
    load_accounts(units)
    return units
