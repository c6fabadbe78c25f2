"""Scenarios 1–4 as residents' reports at the demo bureau:

- 1 (Liaohe): tips naming people back from Wuhan, linked to their watch records; a rumour tip;
  the heating grievance the chief resolves before anyone gathers.
- 2 (Baotou): a Wuhan-plated car at building 34, reported twice; merged, checked (no passage
  at any checkpoint), unfounded, and both residents told.
- 3 (Xuchang): a child in febrile seizure escorted by green channel; life-saving medicine
  delivered in 30 minutes; medical supplies relayed into a sealed zone (its green channel open
  now, shown at the checkpoint); 30 stranded trucks fed.
- 4 (Chebu): a tip typed in Traditional characters about a mahjong game, stored in Simplified.

Plus what a desk meets on arrival: a fresh urgent request nobody has claimed, an overdue tip.
Idempotent: nothing is made when the first story's report exists. The services stamp the time
they run; each story's timeline is then set back to when it happened.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.checkpoints.models import Checkpoint
from shouwang.people.models import WatchRecord, WatchSource
from shouwang.units.models import Unit

from .models import Channel, Delivery, Report, ReportEvent
from .services import (
    delivery_record,
    movement_open,
    report_assign,
    report_enter,
    report_merge,
    report_submit,
    report_transition,
    sla_targets_save,
)
from .sla import DEFAULT_TARGETS, due_times

FIRST_TEXT = "北门社区34号楼下停着一辆鄂A牌照的白色轿车，好几天没动了，车主是不是从武汉回来的？"


def load() -> None:
    if Report.objects.filter(text=FIRST_TEXT).exists():
        return
    users = {user.username: user for user in User.objects.select_related("unit")}
    units = {unit.name: unit for unit in Unit.objects.all()}
    now = timezone.now()
    sla_targets_save(actor=users["commander"], targets=dict(DEFAULT_TARGETS))
    _wuhan_plate(users, units, now)
    _liaohe(users, units, now)
    _xuchang(users, units, now)
    _chebu(users, units, now)
    _waiting(users, units, now)


def _public(unit, when: datetime, **data) -> Report:
    return report_submit(
        channel=Channel.PUBLIC_PAGE,
        client_address=None,
        data={"anonymous": False, **data, "unit": unit.pk},
        now=when,
    )


def _timeline(report: Report, received: datetime, minutes: list[float]) -> Report:
    """Set the report's events (in order) at `received` + minutes, and its times with them."""
    events = list(report.events.order_by("id"))
    for event, offset in zip(events, [0.0, *minutes], strict=False):
        ReportEvent.objects.filter(pk=event.pk).update(at=received + timedelta(minutes=offset))
    report.refresh_from_db()
    assign_due, resolve_due = due_times(report.unit, report.type, report.urgency, received)
    changes = {"received_at": received, "due_assign_at": assign_due, "due_resolve_at": resolve_due}
    first_assignment = next(
        (e.at for e in report.events.order_by("at") if e.kind in ("claimed", "assigned")), None
    )
    if first_assignment:
        changes.update(
            assigned_at=first_assignment,
            assign_seconds=int((first_assignment - received).total_seconds()),
        )
    closing = (
        report.events.filter(kind="status", to_status__in=["resolved", "unfounded", "transferred"])
        .order_by("-at")
        .first()
    )
    if closing and report.closed_at:
        changes.update(
            closed_at=closing.at, resolve_seconds=int((closing.at - received).total_seconds())
        )
    if report.closed_at and report.status == "merged":
        merged = report.events.filter(kind="merged").order_by("-at").first()
        changes["closed_at"] = merged.at
    replied = report.events.filter(kind="replied").order_by("-at").first()
    if replied:
        changes["replied_at"] = replied.at
    delivered = report.events.filter(kind="delivered").order_by("at").first()
    if delivered:
        Delivery.objects.filter(report=report).update(delivered_at=delivered.at)
        changes.update(
            first_delivered_at=delivered.at,
            deliver_seconds=int((delivered.at - received).total_seconds()),
        )
    Report.objects.filter(pk=report.pk).update(**changes)
    report.refresh_from_db()
    return report


def _days_ago(now: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    local = timezone.localtime(now) - timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _wuhan_plate(users, units, now) -> None:
    """Scenario 2: two residents report the same car; one check, one answer for both."""
    duty, officer = users["duty1"], users["officer1"]
    received = _days_ago(now, 3, 9, 12)
    first = _public(
        units["北门社区"],
        received,
        type="tip",
        category="key_area_arrival",
        text=FIRST_TEXT,
        place="北门社区34号楼",
        plate="鄂A7K351",
        contact_phone="13800001234",
        contact_name="刘女士",
    )
    second = _public(
        units["北门社区"],
        received + timedelta(minutes=28),
        type="tip",
        category="key_area_arrival",
        text="34号楼有辆武汉牌照的车，楼里有人从武汉回来了吗？",
        place="北门社区34号楼2单元",
        plate="鄂A7K351",
        anonymous=True,
    )
    first = report_assign(actor=duty, report=first, officer=officer, note="请楼长核实车辆和车主")
    first = report_transition(
        actor=officer, report=first, status="in_progress", note="与社区一起查找车主"
    )
    report_merge(actor=duty, report=second, into=first)
    report_transition(
        actor=officer,
        report=first,
        status="unfounded",
        note="车主为本小区常住居民，车辆2018年起未离开本市；本局卡点无该车通行记录",
        reply="经民警与社区核实：该车车主是本小区常住居民，车辆自2018年以来没有离开本市，"
        "不存在从武汉返回的情况。感谢您的关心和提醒。",
    )
    _timeline(first, received, [8, 13, 80, 140, 140])
    _timeline(second, received + timedelta(minutes=28), [52])


def _liaohe(users, units, now) -> None:
    """Scenario 1: tips that found people back from Wuhan; a rumour; the heating grievance."""
    duty, officer, chief = users["duty1"], users["officer1"], users["chief1"]
    tipped = list(
        WatchRecord.objects.filter(
            source=WatchSource.RESIDENT_TIP, unit=units["城关派出所"]
        ).select_related("person")[:3]
    )
    for n, record in enumerate(tipped):
        received = _days_ago(now, 12 - n, 20, 10 * n)
        report = _public(
            units["城关派出所"],
            received,
            type="tip",
            category="key_area_arrival",
            text=f"听说{record.person.name}春节去了{record.origin or '武汉'}，这几天回来了，"
            f"住在{record.person.current_address}，没见登记。",
            place=record.person.current_address,
            subject_name=record.person.name,
            contact_phone=f"1390912{n:04d}",
        )
        report = report_assign(actor=duty, report=report, officer=officer)
        report = report_transition(
            actor=officer, report=report, status="in_progress", note="入户核实"
        )
        Report.objects.filter(pk=report.pk).update(watch_record=record)
        report = report_transition(
            actor=officer,
            report=report,
            status="resolved",
            note="核实属实，已列为重点人员并落实居家隔离",
            reply="经核实，该人员已按规定登记并落实居家隔离措施。感谢您的举报。",
        )
        _timeline(report, received, [15, 40, 240, 240])
    received = _days_ago(now, 6, 8, 30)
    rumour = _public(
        units["南关社区"],
        received,
        type="tip",
        category="rumour",
        text="小区群里有人说甲醇可以代替酒精消毒，好多人在买，是真的吗？",
        place="南关社区业主群",
        contact_phone="13909120099",
    )
    rumour = report_assign(actor=duty, report=rumour)
    rumour = report_transition(actor=duty, report=rumour, status="in_progress", note="核实来源")
    rumour = report_transition(
        actor=duty,
        report=rumour,
        status="resolved",
        note="已在三个警民联系群发布辟谣",
        reply="这是谣言：甲醇有毒，接触或吸入可致失明，绝不能用于消毒。请使用75%酒精或含氯消毒剂。",
    )
    _timeline(rumour, received, [6, 20, 95, 95])
    received = _days_ago(now, 5, 19, 40)
    heating = _public(
        units["城关派出所"],
        received,
        type="grievance",
        category="living",
        text="油田小区暖气只有15度，老人孩子冻得受不了，大家在群里商量明天一起去供热公司讨说法。",
        place="城关镇油田小区",
        contact_phone="13909120098",
        contact_name="张师傅",
    )
    heating = report_assign(actor=chief, report=heating, note="所长亲自协调")
    heating = report_transition(
        actor=chief, report=heating, status="in_progress", note="连夜联系供热公司和社区"
    )
    heating = report_transition(
        actor=chief,
        report=heating,
        status="resolved",
        note="供热公司当晚加压，次日室温回升至20度；在群里劝导群众不聚集",
        reply="已协调供热公司加压供热，今晚室温可回升到18度以上。如仍不热请再反映，请大家不要聚集。",
    )
    _timeline(heating, received, [12, 25, 14 * 60, 14 * 60])


def _route(*names: str) -> list[int]:
    return list(Checkpoint.objects.filter(name__in=names).values_list("pk", flat=True))


def _xuchang(users, units, now) -> None:
    """Scenario 3: help requests dispatched, escorted and delivered."""
    duty, officer = users["duty1"], users["officer1"]
    received = _days_ago(now, 2, 21, 5)
    seizure = report_enter(
        actor=duty,
        channel="phone",
        data={
            "type": "help",
            "category": "hospital",
            "urgency": "urgent",
            "text": "孩子高烧惊厥，急需送医！家里没有车。",
            "place": "城关镇幸福路18号",
            "contact_phone": "13909120097",
            "contact_name": "孩子父亲",
        },
        now=received,
    )
    seizure = report_assign(actor=duty, report=seizure, officer=officer, note="立即出警护送")
    seizure = report_transition(
        actor=officer, report=seizure, status="in_progress", note="警车护送"
    )
    movement = movement_open(
        actor=officer,
        report=seizure,
        plate="陕KJ2093",
        kind="patient",
        reason="高热惊厥患儿送县医院",
        checkpoint_ids=_route("北门社区卡点", "城关东出口卡点"),
    )
    movement.valid_from = received + timedelta(minutes=3)
    movement.valid_to = received + timedelta(hours=2)
    movement.save(update_fields=["valid_from", "valid_to"])
    delivery_record(
        actor=officer, report=seizure, what="护送至县人民医院急诊", note="沿途卡点绿色通道"
    )
    seizure = report_transition(
        actor=officer,
        report=seizure,
        status="resolved",
        note="患儿已送医，转危为安",
        reply="孩子已送到县人民医院急诊。祝孩子早日康复。",
    )
    _timeline(seizure, received, [1, 2, 3, 18, 40, 40])

    received = _days_ago(now, 1, 10, 20)
    medicine = _public(
        units["南关社区"],
        received,
        type="help",
        category="medicine",
        urgency="urgent",
        text="家里储备的降压药和救心丸吃完了，小区封控出不去，老人血压很高。",
        place="南关社区12号楼3单元",
        contact_phone="13909120096",
    )
    medicine = report_assign(actor=duty, report=medicine, officer=officer)
    medicine = report_transition(
        actor=officer, report=medicine, status="in_progress", note="联系医院开辟绿色通道取药"
    )
    delivery_record(actor=officer, report=medicine, what="降压药两盒、速效救心丸一瓶")
    medicine = report_transition(
        actor=officer,
        report=medicine,
        status="resolved",
        note="半小时送到",
        reply="药已送到您家中，请按时服药。封控期间买药困难可随时求助。",
    )
    _timeline(medicine, received, [3, 6, 30, 35, 35])

    received = timezone.localtime(now) - timedelta(minutes=40)
    supplies = _public(
        units["北门社区"],
        received,
        type="help",
        category="supplies",
        text="老人在家治疗急需医用耗材（导尿管、敷料），药店在封控区暂停营业，别的药店都没有。",
        place="北门社区7号楼（封控区）",
        contact_phone="13909120095",
        contact_name="刘先生",
    )
    supplies = report_assign(actor=duty, report=supplies, officer=officer)
    supplies = report_transition(
        actor=officer,
        report=supplies,
        status="in_progress",
        note="已在城外药店买到，接力送入封控区",
    )
    movement_open(
        actor=officer,
        report=supplies,
        plate="陕K6X708",
        kind="supplies",
        reason="医用耗材接力送入北门社区封控区",
        checkpoint_ids=_route("城关东出口卡点", "北门社区卡点"),
        valid_from=timezone.now(),
        valid_to=timezone.now() + timedelta(hours=3),
    )
    _timeline(supplies, received, [4, 9, 30])

    received = _days_ago(now, 4, 8, 0)
    trucks = report_enter(
        actor=users["officer2"],
        channel="walk_in",
        data={
            "type": "help",
            "category": "stranded_vehicle",
            "text": "县界检查站外滞留了30辆货车，司机一天没吃饭喝水了。",
            "place": "G65高速白云山出口县界处",
            "contact_phone": "13909120094",
            "contact_name": "货车司机王师傅",
        },
        now=received,
    )
    trucks = report_assign(actor=users["officer2"], report=trucks)
    trucks = report_transition(
        actor=users["officer2"], report=trucks, status="in_progress", note="采购食品饮水"
    )
    delivery_record(
        actor=users["officer2"], report=trucks, what="方便面、火腿肠、矿泉水（30辆货车司机）"
    )
    trucks = report_transition(
        actor=users["officer2"],
        report=trucks,
        status="resolved",
        note="已送达，并提醒注意防疫和行车安全",
        reply="食品和饮用水已送到，请注意防护，有困难随时找民警。",
    )
    _timeline(trucks, received, [10, 15, 75, 80, 80])


def _chebu(users, units, now) -> None:
    """Scenario 4: a tip in Traditional characters, stored and searched as Simplified."""
    received = _days_ago(now, 2, 23, 40)
    mahjong = _public(
        units["白云村"],
        received,
        type="tip",
        category="gambling",
        text="白雲村村口小賣部後屋有十幾個人聚集打麻將，沒戴口罩。",
        place="白雲村村口小賣部",
        anonymous=True,
    )
    officer = users["officer2"]
    mahjong = report_assign(actor=officer, report=mahjong)
    mahjong = report_transition(
        actor=officer, report=mahjong, status="in_progress", note="夜间巡逻到场"
    )
    mahjong = report_transition(
        actor=officer,
        report=mahjong,
        status="resolved",
        note="现场劝散，组织者依法处理",
        reply="民警已到场处置，聚集人员已劝散。感谢您的举报。",
    )
    _timeline(mahjong, received, [7, 20, 65, 65])


def _waiting(users, units, now) -> None:
    """What the desks find on arrival: an urgent request just in, and an overdue tip."""
    _public(
        units["城关派出所"],
        timezone.localtime(now) - timedelta(minutes=3),
        type="help",
        category="hospital",
        urgency="urgent",
        text="右手被机器压伤流血不止，小区封控出不来，需要送医院。",
        place="城关镇东大街41号",
        contact_phone="13909120093",
    )
    _public(
        units["石门村"],
        timezone.localtime(now) - timedelta(hours=3),
        type="tip",
        category="gathering",
        text="石门村文化广场有几十个人在跳广场舞，没人戴口罩。",
        place="石门村文化广场",
        anonymous=True,
    )
