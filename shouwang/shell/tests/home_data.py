"""A known day at 城关派出所 (and a little at 白云山) for the home page tests, view and browser."""

import uuid
from datetime import timedelta

from django.utils import timezone

from shouwang.checkpoints.models import Checkpoint, CheckpointKind
from shouwang.checkpoints.services import passage_register
from shouwang.passes.services import pass_issue, pass_revoke
from shouwang.people.models import IsolationKind, WatchReason, WatchSource, WatchStatus
from shouwang.people.services import (
    episode_start,
    followup_record,
    person_register,
    watch_record_create,
    watch_record_set_status,
)
from shouwang.people.tests.factories import id_number
from shouwang.units.models import EmergencyLevelChange
from shouwang.units.services import unit_set_emergency_level

CREDIT_CODE = "91610824MA70X2Y57L"
EMERGENCY_DAYS_AGO = 5


def register_passage(actor, checkpoint, *, days_ago=0, **fields):
    data = {
        "client_id": str(uuid.uuid4()),
        "checkpoint": checkpoint.pk,
        "occurred_at": (timezone.now() - timedelta(days=days_ago, minutes=1)).isoformat(),
        "direction": "in",
        "plate": "陕K12345",
        "vehicle_kind": "car",
        "occupants_count": 1,
        "disposition": "passed",
    }
    data.update(fields)
    return passage_register(actor=actor, data=data)


def watched_person(actor, name, sequence, *, source=WatchSource.HOUSEHOLD_SCREENING):
    person = person_register(
        actor=actor, unit=actor.unit, name=name, id_number=id_number(sequence=sequence)
    )
    record = watch_record_create(
        actor=actor, person=person, reason=WatchReason.CLOSE_CONTACT, source=source
    )
    return person, record


def issue_pass(actor, *, starts, ends):
    now = timezone.now()
    return pass_issue(
        actor=actor,
        holder_kind="enterprise",
        enterprise_name="长庆油田运输公司",
        credit_code=CREDIT_CODE,
        purpose="油田物资运输",
        valid_from=now + starts,
        valid_to=now + ends,
        plates=["陕K12345"],
    )


def make_checkpoints(bureau):
    return {
        "east": Checkpoint.objects.create(
            unit=bureau["城关东出口卡点"], name="城关东出口卡点", kind=CheckpointKind.HIGHWAY_EXIT
        ),
        "baiyun": Checkpoint.objects.create(
            unit=bureau["白云山高速出口检查站"],
            name="白云山高速出口检查站",
            kind=CheckpointKind.HIGHWAY_EXIT,
        ),
    }


def start_emergency(bureau, staff):
    """The commander switched the bureau to level 1 five days ago."""
    change = unit_set_emergency_level(
        unit=bureau["清河县公安局"], level=1, actor=staff["commander"], reason="启动一级响应"
    )
    began = timezone.now() - timedelta(days=EMERGENCY_DAYS_AGO)
    EmergencyLevelChange.objects.filter(pk=change.pk).update(changed_at=began)
    return timezone.localdate(began)


def build_day(bureau, staff, checkpoints):
    """A known day at 城关 (chief1) and a little at its sibling 白云山 (chief2)."""
    chief, chief2 = staff["chief1"], staff["chief2"]
    east = checkpoints["east"]
    # Checkpoint: today 2 vehicles let through (2 people checked), 1 turned back with 3 people;
    # 3 days ago 1 vehicle let through; 10 days ago (before the emergency) 1 more.
    register_passage(chief, east, occupants_count=2, temperature="36.5")
    register_passage(chief, east, plate="陕K22222")
    register_passage(chief, east, plate="陕K33333", disposition="turned_back", occupants_count=3)
    register_passage(chief, east, days_ago=3, plate="陕K44444")
    register_passage(chief, east, days_ago=10, plate="陕K55555")
    register_passage(chief2, checkpoints["baiyun"], plate="陕K66666")
    # People: 开 open, 交 a handover waiting, 核 a handover verified (with another open record),
    # 隔 isolating for 3 days (today's follow-up done), 新 isolating from today (not done).
    watched_person(chief, "张开", "101")
    watched_person(chief, "李交", "102", source=WatchSource.CHECKPOINT_HANDOVER)
    checked, handover = watched_person(chief, "王核", "103", source=WatchSource.CHECKPOINT_HANDOVER)
    watch_record_set_status(actor=chief, record=handover, status=WatchStatus.VERIFIED)
    watch_record_create(
        actor=chief, person=checked, reason=WatchReason.FEVER, source=WatchSource.RESIDENT_TIP
    )
    today = timezone.localdate()
    for name, sequence, start in (
        ("赵隔", "104", today - timedelta(days=2)),
        ("钱新", "105", today),
    ):
        person, record = watched_person(chief, name, sequence)
        episode = episode_start(
            actor=chief,
            person=person,
            kind=IsolationKind.HOME,
            start_date=start,
            watch_record=record,
        )
        if start < today:
            followup_record(actor=chief, episode=episode, due_date=today, temperature="36.6")
    watched_person(chief2, "孙白", "201", source=WatchSource.CHECKPOINT_HANDOVER)
    # Passes of 城关: ends in 10 h, ends in 2 days, ends in 10 days, revoked, not yet valid,
    # already expired.
    issue_pass(chief, starts=-timedelta(days=1), ends=timedelta(hours=10))
    issue_pass(chief, starts=-timedelta(days=1), ends=timedelta(days=2))
    issue_pass(chief, starts=-timedelta(days=1), ends=timedelta(days=10))
    revoked = issue_pass(chief, starts=-timedelta(days=1), ends=timedelta(hours=5))
    pass_revoke(actor=chief, pass_record=revoked, reason="车辆报废")
    issue_pass(chief, starts=timedelta(hours=1), ends=timedelta(hours=20))
    issue_pass(chief, starts=-timedelta(days=5), ends=-timedelta(hours=1))
    return {"today": today}
