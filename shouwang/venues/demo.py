"""Scenarios 1, 4 and 5 in the demo bureau.

The county closes its KTVs, internet cafés, hotels and mahjong parlours (2, 2, 43 and 121 with
城关's card rooms) and 城关 its gyms and activity centres; closed venues are re-inspected daily
(城关 and 白云山 up to date; 通镇, which has no demo accounts, behind: overdue on today's list);
2 pharmacies gouge mask prices, a pork seller defies the order, a hotel keeps taking guests and
a night patrol catches a mahjong game: each becomes a case and is penalised.

Idempotent: nothing is made when the county's order already exists.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.cases.models import CaseKind
from shouwang.cases.services import Party, case_decide, case_party_add
from shouwang.identity.credit_codes import credit_code_check_character
from shouwang.identity.id_numbers import id_check_character
from shouwang.people.services import person_register
from shouwang.units.models import Unit

from .models import ClosureOrder, Inspection, InspectionResult, Venue, VenueKind
from .services import (
    closure_acknowledge,
    closure_order_issue,
    inspection_record,
    price_check_record,
    price_item_save,
    venue_register,
    venue_values,
)

COUNTY_ORDER = "清防指发〔2020〕3号"
STATION_ORDER = "城公关停〔2020〕1号"
BASIS = "《中华人民共和国突发事件应对法》第四十九条、县疫情防控指挥部第3号通告"
# Where the county's venues are (a station, its communities and villages), and their street.
PLACES = [
    ("城关派出所", "城关镇人民路"),
    ("北门社区", "北门社区"),
    ("南关社区", "南关社区"),
    ("白云山派出所", "白云山镇"),
    ("白云村", "白云村"),
    ("石门村", "石门村"),
    ("通镇派出所", "通镇大街"),
    ("通镇社区", "通镇社区"),
]
COUNTY_KINDS = [
    (VenueKind.KTV, 2, "KTV"),
    (VenueKind.INTERNET_CAFE, 2, "网吧"),
    (VenueKind.HOTEL, 43, "宾馆"),
    (VenueKind.MAHJONG_ROOM, 118, "麻将馆"),
]
# Scenario 1 at 城关: the station closes these itself and re-inspects them daily.
CHENGGUAN = [
    (VenueKind.GYM, "城关全民健身中心"),
    (VenueKind.GYM, "力美健身房"),
    (VenueKind.ACTIVITY_CENTRE, "城关老年活动中心"),
    (VenueKind.ACTIVITY_CENTRE, "北门社区文化活动中心"),
    (VenueKind.MAHJONG_ROOM, "汇景小区棋牌室"),
    (VenueKind.MAHJONG_ROOM, "东街棋牌室"),
    (VenueKind.MAHJONG_ROOM, "幸福路棋牌室"),
]
GAMBLERS = [
    ("陈立军", "19720315", "411"),
    ("吴桂芳", "19680922", "422"),
    ("徐国强", "19750107", "433"),
    ("黄志明", "19800818", "444"),
]
SURNAMES = "王李张刘陈杨赵黄周吴"


def _code(n: int) -> str:
    body = f"92610824{n:09d}"
    return body + credit_code_check_character(body)


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Demo:
    """The demo's accounts and units, and who works at each station."""

    def __init__(self) -> None:
        self.users = {user.username: user for user in User.objects.filter(is_active=True)}
        self.units = {unit.name: unit for unit in Unit.objects.all()}
        self.today = timezone.localdate()
        self.start = self.today - timedelta(days=9)
        # station → (chief, field officer); 通镇 has no demo accounts.
        self.staff = {
            "城关派出所": (self.users["chief1"], self.users["auxiliary1"]),
            "白云山派出所": (self.users["chief2"], self.users["officer2"]),
        }

    def station_of(self, unit: Unit) -> str:
        return next(
            name
            for name in ("城关派出所", "白云山派出所", "通镇派出所")
            if unit.path.startswith(self.units[name].path)
        )

    def venue(self, unit: Unit, kind: str, name: str, number: int, **extra) -> Venue:
        data = {
            "kind": kind,
            "name": name,
            "address": extra.pop("address", f"{name}门店"),
            "owner_name": SURNAMES[number % 10] + "某",
            "owner_phone": f"1390913{number:04d}",
            "credit_code": _code(number),
        }
        chief = self.staff.get(self.station_of(unit), (None, None))[0]
        if chief is None:  # no account at this station: the register as the bureau keeps it
            return Venue.objects.create(
                unit=unit, status_changed_at=timezone.now(), **venue_values(data)
            )
        return venue_register(actor=chief, unit=unit, data=data, **extra)


def load() -> None:
    if ClosureOrder.objects.filter(document_number=COUNTY_ORDER).exists():
        return
    demo = Demo()
    chengguan = [
        demo.venue(demo.units["城关派出所"], kind, name, number, officer=demo.users["officer1"])
        for number, (kind, name) in enumerate(CHENGGUAN, start=1)
    ]
    number = len(CHENGGUAN)
    for kind, count, label in COUNTY_KINDS:
        for index in range(count):
            number += 1
            place, street = PLACES[number % len(PLACES)]
            demo.venue(demo.units[place], kind, f"{street}{label}{index + 1}", number)
    _orders(demo, chengguan)
    _routine_inspections(demo)
    _gouging_pharmacies(demo)
    _pork_seller(demo)
    _hotel_operating(demo)
    _night_mahjong(demo, chengguan)


def _orders(demo: Demo, chengguan: list[Venue]) -> None:
    """Scenario 1: 城关 closes its gyms, activity centres and card rooms; then the county the rest."""
    station = closure_order_issue(
        actor=demo.users["chief1"],
        unit=demo.units["城关派出所"],
        kinds=[VenueKind.GYM, VenueKind.ACTIVITY_CENTRE],
        venue_ids=[venue.pk for venue in chengguan if venue.kind == VenueKind.MAHJONG_ROOM],
        legal_basis=BASIS,
        effective_at=_at(demo.start - timedelta(days=1), 8),
        document_number=STATION_ORDER,
        note="关停人员聚集的公共复杂场所，每日回访巡查",
    )
    county = closure_order_issue(
        actor=demo.users["commander"],
        unit=demo.units["清河县公安局"],
        kinds=[kind for kind, _count, _label in COUNTY_KINDS],
        legal_basis=BASIS,
        effective_at=_at(demo.start, 0),
        document_number=COUNTY_ORDER,
        note="全县KTV、网吧、宾馆、麻将馆暂停营业",
    )
    for order, day in ((station, demo.start - timedelta(days=1)), (county, demo.start)):
        entries = order.entries.select_related("venue__unit").order_by("pk")
        for index, entry in enumerate(entries):
            officer = demo.staff.get(demo.station_of(entry.venue.unit), (None, None))[1]
            # 通镇 has nobody to record it, and three 城关 owners have not signed yet.
            if officer is None or (order == county and index < 3):
                continue
            closure_acknowledge(
                actor=officer,
                entry=entry,
                name=entry.venue.owner_name,
                acknowledged_at=_at(day, 9 + index % 8, index % 60),
            )


def _routine_inspections(demo: Demo) -> None:
    """Daily compliant re-inspections up to yesterday, stored in bulk, where a station has staff."""
    rows, schedule = [], []
    yesterday = demo.today - timedelta(days=1)
    venues = Venue.objects.filter(next_inspection_on__isnull=False).select_related("unit")
    for venue in venues:
        officer = demo.staff.get(demo.station_of(venue.unit), (None, None))[1]
        if officer is None:
            continue
        day = venue.next_inspection_on
        while day <= yesterday:
            rows.append(
                Inspection(
                    venue=venue,
                    inspected_at=_at(day, 10, venue.pk % 50),
                    inspector=officer,
                    result=InspectionResult.COMPLIANT,
                    notes="已停业，门窗关闭，张贴关停通告",
                )
            )
            day += timedelta(days=1)
        venue.next_inspection_on = day
        schedule.append(venue)
    Inspection.objects.bulk_create(rows, batch_size=1000)
    Venue.objects.bulk_update(schedule, ["next_inspection_on"], batch_size=500)


def _gouging_pharmacies(demo: Demo) -> None:
    """Scenario 5: masks at 5 and 3.5 yuan against a 1-yuan reference (20% allowed); one fair."""
    commander = demo.users["commander"]
    masks = price_item_save(
        actor=commander,
        name="一次性医用口罩",
        unit_of_sale="只",
        reference_price="1.00",
        threshold_percent=20,
        note="县市场监管局指导价",
    )
    price_item_save(
        actor=commander,
        name="84消毒液",
        unit_of_sale="瓶",
        reference_price="12.00",
        threshold_percent=30,
    )
    checks = [
        ("白云山派出所", "白云山康泰大药房", "5.00", 5000),
        ("城关派出所", "城关仁和大药房", "3.50", 3000),
        ("城关派出所", "城关百姓大药房", "1.10", 0),
    ]
    for number, (station, name, price, fine) in enumerate(checks, start=401):
        chief, officer = demo.staff[station]
        pharmacy = demo.venue(demo.units[station], VenueKind.PHARMACY, name, number)
        check = price_check_record(
            actor=officer,
            venue=pharmacy,
            item=masks,
            observed_price=price,
            checked_at=_at(demo.today - timedelta(days=8), 10),
        )
        if check.case_id:
            case_decide(
                actor=chief,
                case=check.case,
                warning=True,
                fine_amount=fine,
                note=f"清公（治）行罚决字〔2020〕{number - 400}号",
            )


def _pork_seller(demo: Demo) -> None:
    """Scenario 5: a pork seller keeps selling against the government's order: fined and closed."""
    chief, officer = demo.staff["白云山派出所"]
    stall = demo.venue(
        demo.units["白云村"],
        VenueKind.MARKET,
        "白云村农贸市场张某猪肉摊",
        501,
        address="白云村农贸市场东区12号",
    )
    inspection = inspection_record(
        actor=officer,
        venue=stall,
        result="violation",
        notes="不按政府命令停止经营，继续摆摊销售猪肉",
        case_kind=CaseKind.DEFYING_ORDER,
        inspected_at=_at(demo.today - timedelta(days=6), 9),
    )
    case_decide(
        actor=chief,
        case=inspection.case,
        fine_amount=2000,
        forced_closure=True,
        note="清公（治）行罚决字〔2020〕12号",
    )


def _hotel_operating(demo: Demo) -> None:
    """Scenario 5: a hotel keeps taking guests after the order: fined, its closure enforced."""
    chief, officer = demo.staff["白云山派出所"]
    hotel = (
        Venue.objects.filter(
            kind=VenueKind.HOTEL, unit__path__startswith=demo.units["白云山派出所"].path
        )
        .order_by("pk")
        .first()
    )
    inspection = inspection_record(
        actor=officer,
        venue=hotel,
        result="violation",
        notes="关停期间仍在接待住宿旅客3人",
        unannounced=True,
        inspected_at=_at(demo.today - timedelta(days=5), 21, 30),
    )
    case_decide(
        actor=chief,
        case=inspection.case,
        fine_amount=5000,
        forced_closure=True,
        note="清公（治）行罚决字〔2020〕15号",
    )


def _night_mahjong(demo: Demo, chengguan: list[Venue]) -> None:
    """Scenario 4: at 10 pm a patrol finds 4 people playing mahjong in a closed card room."""
    chief, officer = demo.users["chief1"], demo.users["officer1"]
    room = next(venue for venue in chengguan if venue.name == "汇景小区棋牌室")
    inspection = inspection_record(
        actor=officer,
        venue=room,
        result="violation",
        notes="夜间巡逻发现4人在关停的棋牌室内聚集打麻将",
        unannounced=True,
        case_kind=CaseKind.GAMBLING_GATHERING,
        inspected_at=_at(demo.today - timedelta(days=3), 22, 10),
    )
    for name, birth, sequence in GAMBLERS:
        body = f"610824{birth}{sequence}"
        person = person_register(
            actor=chief,
            unit=chief.unit,
            name=name,
            id_number=body + id_check_character(body),
            current_address="城关镇汇景小区",
        )
        case_party_add(actor=officer, case=inspection.case, party=Party(person=person))
    case_decide(
        actor=chief,
        case=inspection.case,
        warning=True,
        fine_amount=500,
        note="清公（治）行罚决字〔2020〕9号",
    )
