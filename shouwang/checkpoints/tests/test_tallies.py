"""The kept counts always equal the counts of the live passages, whatever was corrected or voided."""

import random
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from shouwang.checkpoints.models import Passage, PassageCountsByHour, PassageCountsByOrigin
from shouwang.checkpoints.services import passage_batch_register, passage_update, passage_void
from shouwang.checkpoints.tallies import COUNTERS, tallies_rebuild

from .factories import passage_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 1, 31, 20, 0, tzinfo=SHANGHAI)


def random_item(rng: random.Random, checkpoint) -> dict:
    on_foot = rng.random() < 0.2
    temperature = rng.choice([None, "36.5", "37.8"])
    code = rng.choice(["", "green", "yellow"])
    handover = temperature == "37.8" or code == "yellow"
    return passage_data(
        checkpoint,
        plate=None if on_foot else rng.choice(["陕K12345", "鄂A54321", "豫K00001"]),
        vehicle_kind="pedestrian" if on_foot else "car",
        occupants_count=rng.randint(1, 5),
        temperature=temperature,
        health_code=code,
        disposition="handed_over"
        if handover
        else rng.choice(["passed", "registered", "turned_back"]),
        # A handover (registered, or made by a correction) names whom it hands over.
        occupants=[{"name": "张三"}],
        origin_region_code=rng.choice(["", "420100", "610800"]),
        occurred_at=(START + timedelta(minutes=rng.randint(0, 60 * 30))).isoformat(),
    )


def expected_counts() -> tuple[Counter, Counter]:
    """Counted afresh from the live passages, one by one."""
    by_hour, by_origin = Counter(), Counter()
    for p in Passage.objects.filter(voided_at__isnull=True):
        vehicle = p.plate != ""
        figures = {
            "passages": 1,
            "vehicles_passed": int(vehicle and p.disposition in ("passed", "registered")),
            "vehicles_registered": int(vehicle and p.disposition == "registered"),
            "vehicle_turn_backs": int(vehicle and p.disposition == "turned_back"),
            "people_checked": p.occupants_count
            if (p.health_code or p.max_temperature is not None)
            else 0,
            "people_met": p.occupants_count,
            "people_turned_back": p.occupants_count if p.disposition == "turned_back" else 0,
            "people_handed_over": p.occupants_count if p.disposition == "handed_over" else 0,
        }
        for name, value in figures.items():
            by_hour[(p.checkpoint_id, p.occurred_on, p.occurred_hour, name)] += value
            by_origin[(p.checkpoint_id, p.occurred_on, p.origin_province, p.origin_city, name)] += (
                value
            )
    return +by_hour, +by_origin


def kept_counts() -> tuple[Counter, Counter]:
    by_hour, by_origin = Counter(), Counter()
    for row in PassageCountsByHour.objects.values():
        for name in COUNTERS:
            by_hour[(row["checkpoint_id"], row["day"], row["hour"], name)] += row[name]
    for row in PassageCountsByOrigin.objects.values():
        for name in COUNTERS:
            key = (row["checkpoint_id"], row["day"], row["origin_province"], row["origin_city"])
            by_origin[(*key, name)] += row[name]
    return +by_hour, +by_origin


def test_counts_follow_registrations_corrections_and_voids(staff, checkpoints):
    rng = random.Random(20200125)
    chief = staff["chief1"]
    east = checkpoints["城关"]
    results = passage_batch_register(
        actor=chief, items=[random_item(rng, east) for _ in range(120)]
    )
    assert {r["status"] for r in results} == {"created"}
    passages = list(Passage.objects.order_by("id"))
    for passage in rng.sample(passages, 30):
        change = random_item(rng, east)
        passage_update(
            actor=chief,
            passage=passage,
            changes={
                k: change[k]
                for k in (
                    "plate",
                    "vehicle_kind",
                    "occupants_count",
                    "temperature",
                    "health_code",
                    "disposition",
                    "origin_region_code",
                    "occurred_at",
                )
            },
            reason="更正",
        )
    for passage in rng.sample(passages, 25):
        passage.refresh_from_db()
        if passage.voided_at is None:
            passage_void(actor=chief, passage=passage, reason="作废")

    kept = kept_counts()
    assert kept == expected_counts()
    tallies_rebuild()
    assert kept_counts() == kept
    # The day boundary was crossed: local days and hours are those of Asia/Shanghai.
    assert {key[1].isoformat() for key in expected_counts()[0]} == {
        "2026-01-31",
        "2026-02-01",
        "2026-02-02",
    }
