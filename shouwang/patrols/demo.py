"""Scenarios 3, 4 and 5 in the demo bureau: patrols, drones, the video room, post inspections.

The county's task force has 6 drones (loudspeakers over sealed areas) and patrol cars; 城关's
video room watches a handful of its cameras (of 112) and at 4 am spots an out-of-town plate on
the tourist road: the nearest checkpoint turns the car back. It sees a crowd at 石门村's shop
and the patrol nearby disperses it; a night patrol catches a mahjong game, penalised; officers
persuade people to mask. The inspection team checks posts unannounced: one rectified and closed,
one rectifying, one overdue.

Idempotent: nothing is made when 城关's video system already exists.
"""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.cases.services import case_decide
from shouwang.checkpoints.models import Checkpoint
from shouwang.checkpoints.services import checkpoint_update, passage_register
from shouwang.units.models import Unit

from .models import FindingKind, PatrolKind, VehicleKind, VideoSystem
from .services import (
    camera_register,
    finding_record,
    flight_record,
    patrol_end,
    patrol_start,
    post_inspection_close,
    post_inspection_record,
    post_inspection_report,
    vehicle_register,
    vehicle_set_status,
    video_alert_close,
    video_alert_dispatch,
    video_alert_ingest,
    video_system_create,
)

SYSTEM = "城关视频监控中心"
DEMO_NAMESPACE = uuid.UUID("8a4f2b7e-3c1d-4e5f-9a6b-7c8d9e0f1a2b")
# Checkpoints on the map (only where the checkpoint has none yet): name → (lat, lng).
POSTS = {
    "城关东出口卡点": ("34.302100", "108.951300"),
    "北门社区卡点": ("34.318400", "108.934800"),
    "白云山高速出口检查站": ("34.251600", "108.872900"),
    "石门村村口": ("34.236800", "108.851200"),
    "通镇国道检查站": ("34.355200", "109.012700"),
}
# code, name, unit, lat, lng (a handful of the 112)
CAMERAS = [
    ("CG-001", "S204旅游公路东口", "城关派出所", "34.300900", "108.957800"),
    ("CG-002", "城关东出口卡点", "城关东出口卡点", "34.302200", "108.951100"),
    ("CG-003", "人民路十字", "城关派出所", "34.309700", "108.940200"),
    ("CG-004", "北门社区正门", "北门社区", "34.318300", "108.934600"),
    ("CG-005", "南关农贸市场", "南关社区", "34.296100", "108.938800"),
    ("BY-001", "石门村小卖部", "石门村", "34.237500", "108.853000"),
    ("BY-002", "白云村村委会", "白云村", "34.244100", "108.861500"),
    ("BY-003", "G65白云山出口", "白云山高速出口检查站", "34.251300", "108.873400"),
]
FLEET = [
    # unit, kind, code, model, loudspeaker
    ("清河县公安局", VehicleKind.DRONE, "UAV-01", "大疆 M300 RTK", True),
    ("清河县公安局", VehicleKind.DRONE, "UAV-02", "大疆 M300 RTK", True),
    ("清河县公安局", VehicleKind.DRONE, "UAV-03", "大疆 Mavic 2 行业版", True),
    ("清河县公安局", VehicleKind.DRONE, "UAV-04", "大疆 Mavic 2 行业版", True),
    ("城关派出所", VehicleKind.DRONE, "UAV-05", "大疆 Mavic 2 行业版", True),
    ("白云山派出所", VehicleKind.DRONE, "UAV-06", "大疆 Mavic 2 行业版", False),
    ("清河县公安局", VehicleKind.CAR, "陕K0110警", "比亚迪 秦", False),
    ("清河县公安局", VehicleKind.CAR, "陕K0111警", "比亚迪 秦", False),
    ("交通管理大队", VehicleKind.CAR, "陕K0122警", "大众 帕萨特", True),
    ("城关派出所", VehicleKind.CAR, "陕K0131警", "长安 CS75", True),
    ("城关派出所", VehicleKind.CAR, "陕K0132警", "长安 CS75", False),
    ("城关派出所", VehicleKind.MOTORCYCLE, "陕K0133警", "春风 650", False),
    ("白云山派出所", VehicleKind.CAR, "陕K0141警", "江铃 驭胜", True),
    ("通镇派出所", VehicleKind.CAR, "陕K0151警", "江铃 驭胜", False),
]
BROADCAST = (
    "各位居民请注意：疫情防控期间，请不要外出、不要聚集、不串门，出门必须佩戴口罩。"
    "有发热、咳嗽等症状请及时联系社区。感谢您的配合！"
)


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _last(hour: int, minute: int = 0) -> datetime:
    """The latest past moment at this local time (today's if passed, else yesterday's)."""
    now = timezone.localtime()
    moment = _at(now.date(), hour, minute)
    return moment if moment <= now - timedelta(minutes=30) else moment - timedelta(days=1)


def load() -> None:
    if VideoSystem.objects.filter(name=SYSTEM).exists():
        return
    units = {unit.name: unit for unit in Unit.objects.all()}
    users = {user.username: user for user in User.objects.filter(unit__isnull=False)}
    posts = _map_posts(users["commander"])
    fleet = _fleet(units, users)
    _video_room(units, users, posts, fleet)
    _patrols(units, users, fleet)
    _inspections(users, posts)


def _map_posts(commander) -> dict[str, Checkpoint]:
    posts = {c.name: c for c in Checkpoint.objects.filter(name__in=POSTS).select_related("unit")}
    for name, checkpoint in posts.items():
        if checkpoint.latitude is None:
            lat, lng = POSTS[name]
            checkpoint_update(
                actor=commander,
                checkpoint=checkpoint,
                name=checkpoint.name,
                kind=checkpoint.kind,
                location=checkpoint.location,
                latitude=Decimal(lat),
                longitude=Decimal(lng),
                is_24h=checkpoint.is_24h,
                opens_at=checkpoint.opens_at,
                closes_at=checkpoint.closes_at,
                party_member_post=checkpoint.party_member_post,
            )
    return posts


def _fleet(units, users) -> dict:
    fleet = {}
    for unit_name, kind, code, model_name, loudspeaker in FLEET:
        fleet[code] = vehicle_register(
            actor=users["commander"],
            unit=units[unit_name],
            data={
                "kind": kind,
                "code": code,
                "model_name": model_name,
                "has_loudspeaker": loudspeaker,
            },
        )
    vehicle_set_status(
        actor=users["commander"],
        vehicle=fleet["陕K0111警"],
        status="maintenance",
        reason="前挡风玻璃破损，送修至周五",
    )
    return fleet


def _video_room(units, users, posts, fleet) -> None:
    chief, duty = users["chief1"], users["duty1"]
    system, _token = video_system_create(actor=chief, unit=units["城关派出所"], name=SYSTEM)
    county, _token = video_system_create(
        actor=users["admin"], unit=units["清河县公安局"], name="县局视频专网"
    )
    for code, name, unit_name, lat, lng in CAMERAS:
        camera_register(
            actor=users["admin"],
            unit=units[unit_name],
            system=system if code.startswith("CG") else county,
            code=code,
            data={"name": name, "latitude": Decimal(lat), "longitude": Decimal(lng)},
        )
    # 4 am: a Hubei car on the tourist road; the nearest checkpoint turns it back.
    four_am = _last(4, 7)
    plate = video_alert_ingest(
        system=system,
        system_event_id="CG-20200203-0407-001",
        camera="CG-001",
        kind="out_of_town_plate",
        occurred_at=four_am,
        plate="鄂A7M2Q9",
    ).alert
    east = posts.get("城关东出口卡点")
    if east is not None:
        video_alert_dispatch(
            actor=duty,
            alert=plate,
            checkpoint=east,
            distance_m=553,
            at=four_am + timedelta(minutes=2),
        )
        passage_register(
            actor=users["officer1"],
            data={
                "client_id": str(uuid.uuid5(DEMO_NAMESPACE, "turned-back-4am")),
                "checkpoint": east.pk,
                "occurred_at": (four_am + timedelta(minutes=9)).isoformat(),
                "direction": "in",
                "plate": "鄂A7M2Q9",
                "vehicle_kind": "car",
                "occupants_count": 2,
                "origin": "湖北省武汉市",
                "purpose": "旅游",
                "disposition": "turned_back",
            },
        )
        video_alert_close(
            actor=duty,
            alert=plate,
            outcome="turned_back",
            note="城关东出口卡点4:16拦截，车内2人自武汉来，已劝返",
            at=four_am + timedelta(minutes=12),
        )
    # A new crowd on the market's camera, waiting in the queue.
    video_alert_ingest(
        system=system,
        system_event_id="CG-20200203-0930-014",
        camera="CG-005",
        kind="gathering",
        occurred_at=timezone.now() - timedelta(minutes=40),
    )


def _patrols(units, users, fleet) -> None:
    officer1, officer2, chief1, chief2 = (
        users[name] for name in ("officer1", "officer2", "chief1", "chief2")
    )
    today = timezone.localdate()
    # 城关: yesterday's car patrol through town, masks and a crowd.
    car = patrol_start(
        actor=officer1,
        unit=units["城关派出所"],
        kind=PatrolKind.CAR,
        area="人民路—南关农贸市场—S204旅游公路",
        vehicle=fleet["陕K0131警"],
        started_at=_at(today - timedelta(days=1), 9),
        officers=[users["auxiliary1"]],
    )
    finding_record(
        actor=officer1,
        patrol=car,
        kind=FindingKind.MASK_PERSUADED,
        note="农贸市场6名群众未戴口罩，已劝导佩戴",
        people_count=6,
        place="南关农贸市场",
        occurred_at=_at(today - timedelta(days=1), 9, 40),
    )
    finding_record(
        actor=officer1,
        patrol=car,
        kind=FindingKind.CROWD_DISPERSED,
        note="人民路十字路口10余人围观下棋，已劝散",
        people_count=12,
        place="人民路十字",
        occurred_at=_at(today - timedelta(days=1), 10, 15),
    )
    finding_record(
        actor=officer1,
        patrol=car,
        kind=FindingKind.TIP,
        note="商户反映北门社区3号楼有人从武汉返回未报备",
        place="北门社区3号楼",
        tip_category="key_area_arrival",
        occurred_at=_at(today - timedelta(days=1), 10, 50),
    )
    patrol_end(actor=officer1, patrol=car, ended_at=_at(today - timedelta(days=1), 11, 30))
    # 城关: a loudspeaker drone over 北门社区.
    drone = patrol_start(
        actor=chief1,
        unit=units["城关派出所"],
        kind=PatrolKind.DRONE,
        area="北门社区上空",
        vehicle=fleet["UAV-05"],
        started_at=_at(today - timedelta(days=1), 15),
    )
    flight_record(
        actor=chief1,
        patrol=drone,
        took_off_at=_at(today - timedelta(days=1), 15, 5),
        landed_at=_at(today - timedelta(days=1), 15, 28),
        area="北门社区1—8号楼",
        broadcast_text=BROADCAST,
    )
    patrol_end(actor=chief1, patrol=drone, ended_at=_at(today - timedelta(days=1), 15, 40))
    # 白云山: last night's foot patrol catches a mahjong game; the case is penalised.
    night = patrol_start(
        actor=officer2,
        unit=units["白云山派出所"],
        kind=PatrolKind.FOOT,
        area="石门村—白云村夜间巡逻",
        started_at=_at(today - timedelta(days=1), 21),
    )
    mahjong = finding_record(
        actor=officer2,
        patrol=night,
        kind=FindingKind.VIOLATION,
        note="石门村一村民家中4人聚集打麻将，现场查获赌资",
        people_count=4,
        place="石门村二组",
        case_kind="gambling_gathering",
        occurred_at=_at(today - timedelta(days=1), 22, 10),
    )
    patrol_end(actor=officer2, patrol=night, ended_at=_at(today - timedelta(days=1), 23, 30))
    case_decide(actor=chief2, case=mahjong.case, warning=True, fine_amount=500, note="当场收缴赌资")
    # 白云山: on patrol now, sent to the crowd the shop's camera saw.
    now_patrol = patrol_start(
        actor=officer2,
        unit=units["白云山派出所"],
        kind=PatrolKind.CAR,
        area="白云村—石门村",
        vehicle=fleet["陕K0141警"],
        started_at=timezone.now() - timedelta(hours=1),
    )
    county = VideoSystem.objects.get(name="县局视频专网")
    shop = video_alert_ingest(
        system=county,
        system_event_id="XJ-BY-001-7781",
        camera="BY-001",
        kind="gathering",
        occurred_at=timezone.now() - timedelta(minutes=45),
    ).alert
    video_alert_dispatch(
        actor=chief2, alert=shop, patrol=now_patrol, at=timezone.now() - timedelta(minutes=43)
    )
    finding_record(
        actor=officer2,
        patrol=now_patrol,
        kind=FindingKind.CROWD_DISPERSED,
        note="视频告警：石门村小卖部门口8人聚集闲聊，已劝散",
        people_count=8,
        place="石门村小卖部",
        occurred_at=timezone.now() - timedelta(minutes=30),
    )
    video_alert_close(
        actor=chief2,
        alert=shop,
        outcome="dispersed",
        note="巡逻组到场劝散8人",
        at=timezone.now() - timedelta(minutes=28),
    )
    # The county's drones over the sealed area, this morning.
    county_drone = patrol_start(
        actor=chief1,
        unit=units["城关派出所"],
        kind=PatrolKind.DRONE,
        area="南关社区封控区",
        vehicle=fleet["UAV-05"],
        started_at=timezone.now() - timedelta(minutes=50),
    )
    flight_record(
        actor=chief1,
        patrol=county_drone,
        took_off_at=timezone.now() - timedelta(minutes=45),
        area="南关社区封控区",
        broadcast_text="封控区内居民请居家，生活物资由社区统一配送，请勿下楼。",
    )


def _inspections(users, posts) -> None:
    commander, chief1 = users["commander"], users["chief1"]
    today = timezone.localdate()
    east = posts.get("城关东出口卡点")
    if east is not None:
        closed = post_inspection_record(
            actor=commander,
            checkpoint=east,
            checklist={
                "staffing": (False, "夜班应在岗3人，实到1人"),
                "gear": (True, ""),
                "duty_records": (True, ""),
                "temperature": (True, ""),
            },
            inspected_at=_at(today - timedelta(days=4), 2, 30),
            team="县局督查组",
            staff_present=1,
            deadline=today - timedelta(days=2),
        )
        post_inspection_report(
            actor=chief1, inspection=closed, rectification="夜班增派2名辅警，排班表已调整"
        )
        post_inspection_close(
            actor=commander, inspection=closed, accepted=True, note="复查夜班3人在岗"
        )
    town = posts.get("通镇国道检查站")
    if town is not None:
        post_inspection_record(
            actor=commander,
            checkpoint=town,
            checklist={
                "staffing": (True, ""),
                "gear": (False, "缺护目镜，测温枪1把电量不足"),
                "duty_records": (False, "值守登记本缺昨夜记录"),
                "disinfection": (True, ""),
            },
            inspected_at=_at(today - timedelta(days=1), 14),
            team="县局督查组",
            staff_present=4,
            deadline=today + timedelta(days=2),
        )
    highway = posts.get("白云山高速出口检查站")
    if highway is not None:
        post_inspection_record(
            actor=commander,
            checkpoint=highway,
            checklist={"signage": (False, "未公示劝返告知书"), "staffing": (True, "")},
            inspected_at=_at(today - timedelta(days=5), 10),
            team="县局督查组",
            deadline=today - timedelta(days=1),
        )
