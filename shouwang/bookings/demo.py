"""Scenario 5 in the demo bureau: household, traffic and exit-entry windows move to booked,
no-contact service.

城关's household window (户政) opens on weekdays, 4 residents each half hour; the traffic
brigade's licence window (交管) and the bureau's exit-entry window (出入境) likewise; 白云山 has
its own. A week of slots from today; residents have booked today's morning (officer 张明 marks
them served, one did not come), and the coming days (one slot full, one booking moved, one
cancelled).

Idempotent: nothing is made when 城关's household window already exists.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.units.models import Unit

from .models import BookingStatus, ServiceSlot, ServiceWindow
from .services import (
    booking_cancel,
    booking_create,
    booking_mark,
    booking_move,
    slots_generate,
    window_create,
)

WEEKDAYS = [1, 2, 3, 4, 5]
WINDOWS = [
    (
        "城关派出所",
        "城关派出所户政窗口",
        "household",
        "城关镇人民路12号派出所一楼",
        "办理户口迁移、身份证换领等。请戴口罩、提前10分钟到达，测温后入内；无需排队取号。",
        WEEKDAYS,
        [["09:00", "12:00"], ["14:00", "17:00"]],
        30,
        4,
    ),
    (
        "交通管理大队",
        "交通管理大队车驾管窗口",
        "traffic",
        "清河县环城路88号车管所",
        "驾驶证换证、机动车登记。能网上办理的请先通过“交管12123”办理。",
        [1, 2, 3, 4, 5, 6],
        [["09:00", "11:30"], ["14:30", "17:00"]],
        30,
        3,
    ),
    (
        "清河县公安局",
        "清河县公安局出入境窗口",
        "exit_entry",
        "清河县政务服务中心二楼",
        "护照、往来港澳台通行证。疫情期间非紧急出境事由请暂缓办理。",
        [1, 3, 5],
        [["09:00", "12:00"]],
        60,
        6,
    ),
    (
        "白云山派出所",
        "白云山派出所户政窗口",
        "household",
        "白云山镇中心街3号",
        "",
        [2, 4],
        [["09:00", "11:00"]],
        30,
        2,
    ),
]
# Residents of 城关 who booked today's morning at its household window: (name, time, outcome).
TODAY = [
    ("陈桂兰", "09:00", BookingStatus.SERVED),
    ("刘建华", "09:00", BookingStatus.SERVED),
    ("王秀英", "09:30", BookingStatus.SERVED),
    ("赵志刚", "09:30", BookingStatus.NO_SHOW),
    ("孙红梅", "10:00", None),
    ("周国强", "10:30", None),
    ("吴丽娟", "11:00", None),
]
# The coming days at each window: (window, days ahead, time, names).
AHEAD = [
    ("城关派出所户政窗口", 1, "09:00", ["郑海燕", "冯建军", "蒋丽华", "韩振宇"]),  # full
    ("城关派出所户政窗口", 1, "14:30", ["杨春梅", "朱晓东"]),
    ("城关派出所户政窗口", 2, "10:00", ["许志明"]),
    ("交通管理大队车驾管窗口", 1, "09:30", ["何立新", "高翠兰"]),
    ("交通管理大队车驾管窗口", 2, "15:00", ["罗永强"]),
    ("清河县公安局出入境窗口", 2, "09:00", ["梁晓琳", "宋子航"]),
    ("白云山派出所户政窗口", 2, "09:30", ["唐德胜"]),
]


def _phone(number: int) -> str:
    return f"1370912{number:04d}"


def _slot(window: ServiceWindow, day, clock: str) -> ServiceSlot | None:
    hour, minute = (int(part) for part in clock.split(":"))
    moment = datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())
    return ServiceSlot.objects.filter(window=window, starts_at=moment).first()


def _next_open_day(window: ServiceWindow, today, ahead: int):
    """The `ahead`-th open day of the window after today."""
    day, found = today, 0
    while found < ahead:
        day += timedelta(days=1)
        if day.isoweekday() in window.weekdays:
            found += 1
    return day


def load() -> None:
    if ServiceWindow.objects.filter(name=WINDOWS[0][1]).exists():
        return
    units = {unit.name: unit for unit in Unit.objects.filter(name__in={w[0] for w in WINDOWS})}
    manager = User.objects.get(username="commander")
    chief = User.objects.get(username="chief1")
    officer = User.objects.get(username="officer1")
    chief2 = User.objects.filter(username="chief2").first()
    now = timezone.now()
    today = timezone.localdate()
    start_of_today = datetime.combine(today, time(0, 0), tzinfo=timezone.get_current_timezone())
    windows: dict[str, ServiceWindow] = {}
    for unit_name, name, kind, address, note, weekdays, periods, minutes, places in WINDOWS:
        actor = {"城关派出所": chief, "白云山派出所": chief2}.get(unit_name) or manager
        window = window_create(
            actor=actor,
            unit=units[unit_name],
            data={
                "name": name,
                "kind": kind,
                "address": address,
                "note": note,
                "weekdays": weekdays,
                "periods": periods,
                "slot_minutes": minutes,
                "slot_capacity": places,
            },
        )
        # Today's slots too, the morning's included, so the day's list tells its story.
        slots_generate(actor=actor, window=window, start=today, days=8, now=start_of_today)
        windows[name] = window

    number = 0
    household = windows[WINDOWS[0][1]]
    if today.isoweekday() in household.weekdays:
        for name, clock, outcome in TODAY:
            number += 1
            slot = _slot(household, today, clock)
            booked = booking_create(
                data={"slot": slot.pk, "name": name, "phone": _phone(number)},
                client_address=None,
                now=slot.starts_at - timedelta(days=1),
            )
            if outcome is not None and slot.starts_at <= now:
                booking_mark(actor=officer, booking=booked, status=outcome)
    made = []
    for window_name, ahead, clock, names in AHEAD:
        window = windows[window_name]
        slot = _slot(window, _next_open_day(window, today, ahead), clock)
        for name in names:
            number += 1
            made.append(
                booking_create(
                    data={"slot": slot.pk, "name": name, "phone": _phone(number)},
                    client_address=None,
                    now=min(now, slot.starts_at - timedelta(hours=1)),
                )
            )
    # 许志明 moves to the afternoon; 罗永强 cannot come and cancels.
    moved = next(b for b in made if b.name == "许志明")
    later = _slot(household, moved.slot.day, "15:00")
    booking_move(booking=moved, slot=later.pk, now=min(now, moved.slot.starts_at))
    cancelled = next(b for b in made if b.name == "罗永强")
    booking_cancel(booking=cancelled, now=min(now, cancelled.slot.starts_at))
