"""Scenario 5 at 1/100 scale: 52 vehicles passed, 4 out-of-town registered, 70 turn-backs,
122 people checked with the health service, 240 people turned back."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from shouwang.checkpoints.figures import checkpoint_figures
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_batch_register, passage_void

from .factories import passage_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY1, DAY2 = date(2026, 2, 1), date(2026, 2, 2)


def at(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, 15, tzinfo=SHANGHAI).isoformat()


def scenario_five(checkpoints) -> list[dict]:
    east, highway = checkpoints["城关"], checkpoints["白云山"]
    items = []
    for n in range(48):  # local vehicles let through, two people each, temperatures taken
        items.append(
            passage_data(
                east,
                plate=f"陕K1{n:04d}",
                occupants_count=2,
                temperature="36.5",
                occurred_at=at(DAY1, 8),
            )
        )
    for n in range(4):  # out-of-town vehicles registered, two people each
        items.append(
            passage_data(
                highway,
                plate=f"鄂A2{n:04d}",
                occupants_count=2,
                health_code="green",
                disposition="registered",
                occurred_at=at(DAY2, 14),
            )
        )
    for n in range(70):  # turn-backs, never checked: 50 × 3 + 20 × 4 people
        items.append(
            passage_data(
                highway,
                plate=f"豫K3{n:04d}",
                occupants_count=3 if n < 50 else 4,
                disposition="turned_back",
                occurred_at=at(DAY2, 4),
            )
        )
    for _n in range(2):  # pedestrian groups of 5 turned back
        items.append(
            passage_data(
                east,
                plate=None,
                vehicle_kind="pedestrian",
                occupants_count=5,
                disposition="turned_back",
                occurred_at=at(DAY1, 9),
            )
        )
    for _n in range(15):  # pedestrians checked and let through
        items.append(
            passage_data(
                east,
                plate=None,
                vehicle_kind="pedestrian",
                temperature="36.6",
                occurred_at=at(DAY1, 9),
            )
        )
    # A car of three with a fever case, handed over: checked, not a vehicle passed.
    items.append(
        passage_data(
            highway,
            plate="晋A00001",
            occupants_count=3,
            occupants=[{"name": "孙八"}],
            temperature="38.2",
            disposition="handed_over",
            occurred_at=at(DAY2, 14),
        )
    )
    # Outside the period, and voided: count nowhere.
    items.append(
        passage_data(
            east, plate="陕K99999", temperature="36.5", occurred_at=at(DAY1 - timedelta(days=1), 23)
        )
    )
    items.append(
        passage_data(
            east,
            plate="陕K99998",
            temperature="36.5",
            occupants_count=9,
            disposition="turned_back",
            occurred_at=at(DAY1, 10),
        )
    )
    return items


def test_scenario_five_figures_exact(staff, checkpoints, bureau):
    items = scenario_five(checkpoints)
    east_items = [i for i in items if i["checkpoint"] == checkpoints["城关"].pk]
    highway_items = [i for i in items if i["checkpoint"] == checkpoints["白云山"].pk]
    created = passage_batch_register(actor=staff["chief1"], items=east_items)
    created += passage_batch_register(actor=staff["chief2"], items=highway_items)
    assert {r["status"] for r in created} == {"created"}
    passage_void(
        actor=staff["chief1"], passage=Passage.objects.get(plate="陕K99998"), reason="重复登记"
    )

    figures = checkpoint_figures(
        user=staff["commander"], unit=bureau["清河县公安局"], date_from=DAY1, date_to=DAY2
    )

    assert {
        name: figures[name]
        for name in (
            "vehicles_passed",
            "vehicles_registered",
            "vehicle_turn_backs",
            "people_checked",
            "people_turned_back",
            "people_handed_over",
            "people_met",
        )
    } == {
        "vehicles_passed": 52,
        "vehicles_registered": 4,
        "vehicle_turn_backs": 70,
        "people_checked": 122,
        "people_turned_back": 240,
        "people_handed_over": 3,
        "people_met": 362,
    }
    assert [(row["date"], row["people_checked"]) for row in figures["by_day"]] == [
        ("2026-02-01", 111),
        ("2026-02-02", 11),
    ]
    assert [(row["hour"], row["vehicle_turn_backs"]) for row in figures["by_hour"]] == [
        (4, 70),
        (8, 0),
        (9, 0),
        (14, 0),
    ]
    origins = {(row["province"], row["city"]): row["people_met"] for row in figures["by_origin"]}
    assert origins == {
        ("陕西省", "榆林市"): 96,
        ("湖北省", "武汉市"): 8,
        ("河南省", "许昌市"): 230,
        ("", ""): 25,
        ("山西省", "太原市"): 3,
    }


def test_station_figures_cover_only_its_checkpoints(staff, checkpoints, bureau):
    items = scenario_five(checkpoints)
    passage_batch_register(
        actor=staff["chief1"], items=[i for i in items if i["checkpoint"] == checkpoints["城关"].pk]
    )
    figures = checkpoint_figures(
        user=staff["chief1"], unit=bureau["城关派出所"], date_from=DAY1, date_to=DAY2
    )
    assert (
        figures["vehicles_passed"],
        figures["people_checked"],
        figures["people_turned_back"],
    ) == (48, 120, 19)


def test_sibling_station_figures_are_forbidden(staff, bureau):
    with pytest.raises(PermissionDenied):
        checkpoint_figures(
            user=staff["chief2"], unit=bureau["城关派出所"], date_from=DAY1, date_to=DAY2
        )


def test_figures_use_few_queries(staff, checkpoints, bureau, django_assert_num_queries):
    with django_assert_num_queries(5):
        checkpoint_figures(
            user=staff["commander"], unit=bureau["清河县公安局"], date_from=DAY1, date_to=DAY2
        )
