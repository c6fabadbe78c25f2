"""Every service of the intake area: arrival, each transition and its history, merging,
the SLA arithmetic, rate limits, outcomes and help dispatch."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.conflicts import Conflict
from shouwang.intake import throttle
from shouwang.intake.models import EventKind, Report, SlaTarget
from shouwang.intake.selectors import public_status
from shouwang.intake.services import (
    delivery_record,
    movement_open,
    report_assign,
    report_enter,
    report_merge,
    report_reply,
    report_transition,
    report_watch_create,
    sla_targets_save,
)
from shouwang.intake.sla import due_times

from .factories import GRIEVANCE, HELP, TIP, at_station, in_progress, submit

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def history(report) -> list[tuple[str, str, str, str]]:
    return [
        (
            event.kind,
            event.from_status,
            event.to_status,
            event.actor.username if event.actor else "",
        )
        for event in report.events.order_by("at", "id")
    ]


def test_a_resident_report_arrives_new_with_a_code_due_times_and_its_first_event(bureau):
    now = timezone.now()
    report = at_station(bureau, now=now)
    assert (report.status, report.type, report.unit.name, report.channel) == (
        "new",
        "tip",
        "城关派出所",
        "public_api",
    )
    assert len(report.tracking_code) == 12 and report.tracking_code.isalnum()
    # Default targets of a normal tip: 60 minutes to assignment, 72 hours to resolution.
    assert report.due_assign_at - now == timedelta(minutes=60)
    assert report.due_resolve_at - now == timedelta(hours=72)
    assert (report.plate, report.contact_phone) == ("鄂A12345", "13800138000")
    assert history(report) == [("received", "", "", "")]


def test_not_sure_goes_to_the_bureau(bureau):
    assert submit(unit=None).unit.name == "清河县公安局"


def test_traditional_input_is_stored_in_simplified_characters(bureau):
    report = submit(text="樓下有人聚眾賭博", place="北門社區", category="gambling")
    assert (report.text, report.place) == ("楼下有人聚众赌博", "北门社区")


def test_bad_input_gets_chinese_field_errors(bureau):
    with pytest.raises(ValidationError) as refused:
        submit(
            type="tip",
            category="medicine",
            text="",
            plate="ABC",
            contact_phone="12345",
            unit=bureau["城关东出口卡点"].pk,
        )
    assert refused.value.message_dict == {
        "category": ["请选择具体类型"],
        "text": ["请描述具体情况"],
        "plate": ["车牌号格式不正确，如：鄂A12345；看不全可写在情况描述里"],
        "contact_phone": [refused.value.message_dict["contact_phone"][0]],
        "unit": ["请选择所在派出所、社区或村，不清楚可选“不确定”"],
    }
    assert "手机" in refused.value.message_dict["contact_phone"][0]
    assert Report.objects.count() == 0


def test_contact_rules_for_anonymity(bureau):
    with pytest.raises(ValidationError) as refused:
        submit(HELP, anonymous=True, contact_phone="")
    assert refused.value.message_dict["anonymous"] == ["求助须留联系电话，民警才能联系您"]
    with pytest.raises(ValidationError) as refused:
        submit(TIP, anonymous=True)
    assert refused.value.message_dict["anonymous"] == ["选择匿名时请不要填写联系人和电话"]
    with pytest.raises(ValidationError) as refused:
        submit(TIP, contact_phone="")
    assert refused.value.message_dict["contact_phone"] == ["请填写联系电话，或选择匿名"]
    report = submit(GRIEVANCE)
    assert (report.anonymous, report.contact_phone, report.contact_phone_index) == (True, "", "")


def test_every_transition_leaves_history_with_who_and_when(bureau, staff):
    duty = staff["duty1"]
    report = at_station(bureau)
    report = report_assign(actor=duty, report=report, officer=staff["officer1"], note="请核实")
    assert (report.status, report.handler, report.assign_seconds is not None) == (
        "assigned",
        staff["officer1"],
        True,
    )
    officer = staff["officer1"]
    report = report_transition(actor=officer, report=report, status="in_progress", note="到现场")
    report = report_transition(
        actor=officer,
        report=report,
        status="unfounded",
        note="车主为常住居民，2018年起未离开本市",
        reply="经核实，该车车主为本小区常住居民，车辆2018年以来未离开本市，请放心。",
    )
    assert report.status == "unfounded" and report.closed_at is not None
    report = report_transition(actor=officer, report=report, status="in_progress", note="群众补充")
    report = report_transition(
        actor=officer, report=report, status="resolved", note="再次核实无异常"
    )
    assert history(report) == [
        ("received", "", "", ""),
        ("assigned", "new", "assigned", "duty1"),
        ("status", "assigned", "in_progress", "officer1"),
        ("status", "in_progress", "unfounded", "officer1"),
        ("replied", "", "", "officer1"),
        ("status", "unfounded", "in_progress", "officer1"),
        ("status", "in_progress", "resolved", "officer1"),
    ]
    assert report.events.get(kind="assigned").note == "请核实"
    assert report.history.count() >= 5
    transferred = in_progress(at_station(bureau, TIP, category="price_gouging"), duty)
    transferred = report_transition(
        actor=duty,
        report=transferred,
        status="transferred",
        note="移交市场监管",
        reply="已移交市场监管局",
    )
    assert transferred.status == "transferred"


@pytest.mark.parametrize(
    ("start", "status", "message"),
    [
        ("new", "in_progress", "请先受理或指派"),
        ("new", "assigned", "请使用“指派”"),
        ("new", "merged", "请使用“合并”"),
        ("assigned", "resolved", "不能从“已指派”改为“已办结”"),
        ("assigned", "bogus", "未知的状态"),
    ],
)
def test_transitions_outside_the_flow_are_refused(bureau, staff, start, status, message):
    report = at_station(bureau)
    if start == "assigned":
        report = report_assign(actor=staff["duty1"], report=report)
    with pytest.raises(ValidationError) as refused:
        report_transition(actor=staff["duty1"], report=report, status=status, note="x")
    assert refused.value.message_dict["status"] == [message]
    report.refresh_from_db()
    assert report.status == start


def test_closing_needs_a_note_and_a_reply(bureau, staff):
    report = in_progress(at_station(bureau), staff["duty1"])
    with pytest.raises(ValidationError) as refused:
        report_transition(actor=staff["duty1"], report=report, status="resolved")
    assert refused.value.message_dict == {
        "note": ["请填写处理情况"],
        "reply": ["办结前请填写给群众的答复（群众凭查询码查看）"],
    }
    report_reply(actor=staff["duty1"], report=report, reply="已处理")
    done = report_transition(actor=staff["duty1"], report=report, status="resolved", note="已处理")
    assert public_status(done.tracking_code)["reply"] == "已处理"


def test_a_claim_on_a_report_another_desk_holds_is_a_conflict(bureau, staff):
    report = at_station(bureau)
    report_assign(actor=staff["duty1"], report=report)
    with pytest.raises(Conflict) as lost:
        report_assign(actor=staff["officer1"], report=report)
    assert lost.value.message_dict == {"handler": ["已由周敏处理"]}
    # Claiming again one's own report changes nothing.
    again = report_assign(actor=staff["duty1"], report=report)
    assert again.events.filter(kind__in=["claimed", "assigned"]).count() == 1


def test_assigning_a_bureau_report_to_an_officer_moves_it_where_he_sees_it(bureau, staff):
    duty0 = staff["duty0"]  # the bureau's duty desk, a demo account
    report = submit(unit=None)
    report = report_assign(actor=duty0, report=report, officer=staff["officer2"])
    assert (report.unit.name, report.handler.username) == ("白云山派出所", "officer2")
    assert Report.objects.visible_to(staff["officer2"]).filter(pk=report.pk).exists()


def test_a_sibling_station_cannot_assign_into_ours_nor_touch_our_reports(bureau, staff):
    ours = at_station(bureau)
    theirs = at_station(bureau, station="白云山派出所")
    chief2 = staff["chief2"]
    with pytest.raises(ValidationError) as refused:
        report_assign(actor=chief2, report=theirs, unit=bureau["城关派出所"])
    assert refused.value.message_dict == {"unit": ["只能指派给本单位或下级单位"]}
    with pytest.raises(ValidationError) as refused:
        report_assign(actor=chief2, report=theirs, officer=staff["officer1"])
    assert "officer" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        report_assign(actor=chief2, report=ours)
    with pytest.raises(PermissionDenied):
        report_merge(actor=chief2, report=theirs, into=ours)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.status, ours.handler, theirs.status, theirs.unit.name) == (
        "new",
        None,
        "new",
        "白云山派出所",
    )


def test_merge_keeps_every_report_and_answers_every_reporter(bureau, staff):
    duty = staff["duty1"]
    first = at_station(bureau)
    second = at_station(bureau, contact_phone="13700137000", address="203.0.113.9")
    third = at_station(bureau, TIP, anonymous=True, contact_phone="")
    report_merge(actor=duty, report=third, into=second)
    report_merge(actor=duty, report=second, into=first)
    # The report merged into `second` follows it into `first`: one level, every reporter.
    assert set(first.duplicates.values_list("pk", flat=True)) == {second.pk, third.pk}
    assert Report.objects.count() == 3
    master = in_progress(first, duty)
    report_transition(
        actor=duty,
        report=master,
        status="unfounded",
        note="查无实据",
        reply="经核实，该车为本市常住居民车辆。",
    )
    for report in (first, second, third):
        status = public_status(report.tracking_code)
        assert (status["status"], status["reply"]) == (
            "unfounded",
            "经核实，该车为本市常住居民车辆。",
        )
    second.refresh_from_db()
    assert (second.status, second.merged_into_id) == ("merged", first.pk)
    assert list(first.events.filter(kind=EventKind.MERGED).values_list("note", flat=True)) == [
        f"合并 {second.display_code}（共 2 条）"
    ]
    with pytest.raises(Conflict):
        report_merge(actor=duty, report=second, into=first)
    with pytest.raises(ValidationError) as refused:
        report_merge(actor=duty, report=at_station(bureau), into=second)
    assert refused.value.message_dict == {"into": ["目标线索已合并至其他记录，请选择最终记录"]}


def test_the_public_status_says_only_status_unit_and_reply(bureau, staff):
    report = at_station(bureau)
    assert set(public_status(report.tracking_code)) == {
        "status",
        "unit_name",
        "reply",
        "updated_at",
    }
    spaced = report.tracking_code.lower()[:4] + " - " + report.tracking_code.lower()[4:]
    assert public_status(spaced)["unit_name"] == "城关派出所"
    assert public_status("ZZZZZZZZZZZZ") is None
    assert public_status("<script>") is None


def test_sla_due_times_cross_midnight(bureau):
    unit = bureau["城关派出所"]
    received = datetime(2026, 2, 1, 23, 50, tzinfo=SHANGHAI)
    assign_due, resolve_due = due_times(unit, "help", "normal", received)
    assert assign_due == datetime(2026, 2, 2, 0, 20, tzinfo=SHANGHAI)
    assert resolve_due == datetime(2026, 2, 2, 23, 50, tzinfo=SHANGHAI)


def test_the_bureau_sets_its_targets_and_new_reports_use_them(bureau, staff):
    changed = sla_targets_save(
        actor=staff["commander"], targets={("help", "urgent"): (10, 1), ("tip", "normal"): (60, 72)}
    )
    assert changed == 2
    assert SlaTarget.objects.get(type="help", urgency="urgent").assign_minutes == 10
    now = timezone.now()
    report = at_station(bureau, HELP, now=now)
    assert report.due_assign_at - now == timedelta(minutes=10)
    with pytest.raises(PermissionDenied):
        sla_targets_save(actor=staff["chief1"], targets={("help", "urgent"): (1, 1)})
    with pytest.raises(ValidationError) as refused:
        sla_targets_save(actor=staff["commander"], targets={("help", "urgent"): (0, 1)})
    assert refused.value.message_dict == {"help_urgent": ["指派时限应在1分钟到7天之间"]}


def test_rate_limits_per_address_and_per_phone(bureau, settings):
    settings.SHOUWANG_INTAKE_PER_ADDRESS_HOUR = 3
    settings.SHOUWANG_INTAKE_PER_PHONE_DAY = 2
    now = timezone.now()
    for n in range(3):
        submit(GRIEVANCE, now=now - timedelta(minutes=n), text=f"第{n}条")
    with pytest.raises(throttle.RateLimited) as limited:
        submit(GRIEVANCE, now=now)
    assert limited.value.retry_after == 58 * 60
    # Another address is not limited; an hour later this one is not either.
    submit(GRIEVANCE, address="203.0.113.1", now=now)
    submit(GRIEVANCE, now=now + timedelta(minutes=59))
    # Per phone, whatever the address.
    submit(TIP, address="203.0.113.2", now=now)
    submit(TIP, address="203.0.113.3", now=now)
    with pytest.raises(throttle.RateLimited):
        submit(TIP, address="203.0.113.4", now=now)
    # The desk entering calls is never limited.
    assert Report.objects.count() == 7


def test_the_desk_enters_calls_through_the_same_validation(bureau, staff):
    report = report_enter(
        actor=staff["duty1"], channel="phone", data={**HELP, "contact_name": "刘先生"}
    )
    assert (report.channel, report.created_by, report.unit.name) == (
        "phone",
        staff["duty1"],
        "城关派出所",
    )
    with pytest.raises(ValidationError) as refused:
        report_enter(actor=staff["duty1"], channel="public_page", data=HELP)
    assert refused.value.message_dict == {"channel": ["请选择来源渠道：电话、来访或微信群"]}
    with pytest.raises(PermissionDenied):
        report_enter(actor=staff["duty1"], channel="phone", data=HELP, unit=bureau["白云山派出所"])
    with pytest.raises(PermissionDenied):
        report_enter(actor=staff["volunteer1"], channel="phone", data=HELP)


def test_a_tip_puts_the_person_under_watch_linked_both_ways(bureau, staff):
    report = at_station(bureau, subject_name="王志强")
    report = report_watch_create(
        actor=staff["officer1"],
        report=report,
        name="王志强",
        address="北门社区5号楼",
        origin="湖北省武汉市",
    )
    record = report.watch_record
    assert (record.person.name, record.reason, record.source, record.origin_region_code) == (
        "王志强",
        "key_area_arrival",
        "resident_tip",
        "420100",
    )
    assert list(record.intake_reports.all()) == [report]
    with pytest.raises(ValidationError):
        report_watch_create(actor=staff["officer1"], report=report, person=record.person)
    with pytest.raises(PermissionDenied):
        report_watch_create(actor=staff["duty1"], report=at_station(bureau), name="张三")


def test_a_green_channel_and_the_delivery_time(bureau, staff):
    from shouwang.checkpoints.models import Checkpoint, CheckpointKind

    east = Checkpoint.objects.create(
        unit=bureau["城关东出口卡点"], name="东出口", kind=CheckpointKind.HIGHWAY_EXIT
    )
    sibling = Checkpoint.objects.create(
        unit=bureau["白云山高速出口检查站"], name="白云山出口", kind=CheckpointKind.HIGHWAY_EXIT
    )
    received = timezone.now() - timedelta(minutes=30)
    report = at_station(bureau, HELP, now=received)
    movement = movement_open(
        actor=staff["duty1"],
        report=report,
        plate="陕K 55555",
        kind="medicine",
        reason="救命药送往南关社区",
        checkpoint_ids=[east.pk, sibling.pk],
    )
    assert (movement.plate, sorted(movement.checkpoints.values_list("name", flat=True))) == (
        "陕K55555",
        ["东出口", "白云山出口"],
    )
    with pytest.raises(ValidationError) as refused:
        movement_open(
            actor=staff["duty1"],
            report=at_station(bureau),
            plate="",
            kind="x",
            reason="",
            checkpoint_ids=[],
        )
    assert set(refused.value.message_dict) == {"report", "plate", "kind", "reason", "checkpoints"}
    delivery_record(
        actor=staff["duty1"],
        report=report,
        what="降压药两盒",
        delivered_at=received + timedelta(minutes=28),
    )
    delivery_record(actor=staff["duty1"], report=report, what="口罩")
    report.refresh_from_db()
    assert (report.deliver_seconds, report.deliver_minutes) == (28 * 60, 28)
    with pytest.raises(ValidationError) as refused:
        delivery_record(
            actor=staff["duty1"],
            report=report,
            what="药",
            delivered_at=received - timedelta(minutes=1),
        )
    assert refused.value.message_dict == {"delivered_at": ["送达时间不能早于求助时间"]}
