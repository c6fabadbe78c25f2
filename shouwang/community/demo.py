"""Scenarios 2 and 5 at 城关派出所: the households of 北门社区 and 南关社区, a screening campaign
half done (南关 behind 北门, a Wuhan returnee found at 34号楼), and building captains with their
representatives and this week's log (one building still without work, one without a captain).

Idempotent: each part looks for what it makes before making it.
"""

from datetime import timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.demo.bureau import demo_id_number
from shouwang.identity.id_numbers import id_check_character
from shouwang.people.models import WatchReason
from shouwang.units.models import Unit

from .models import ActivityKind, Building, BuildingActivity, BuildingCaptain, Campaign, Household
from .services import (
    Finding,
    activity_record,
    campaign_create,
    captain_assign,
    household_create,
    member_add,
    point_create,
    representative_add,
    visit_record,
)

# community: [(building, entrances, floors)]; two rooms a floor.
BUILDINGS = {
    "北门社区": [("1号楼", 2, 5), ("2号楼", 2, 5), ("7号楼", 1, 6), ("34号楼", 2, 6)],
    "南关社区": [("3号楼", 1, 6), ("5号楼", 2, 4), ("12号楼", 1, 5)],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "秀英", "志强", "丽", "伟", "芳", "敏", "静", "军", "磊", "洋", "勇", "艳", "杰"]
RELATIONS = ["户主", "配偶", "子女"]
CAMPAIGN = "城关派出所春节入户大排查"
# The share of each community's households visited so far: the board shows 南关 first.
DONE = {"北门社区": 0.6, "南关社区": 0.35}
# 34号楼 2单元 601: back from Wuhan; 7号楼 1单元 302: a fever the visit found.
RETURNEE = ("陈晓", "420102", "19960318", "415")
FEVER = "王桂兰"
# The Wuhan-plated car at building 34: a long-time resident's, it has not left the city since 2018.
RESIDENT_CAR = ("34号楼", "2单元", "602", "鄂A3K518")


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]


def _members(n: int) -> list[dict]:
    members = []
    for k in range(1 + n % 3):
        index = n * 3 + k
        member = {"name": _name(index), "relation": RELATIONS[k]}
        if k == 0:
            birth = f"{1950 + index % 50}{index % 12 + 1:02d}{index % 28 + 1:02d}"
            member["id_number"] = demo_id_number(birth, f"{500 + index % 400:03d}")
            member["phone"] = f"1390912{index % 10000:04d}"
        members.append(member)
    return members


def _households(chief: User, units: dict[str, Unit]) -> None:
    n = 0
    for community, buildings in BUILDINGS.items():
        unit = units[community]
        for building, entrances, floors in buildings:
            if Building.objects.filter(unit=unit, name=building).exists():
                continue
            for entrance in range(1, entrances + 1):
                for floor in range(1, floors + 1):
                    for door in (1, 2):
                        room = f"{floor}0{door}"
                        plates = []
                        if (building, f"{entrance}单元", room) == RESIDENT_CAR[:3]:
                            plates = [RESIDENT_CAR[3]]
                        household_create(
                            actor=chief,
                            unit=unit,
                            building=building,
                            entrance=f"{entrance}单元" if entrances > 1 else "1单元",
                            room=room,
                            plates=plates,
                            members=_members(n),
                        )
                        n += 1


def _campaign(chief: User, officers: list[User], units: dict[str, Unit]) -> None:
    if Campaign.objects.filter(name=CAMPAIGN).exists():
        return
    today = timezone.localdate()
    campaign = campaign_create(
        actor=chief,
        name=CAMPAIGN,
        starts_on=today - timedelta(days=4),
        ends_on=today + timedelta(days=10),
        units=[chief.unit],
    )
    points = {
        community: point_create(
            actor=chief,
            campaign=campaign,
            unit=units[community],
            name=f"{community}排查点",
            staff=officers,
        )
        for community in BUILDINGS
    }
    # The returnee lives at 34号楼 2单元 601: the visit that finds him links his member record.
    home = Household.objects.get(
        unit=units["北门社区"], building__name="34号楼", entrance="2单元", room="601"
    )
    member_add(
        actor=chief, household=home, name=RETURNEE[0], id_number=_returnee_id(), relation="子女"
    )
    now = timezone.now()
    for community, share in DONE.items():
        households = list(
            Household.objects.filter(unit=units[community])
            .select_related("unit", "building")
            .order_by("-building__name", "entrance", "room")
        )
        done = households[: int(len(households) * share)]
        for n, household in enumerate(done):
            findings = []
            if household.label == "34号楼 2单元 601":
                findings.append(
                    Finding(
                        reason=WatchReason.KEY_AREA_ARRIVAL,
                        name=RETURNEE[0],
                        id_number=_returnee_id(),
                        from_region_code="420102",
                        arrived_on=today - timedelta(days=3),
                    )
                )
            if household.label == "7号楼 1单元 302":
                findings.append(
                    Finding(reason=WatchReason.FEVER, name=FEVER, note="体温38.1℃，咳嗽")
                )
            visit_record(
                actor=officers[n % len(officers)],
                campaign=campaign,
                household=household,
                visited_at=now - timedelta(hours=2 + (len(done) - n) % 80),
                visitors=officers if n % 3 == 0 else [officers[n % len(officers)]],
                residents_present=1 + (n * 5) % 4,
                answers={"q1": household.label == "34号楼 2单元 601", "q2": False, "q3": True},
                point=points[community],
                findings=findings,
            )
        # Some doors did not open the first time: a second visit, counted once.
        for household in done[:3]:
            visit_record(
                actor=officers[0],
                campaign=campaign,
                household=household,
                visited_at=now - timedelta(minutes=30),
                residents_present=3,
                point=points[community],
            )


def _returnee_id() -> str:
    _name, region, birth, sequence = RETURNEE
    body = f"{region}{birth}{sequence}"
    return body + id_check_character(body)


CAPTAINS = {"34号楼": "officer1", "7号楼": "officer1", "1号楼": "auxiliary1", "3号楼": "officer1"}
REPRESENTATIVES = [
    ("34号楼", "1单元", "马秀珍", "13909125501"),
    ("34号楼", "2单元", "刘桂芳", "13909125502"),
    ("7号楼", "1单元", "赵德明", "13909125503"),
    ("1号楼", "1单元", "孙玉兰", "13909125504"),
]
# (building, kind, days ago, people, note)
LOG = [
    ("34号楼", ActivityKind.STAIRWELL_DISINFECTION, 0, 28, "动员单元代表对各单元公共区域彻底消毒"),
    ("34号楼", ActivityKind.GROUP_NOTICE, 1, None, "楼栋群推送居家防护知识，提醒不传谣、不信谣"),
    ("34号楼", ActivityKind.RESIDENT_VISIT, 8, 2, "走访独居老人，叮嘱少出门、出门戴口罩"),
    ("7号楼", ActivityKind.ENTRANCE_TEMPERATURE, 0, None, "监督物业对出入人员测温"),
    ("7号楼", ActivityKind.RESIDENT_VISIT, 9, 1, "走访刘林玉老人"),
    ("1号楼", ActivityKind.GROUP_NOTICE, 2, None, "推送返包人员报备要求"),
    ("3号楼", ActivityKind.GROUP_NOTICE, 10, None, "推送疫情防控通告"),
]


def _captains(chief: User, staff: dict[str, User], units: dict[str, Unit]) -> None:
    buildings = {
        b.name: b
        for b in Building.objects.filter(unit__in=[units[c] for c in BUILDINGS]).select_related(
            "unit"
        )
    }
    for name, username in CAPTAINS.items():
        if not BuildingCaptain.objects.filter(building=buildings[name]).exists():
            captain_assign(actor=chief, building=buildings[name], officer=staff[username])
    if BuildingActivity.objects.filter(building__in=buildings.values()).exists():
        return
    for name, entrance, person, phone in REPRESENTATIVES:
        representative_add(
            actor=staff[CAPTAINS[name]],
            building=buildings[name],
            entrance=entrance,
            name=person,
            phone=phone,
        )
    now = timezone.now()
    for name, kind, days, people, note in LOG:
        activity_record(
            actor=staff[CAPTAINS[name]],
            building=buildings[name],
            kind=kind,
            happened_at=now - timedelta(days=days, minutes=5),
            people_count=people,
            note=note,
        )


def load() -> None:
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=list(BUILDINGS))}
    staff = {user.username: user for user in User.objects.select_related("unit")}
    chief = staff["chief1"]
    _households(chief, units)
    _campaign(chief, [staff["officer1"], staff["auxiliary1"]], units)
    _captains(chief, staff, units)
