"""Scenario 3's task force at 城关派出所, and scenario 4's volunteers at their posts.

Leave is cancelled at 城关 and 白云山 (一级响应); officers of 白云山 and 通镇 are seconded to 城关;
the checkpoint 城关东出口卡点 is stood in three shifts of eight hours (22:00–06:00 the night
shift) by pairs of officers, last week, this week and next; the duty desk in two shifts of
twelve; volunteers of the 青年志愿者协会 and the 平安协会 stand the community gate, the
screening point and the checkpoint's registration desk. One night shift the day after tomorrow
was cancelled (the officer became a close contact): the coverage check shows that one gap.

Idempotent: it does nothing once the checkpoint's post exists.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.checkpoints.models import Checkpoint
from shouwang.units.models import Unit

from .models import Post, PostKind, Shift, StaffKind, StaffStatus
from .services import (
    leave_cancel_for_unit,
    post_create,
    shift_cancel,
    staff_create,
    staff_of_user,
    staff_status_set,
    week_assign,
)
from .times import at_local, week_start_of

MAIN_POST = "城关东出口卡点执勤岗"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = [
    "建军",
    "海峰",
    "志刚",
    "晓东",
    "国庆",
    "卫平",
    "振华",
    "永强",
    "红梅",
    "丽娟",
    "春生",
    "文博",
]
YOUTH = "青年志愿者协会"
SAFETY = "城关平安协会"


def _names(start: int, count: int) -> list[str]:
    """Names number `start` to `start + count - 1`: no two alike below 60 (20 surnames, 12 names)."""
    return [
        SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]
        for n in range(start, start + count)
    ]


def load() -> None:
    units = {unit.name: unit for unit in Unit.objects.all()}
    users = {user.username: user for user in User.objects.all()}
    if "城关派出所" not in units or "chief1" not in users:
        return
    if Post.objects.filter(name=MAIN_POST).exists():
        return
    with transaction.atomic():
        _load(units, users)


def _load(units: dict[str, Unit], users: dict[str, User]) -> None:
    chief, chief2, commander = users["chief1"], users["chief2"], users["commander"]
    today = timezone.localdate()
    chengguan = units["城关派出所"]

    # The station's own people: accounts first, then officers and auxiliaries without one.
    me = {
        name: staff_of_user(actor=actor, user=users[name])
        for name, actor in (
            ("officer1", chief),
            ("auxiliary1", chief),
            ("volunteer1", chief),
            ("duty1", chief),
            ("officer2", chief2),
        )
        if name in users
    }
    officers = [
        staff_create(actor=chief, unit=chengguan, kind=StaffKind.OFFICER, name=name)
        for name in _names(0, 8)
    ]
    auxiliaries = [
        staff_create(actor=chief, unit=chengguan, kind=StaffKind.AUXILIARY, name=name)
        for name in _names(8, 3)
    ]

    # Leave cancelled (一级响应): three at 城关 and two at 白云山 were on leave.
    baiyun = [
        staff_create(actor=chief2, unit=units["白云山派出所"], kind=StaffKind.OFFICER, name=name)
        for name in _names(11, 6)
    ]
    for person in (*officers[5:8], *baiyun[4:6]):
        home_chief = chief if person.unit_id == chengguan.pk else chief2
        staff_status_set(
            actor=home_chief,
            staff=person,
            status=StaffStatus.LEAVE,
            reason="春节休假",
            status_from=today - timedelta(days=10),
            status_until=today + timedelta(days=7),
        )
    leave_cancel_for_unit(actor=chief, unit=chengguan, reason="启动一级响应，全员取消休假")
    leave_cancel_for_unit(
        actor=chief2, unit=units["白云山派出所"], reason="启动一级响应，全员取消休假"
    )

    # Officers of 白云山 and 通镇 seconded to 城关's task force for two weeks.
    tongzhen = [
        staff_create(actor=commander, unit=units["通镇派出所"], kind=StaffKind.OFFICER, name=name)
        for name in _names(17, 2)
    ]
    seconded = [*baiyun[:4], *tongzhen]
    for person in seconded:
        staff_status_set(
            actor=commander,
            staff=person,
            status=StaffStatus.SECONDED,
            reason="抽调支援城关疫情防控专班",
            status_from=today - timedelta(days=7),
            status_until=today + timedelta(days=14),
            seconded_to=chengguan,
        )
    staff_status_set(
        actor=chief,
        staff=auxiliaries[2],
        status=StaffStatus.ISOLATING,
        reason="确诊病例密切接触者，集中隔离观察",
        status_from=today - timedelta(days=2),
        status_until=today + timedelta(days=12),
    )
    staff_status_set(
        actor=chief,
        staff=officers[4],
        status=StaffStatus.SICK,
        reason="连续值守后发热，居家休息",
        status_from=today,
        status_until=today + timedelta(days=2),
    )

    # Volunteers (no accounts) of two associations, with their phones.
    youth = [
        staff_create(
            actor=chief,
            unit=units["北门社区"],
            kind=StaffKind.VOLUNTEER,
            name=name,
            association=YOUTH,
            phone=f"1390912{3100 + n:04d}",
        )
        for n, name in enumerate(_names(19, 4))
    ]
    safety = staff_create(
        actor=chief,
        unit=units["南关社区"],
        kind=StaffKind.VOLUNTEER,
        name="孙建华",
        association=SAFETY,
        phone="13909123200",
    )

    checkpoints = {cp.name: cp for cp in Checkpoint.objects.all()}
    checkpoint_post = post_create(
        actor=chief,
        unit=units["城关东出口卡点"],
        data={
            "name": MAIN_POST,
            "kind": PostKind.CHECKPOINT,
            "checkpoint": checkpoints.get("城关东出口卡点"),
            "required_staff": 2,
            "is_24h": True,
            "note": "24小时值守，三班倒",
        },
    )
    desk = post_create(
        actor=chief,
        unit=chengguan,
        data={
            "name": "城关派出所值班室",
            "kind": PostKind.DUTY_DESK,
            "required_staff": 1,
            "is_24h": True,
        },
    )
    gate = post_create(
        actor=chief,
        unit=units["北门社区"],
        data={
            "name": "北门社区卡口",
            "kind": PostKind.RESIDENTIAL,
            "checkpoint": checkpoints.get("北门社区卡点"),
            "required_staff": 2,
            "is_24h": False,
            "opens_at": time(7),
            "closes_at": time(19),
            "note": "青年志愿者协会值守：登记出入、测温",
        },
    )
    screening = post_create(
        actor=chief,
        unit=units["南关社区"],
        data={
            "name": "南关社区排查点",
            "kind": PostKind.SCREENING_POINT,
            "required_staff": 1,
            "is_24h": False,
            "opens_at": time(9),
            "closes_at": time(17),
        },
    )
    volunteer_desk = post_create(
        actor=chief,
        unit=units["城关东出口卡点"],
        data={
            "name": "城关东出口卡点志愿登记岗",
            "kind": PostKind.CHECKPOINT,
            "checkpoint": checkpoints.get("城关东出口卡点"),
            "required_staff": 1,
            "is_24h": False,
            "opens_at": time(8),
            "closes_at": time(20),
        },
    )

    # Last week, this week and next.
    this_monday = week_start_of(today)
    pairs = [
        [me.get("officer1", officers[0]), officers[1]],
        [seconded[0], seconded[1]],
        [seconded[2], officers[2]],
    ]
    for week in range(-1, 2):
        monday = this_monday + timedelta(days=7 * week)
        week_assign(
            actor=chief,
            post=checkpoint_post,
            week_start=monday,
            template="3x8",
            first_hour=6,
            teams=pairs,
        )
        week_assign(
            actor=chief,
            post=desk,
            week_start=monday,
            template="2x12",
            first_hour=8,
            teams=[[me.get("duty1", officers[3])], [officers[3]]],
        )
        week_assign(
            actor=chief,
            post=gate,
            week_start=monday,
            template="2x12",
            first_hour=7,
            teams=[youth[:2], []],
        )
        week_assign(
            actor=chief,
            post=screening,
            week_start=monday,
            template="3x8",
            first_hour=9,
            teams=[[safety], [], []],
        )
        if "volunteer1" in me:
            week_assign(
                actor=chief,
                post=volunteer_desk,
                week_start=monday,
                template="2x12",
                first_hour=8,
                teams=[[me["volunteer1"]], []],
            )

    # The night shift of the day after tomorrow loses one of its pair: the one visible gap.
    night = at_local(today + timedelta(days=2), time(22))
    cancelled = Shift.objects.filter(
        post=checkpoint_post, starts_at=night, staff=officers[2]
    ).first()
    if cancelled is not None:
        shift_cancel(
            actor=chief, shift=cancelled, reason="该民警被判定为密接，需居家隔离，暂缺一人"
        )
