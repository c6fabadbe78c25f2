"""Scenario 5 (Jia County) replayed at a reduced scale through each area's services, with the
figure each record makes: passages (the checkpoints' own 1/100 replay), watched people,
isolations and follow-ups, closed venues with a violation and its case, household visits and
residents' reports."""

from datetime import date, timedelta

from django.utils import timezone

from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_batch_register, passage_void
from shouwang.checkpoints.tests.test_figures import DAY1, DAY2, scenario_five
from shouwang.community.tests.factories import campaign, household, visit
from shouwang.intake.tests.factories import GRIEVANCE, HELP, at_station
from shouwang.people.models import FollowUp
from shouwang.people.services import episode_start, followup_record, watch_record_create
from shouwang.people.tests.factories import id_number, register
from shouwang.venues.services import closure_order_issue, inspection_record
from shouwang.venues.tests.factories import venue

__all__ = ["days", "period", "replay", "passages"]


def days() -> tuple[date, date]:
    """The replay's two days of passages: three and two days ago."""
    today = timezone.localdate()
    return today - timedelta(days=3), today - timedelta(days=2)


def passages(staff, checkpoints) -> None:
    """The checkpoints' own replay, moved from its fixed days to `days()`."""
    first, second = days()
    moves = {
        DAY1.isoformat(): first.isoformat(),
        DAY2.isoformat(): second.isoformat(),
        (DAY1 - timedelta(days=1)).isoformat(): (first - timedelta(days=1)).isoformat(),
    }
    items = scenario_five(checkpoints)
    for item in items:
        day = item["occurred_at"][:10]
        item["occurred_at"] = moves[day] + item["occurred_at"][10:]
    east = [i for i in items if i["checkpoint"] == checkpoints["城关"].pk]
    highway = [i for i in items if i["checkpoint"] == checkpoints["白云山"].pk]
    passage_batch_register(actor=staff["chief1"], items=east)
    passage_batch_register(actor=staff["chief2"], items=highway)
    passage_void(
        actor=staff["chief1"], passage=Passage.objects.get(plate="陕K99998"), reason="重复登记"
    )


def replay(staff, bureau, checkpoints) -> dict[str, int]:
    """Write the records; return the figures they must make for the bureau over `period()`."""
    chief, officer = staff["chief1"], staff["officer1"]
    today = timezone.localdate()
    passages(staff, checkpoints)

    # Three close contacts of a fever case, two of them isolating at home since two days ago.
    people = [
        register(chief, name=name, id_number=id_number(sequence=f"{n:03d}"))
        for n, name in enumerate(("赵一", "钱二", "孙三"), start=11)
    ]
    records = [
        watch_record_create(
            actor=chief, person=person, reason="close_contact", source="department_list"
        )
        for person in people
    ]
    episodes = [
        episode_start(
            actor=chief,
            person=person,
            kind="home",
            start_date=today - timedelta(days=2),
            watch_record=record,
        )
        for person, record in zip(people[:2], records[:2], strict=True)
    ]
    followup_record(actor=officer, episode=episodes[0], due_date=today, temperature="36.5")

    # 14 stations close KTVs, internet cafés, hotels and mahjong parlours (here: one station).
    for kind, names in (
        ("ktv", ["金色年华KTV", "星光KTV"]),
        ("internet_cafe", ["极速网吧"]),
        ("hotel", ["如家宾馆", "城关旅社", "车站招待所"]),
        ("mahjong_room", ["老王棋牌室", "幸福麻将馆"]),
    ):
        for name in names:
            venue(chief, kind=kind, name=name)
    closure_order_issue(
        actor=chief,
        unit=chief.unit,
        legal_basis="县疫情防控指挥部第3号通告",
        kinds=["ktv", "internet_cafe", "hotel", "mahjong_room"],
    )
    from shouwang.venues.models import Venue

    inspection_record(
        actor=officer,
        venue=Venue.objects.get(name="星光KTV"),
        result="violation",
        notes="回访发现仍在营业，包间内有顾客8人",
    )

    # Screening: three households of 北门社区, one visited twice.
    drive = campaign(chief, [bureau["北门社区"]])
    homes = [household(chief, bureau["北门社区"], room=room) for room in ("101", "102", "201")]
    for home in [*homes, homes[0]]:
        visit(officer, drive, home, visitors=[officer, staff["auxiliary1"]])

    # Residents' reports at the station.
    at_station(bureau, HELP)
    at_station(bureau, GRIEVANCE)

    return {
        "checkpoints": 2,
        "vehicles_passed": 52,
        "vehicles_registered": 4,
        "vehicle_turn_backs": 70,
        "people_checked": 122,
        "people_turned_back": 240,
        "people_handed_over": 3,
        # The three contacts, and the fever case handed over at the highway checkpoint.
        "watched_people": 4,
        "isolating": 2,
        "isolations_started": 2,
        "followups_done": 1,
        "followups_due": FollowUp.objects.filter(due_date__lte=today).count(),
        "stations": 3,
        "venues_closed": 8,
        "ktv_closed": 2,
        "internet_cafes_closed": 1,
        "hotels_closed": 3,
        "mahjong_rooms_closed": 2,
        "inspections": 1,
        "violations": 1,
        "price_gouging": 0,
        "cases": 1,
        "screening_person_times": 8,
        "screening_points": 0,
        "households_screened": 3,
        "reports_received": 2,
        "reports_resolved": 0,
        "reports_overdue": 0,
    }


def period() -> tuple[date, date]:
    return days()[0], timezone.localdate()
