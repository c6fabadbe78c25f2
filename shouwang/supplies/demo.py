"""Scenarios 1 and 5's gear in the demo bureau.

The county's supplies group delivers to the bureau, which transfers to its three stations;
over the last nine days the stations issue to their checkpoints, in all (scenario 5) 5,300
pairs of gloves, 11,500 masks, 100 goggles and 6 thermometers. 城关 (scenario 1) receives
5 barrels and 170 jin of alcohol and 400 masks from residents and a shop, thanks one donor,
writes off two broken goggles and reverses a mask issue entered twice.

Idempotent: nothing is made when the bureau's catalogue already holds its masks.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.units.models import Unit

from .models import Item
from .services import donor_thank, item_create, movement_record, movement_reverse

BUREAU = "清河县公安局"
# name, unit of measure, category, low-stock threshold, received by the bureau
CATALOGUE = [
    ("医用外科口罩", "只", "protective", 1000, 15000),
    ("一次性医用手套", "副", "protective", 500, 6000),
    ("护目镜", "副", "protective", 20, 120),
    ("医用防护服", "套", "protective", 20, 200),
    ("红外体温枪", "支", "equipment", 1, 8),
    ("84消毒液", "瓶", "disinfectant", 30, 300),
    ("75%医用酒精", "斤", "disinfectant", 20, 0),
    ("医用酒精（桶装）", "桶", "disinfectant", 1, 0),
]
# station, its checkpoint, who records there; then, per item: (transferred, issued)
STATIONS = [
    ("城关派出所", "城关东出口卡点", "chief1"),
    ("白云山派出所", "白云山高速出口检查站", "chief2"),
    ("通镇派出所", "通镇国道检查站", "commander"),
]
FLOWS = {
    "医用外科口罩": [(5000, 4200), (4000, 3800), (4000, 3500)],
    "一次性医用手套": [(2000, 1900), (2000, 1800), (1800, 1600)],
    "护目镜": [(40, 35), (35, 33), (32, 32)],
    "红外体温枪": [(2, 2), (2, 2), (2, 2)],
}
ISSUE_DAYS = 9
RECIPIENTS = ["张明", "赵磊", "刘强", "孙丽"]
DONATIONS = [
    # name, organisation, mobile, item, quantity, thanked
    ("刘德明", "", "13909121101", "医用酒精（桶装）", 5, True),
    ("王秀兰", "城关镇个体工商户", "", "75%医用酒精", 170, False),
    ("陈志强", "清河县恒通商贸有限公司", "13909121103", "医用外科口罩", 400, False),
]


def _at(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _daily(total: int, days: int) -> list[int]:
    """`total` spread over `days`, the remainder on the last day."""
    share = total // days
    return [share] * (days - 1) + [total - share * (days - 1)]


def load() -> None:
    bureau = Unit.objects.filter(name=BUREAU).first()
    if bureau is None or Item.objects.filter(unit=bureau, name="医用外科口罩").exists():
        return
    units = {unit.name: unit for unit in Unit.objects.all()}
    people = {user.username: user for user in User.objects.select_related("unit")}
    commander = people["commander"]
    items = {}
    for name, measure, category, threshold, received in CATALOGUE:
        items[name] = item_create(
            actor=commander,
            unit=bureau,
            name=name,
            unit_of_measure=measure,
            category=category,
            low_stock_threshold=threshold,
        )
        if received:
            movement_record(
                actor=commander,
                unit=bureau,
                item=items[name],
                kind="received",
                quantity=received,
                note="县疫情防控指挥部物资保障组调拨",
                occurred_at=_at(12, 9),
            )
    for name, flows in FLOWS.items():
        for (station, post, username), (transferred, issued) in zip(STATIONS, flows, strict=True):
            movement_record(
                actor=commander,
                unit=bureau,
                item=items[name],
                kind="transferred",
                quantity=transferred,
                to_unit=units[station],
                occurred_at=_at(11, 10),
            )
            for n, quantity in enumerate(_daily(issued, ISSUE_DAYS)):
                if quantity:
                    movement_record(
                        actor=people[username],
                        unit=units[station],
                        item=items[name],
                        kind="issued",
                        quantity=quantity,
                        to_unit=units[post],
                        recipient=RECIPIENTS[n % len(RECIPIENTS)],
                        occurred_at=_at(ISSUE_DAYS - n, 8),
                    )
    chief = people["chief1"]
    chengguan = units["城关派出所"]
    for name, organisation, mobile, item, quantity, thanked in DONATIONS:
        gift = movement_record(
            actor=chief,
            unit=chengguan,
            item=items[item],
            kind="donated",
            quantity=quantity,
            donor_details={"name": name, "organisation": organisation, "contact": mobile},
            occurred_at=_at(6, 15),
        )
        if thanked:
            donor_thank(actor=chief, donor=gift.donor)
    movement_record(
        actor=chief,
        unit=chengguan,
        item=items["护目镜"],
        kind="written_off",
        quantity=2,
        reason="镜片破裂",
        occurred_at=_at(3, 17),
    )
    twice = movement_record(
        actor=chief,
        unit=chengguan,
        item=items["医用外科口罩"],
        kind="issued",
        quantity=100,
        to_unit=units["城关东出口卡点"],
        recipient="张明",
        occurred_at=_at(2, 8),
    )
    movement_reverse(actor=chief, movement=twice, reason="同一批发放重复登记")
