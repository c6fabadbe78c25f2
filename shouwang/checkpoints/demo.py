"""Demo checkpoints at the demo posts and a month of passages through them (idempotent)."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.accounts.roles import Capability
from shouwang.areas.models import KeyArea
from shouwang.areas.services import key_area_create
from shouwang.demo.bureau import demo_id_number
from shouwang.units.models import Unit

from .ingest import passages_insert
from .models import Checkpoint, CheckpointKind, Passage
from .validation import PassageContext, passage_clean
from .watch import watch_occupants

DEMO_NAMESPACE = uuid.UUID("5d1c0c9e-6a53-4d7e-9a3b-8b0f2f6c1a01")
DAYS = 30

# name, unit, kind, 24 h?, party-member post, location, per-day passages, recorder
CHECKPOINTS = [
    (
        "城关东出口卡点",
        "城关东出口卡点",
        CheckpointKind.PROVINCIAL_ROAD,
        True,
        False,
        "S204省道城关东出口",
        30,
        "officer1",
    ),
    (
        "北门社区卡点",
        "北门社区",
        CheckpointKind.RESIDENTIAL_GATE,
        False,
        False,
        "北门社区正门",
        12,
        "officer1",
    ),
    (
        "白云山高速出口检查站",
        "白云山高速出口检查站",
        CheckpointKind.HIGHWAY_EXIT,
        True,
        False,
        "G65高速白云山出口",
        40,
        "officer2",
    ),
    (
        "白云山煤矿大门党员先锋岗",
        "白云山派出所",
        CheckpointKind.PLANT_GATE,
        True,
        True,
        "白云山煤矿矿区大门",
        10,
        "officer2",
    ),
    (
        "通镇国道检查站",
        "通镇国道检查站",
        CheckpointKind.NATIONAL_ROAD,
        True,
        False,
        "G210国道通镇段",
        25,
        "commander",
    ),
    (
        "石门村村口",
        "石门村",
        CheckpointKind.VILLAGE_ENTRANCE,
        False,
        False,
        "石门村主路入口",
        6,
        "officer2",
    ),
]
# Plate prefix, share: mostly local cars, some from the province, a few from far away.
ORIGINS = [
    ("陕K", 70),
    ("陕A", 8),
    ("晋A", 4),
    ("蒙B", 4),
    ("宁A", 3),
    ("豫K", 3),
    ("鄂A", 3),
    ("京A", 2),
    ("甘A", 3),
]
HOUR_WEIGHTS = [1, 1, 1, 1, 2, 3, 6, 9, 10, 9, 8, 7, 7, 7, 8, 9, 10, 9, 7, 5, 4, 3, 2, 1]
SERIAL = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
DESTINATIONS = ["县城", "白云山煤矿", "通镇", "石门村", "县医院", "物流园"]
PURPOSES = ["返乡", "上班", "送货", "就医", "探亲", "运煤"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN_NAMES = "伟芳娜敏静强磊洋艳勇军杰涛明超"
GREEN = [
    ("patient", "高热惊厥患儿送县医院"),
    ("medicine", "为居家隔离老人送救命药"),
    ("supplies", "向封控区运送生活物资"),
]


def _checkpoints(units: dict[str, Unit], commander: User) -> list[tuple[Checkpoint, int, str]]:
    result = []
    for name, unit_name, kind, is_24h, party, location, per_day, recorder in CHECKPOINTS:
        checkpoint, _created = Checkpoint.objects.get_or_create(
            unit=units[unit_name],
            name=name,
            defaults={
                "kind": kind,
                "is_24h": is_24h,
                "party_member_post": party,
                "location": location,
                "opens_at": None if is_24h else time(7),
                "closes_at": None if is_24h else time(22),
                "created_by": commander,
            },
        )
        result.append((checkpoint, per_day, recorder))
    return result


def _key_areas(commander: User) -> None:
    if KeyArea.objects.exists():
        return
    start = timezone.localdate() - timedelta(days=DAYS + 5)
    key_area_create(
        actor=commander,
        region_code="420100",
        risk_level="high",
        valid_from=start,
        note="武汉市全域高风险",
    )
    key_area_create(
        actor=commander,
        region_code="410000",
        risk_level="medium",
        valid_from=start,
        valid_to=timezone.localdate() - timedelta(days=10),
        note="河南省部分地区",
    )


def _item(rng: random.Random, checkpoint: Checkpoint, moment: datetime, n: int) -> dict:
    pedestrian = rng.random() < 0.1
    prefix = rng.choices([p for p, _w in ORIGINS], [w for _p, w in ORIGINS])[0]
    local = prefix == "陕K"
    item = {
        "client_id": uuid.uuid5(DEMO_NAMESPACE, f"passage-{checkpoint.name}-{n}"),
        "checkpoint": checkpoint.pk,
        "occurred_at": moment,
        "direction": rng.choice(["in", "in", "out"]),
        "occupants_count": rng.choices([1, 2, 3, 4, 5], [40, 30, 15, 10, 5])[0],
        "destination": rng.choice(DESTINATIONS),
        "purpose": rng.choice(PURPOSES),
        "temperature": f"{rng.uniform(36.0, 37.1):.1f}",
        "health_code": "green" if rng.random() < 0.95 else "none",
    }
    if pedestrian:
        item["vehicle_kind"] = "pedestrian"
    else:
        item["plate"] = prefix + "".join(rng.choice(SERIAL) for _ in range(5))
        item["vehicle_kind"] = rng.choices(["car", "truck", "bus", "motorcycle"], [70, 20, 5, 5])[0]
    if rng.random() < 0.4:
        item.pop("temperature")  # waved through without a check
    roll = rng.random()
    if rng.random() < 0.01:
        item.update(temperature="38.1", disposition="handed_over")
    elif pedestrian or local:
        item["disposition"] = "turned_back" if roll < 0.08 else "passed"
    elif prefix == "鄂A":
        item["disposition"] = "turned_back" if roll < 0.7 else "handed_over"
    else:
        item["disposition"] = "turned_back" if roll < 0.35 else "registered"
        item["origin"] = "外省"
    if item["disposition"] == "turned_back":
        item.pop("temperature", None)
    if item["disposition"] in ("handed_over", "registered"):
        _name_occupants(rng, item)
    # A feverish traveller is handed over, green channel or not (the form insists on it).
    if not pedestrian and item["disposition"] != "handed_over" and rng.random() < 0.01:
        kind, reason = rng.choice(GREEN)
        item.update(
            green_channel=True,
            green_channel_kind=kind,
            green_channel_reason=reason,
            disposition="passed",
        )
    return item


def _name_occupants(rng: random.Random, item: dict) -> None:
    """Those handed over or let in after registration are registered by name, as on paper."""
    occupants = []
    for position in range(item["occupants_count"]):
        birth = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        occupants.append(
            {
                "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN_NAMES, rng.randint(1, 2))),
                "id_number": demo_id_number(birth, f"{rng.randint(0, 999):03d}"),
                "phone": f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}",
                "temperature": item.get("temperature") if position == 0 else "36.6",
                "health_code": item.get("health_code", "green"),
            }
        )
    item["occupants"] = occupants


def load() -> None:
    units = {unit.name: unit for unit in Unit.objects.all()}
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["officer1", "officer2", "commander"])
    }
    commander = users["commander"]
    checkpoints = _checkpoints(units, commander)
    _key_areas(commander)
    first = uuid.uuid5(DEMO_NAMESPACE, f"passage-{checkpoints[0][0].name}-0")
    if Passage.objects.filter(client_id=first).exists():
        return
    rng = random.Random(2020)
    now = timezone.localtime()
    context = PassageContext(checkpoints={c.pk: c for c, _n, _r in checkpoints})
    for checkpoint, per_day, recorder in checkpoints:
        cleaned, n = [], 0
        for day_offset in range(DAYS, -1, -1):
            day: date = now.date() - timedelta(days=day_offset)
            for _ in range(int(per_day * rng.uniform(0.6, 1.4))):
                hours = range(24) if checkpoint.is_24h else range(7, 22)
                hour = rng.choices(list(hours), [HOUR_WEIGHTS[h] for h in hours])[0]
                moment = timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60))))
                if moment > now:
                    continue
                item = _item(rng, checkpoint, moment, n)
                n += 1
                cleaned.append(passage_clean(item, context=context, actor=users[recorder]))
        # The last days' handovers reached the registry as a registration makes them do: the
        # station's health liaison finds them among his handovers, its duty desk in the alerts.
        since = now.date() - timedelta(days=2)
        handed = [c for c in cleaned if c.watch and c.values["occurred_on"] >= since]
        if handed and users[recorder].has_capability(Capability.REGISTER_PASSAGES):
            watch_occupants(handed)
        passages_insert(cleaned)
