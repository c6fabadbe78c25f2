from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.people.models import Alert, EpisodeStatus, FollowUp, IsolationKind
from shouwang.people.selectors import episodes_ending, followups_due, followups_overdue
from shouwang.people.services import (
    alert_acknowledge,
    episode_start,
    episode_transition,
    followup_record,
    isolation_policy_save,
)

from .factories import register


def _isolate(actor, name, start, **kwargs):
    person = register(actor, name=name)
    return episode_start(
        actor=actor,
        person=person,
        kind=IsolationKind.HOME,
        start_date=start,
        officer=actor,
        **kwargs,
    )


def test_due_today_overdue_and_ending(staff):
    officer = staff["officer1"]
    today = timezone.localdate()
    started_today = _isolate(officer, "甲", today)
    started_earlier = _isolate(officer, "乙", today - timedelta(days=3))
    ends_tomorrow = _isolate(officer, "丙", today - timedelta(days=12))
    followup_record(
        actor=officer,
        episode=started_earlier,
        due_date=today - timedelta(days=3),
        temperature="36.5",
        present_at_address=True,
        contact_method="phone",
    )
    followup_record(actor=officer, episode=started_earlier, temperature="36.6")

    due = followups_due(officer, today)
    assert [f.episode for f in due] == [started_today, ends_tomorrow]
    overdue = followups_overdue(officer, today)
    assert [(f.episode, f.due_date) for f in overdue][:3] == [
        (ends_tomorrow, today - timedelta(days=12)),
        (ends_tomorrow, today - timedelta(days=11)),
        (ends_tomorrow, today - timedelta(days=10)),
    ]
    assert overdue.filter(episode=started_earlier).count() == 2
    assert list(episodes_ending(officer, today)) == [ends_tomorrow]
    assert followups_due(staff["officer2"], today).count() == 0


def test_due_every_other_day_when_the_policy_says_so(staff, bureau):
    chief = staff["chief1"]
    today = timezone.localdate()
    policy = isolation_policy_save(
        actor=chief,
        unit=bureau["城关派出所"],
        category="",
        name="隔日",
        kind=IsolationKind.HOME,
        days=14,
        followup_every_days=2,
    )
    episode = _isolate(chief, "丁", today - timedelta(days=1), policy=policy)
    # Written up to tomorrow only: yesterday and tomorrow, not the seven days of the stay.
    assert list(FollowUp.objects.filter(episode=episode).values_list("due_date", flat=True)) == [
        today - timedelta(days=1),
        today + timedelta(days=1),
    ]
    assert followups_due(chief, today).count() == 0
    assert followups_due(chief, today + timedelta(days=1)).count() == 1


def test_fever_raises_an_alert_to_the_station(staff, bureau):
    officer = staff["officer1"]
    episode = _isolate(officer, "戊", timezone.localdate())
    followup_record(actor=officer, episode=episode, temperature="37.3", symptoms=["cough"])
    alerts = Alert.objects.order_by("kind")
    assert [(a.kind, a.unit, a.message) for a in alerts] == [
        ("fever", bureau["城关派出所"], f"戊 体温 37.3℃（{timezone.localdate()} 随访）"),
        ("symptoms", bureau["城关派出所"], f"戊 出现症状：咳嗽（{timezone.localdate()} 随访）"),
    ]
    assert Alert.objects.visible_to(staff["duty1"]).count() == 2
    assert Alert.objects.visible_to(staff["health1"]).count() == 2
    assert Alert.objects.visible_to(staff["chief2"]).count() == 0
    with pytest.raises(PermissionDenied):
        alert_acknowledge(actor=staff["health1"], alert=alerts[0])
    alert_acknowledge(actor=staff["duty1"], alert=alerts[0])
    assert alerts[0].acknowledged_by == staff["duty1"]


def test_normal_temperature_raises_nothing(staff):
    officer = staff["officer1"]
    episode = _isolate(officer, "己", timezone.localdate())
    followup_record(actor=officer, episode=episode, temperature="37.2")
    assert Alert.objects.count() == 0


def test_followup_for_a_released_person_is_refused(staff):
    officer = staff["officer1"]
    today = timezone.localdate()
    episode = _isolate(officer, "庚", today - timedelta(days=13))
    episode_transition(actor=officer, episode=episode, status=EpisodeStatus.RELEASED, on=today)
    with pytest.raises(ValidationError) as error:
        followup_record(actor=officer, episode=episode, temperature="36.5")
    assert error.value.message_dict == {"episode": ["该人员隔离状态为“已解除”，不能登记随访"]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("33.9", "体温应在34至43℃之间"),
        ("43.1", "体温应在34至43℃之间"),
        ("abc", "体温必须是数字"),
    ],
)
def test_temperature_outside_range_is_refused(staff, value, message):
    officer = staff["officer1"]
    episode = _isolate(officer, "辛", timezone.localdate())
    with pytest.raises(ValidationError) as error:
        followup_record(actor=officer, episode=episode, temperature=value)
    assert error.value.message_dict == {"temperature": [message]}
    assert FollowUp.objects.filter(done_at__isnull=False).count() == 0


def test_due_and_overdue_narrow_to_a_unit_and_the_units_below_it(staff, bureau):
    chief = staff["chief1"]
    today = timezone.localdate()
    at_station = _isolate(chief, "甲", today - timedelta(days=2))
    community = register(chief, unit=bureau["北门社区"], name="乙")
    in_community = episode_start(
        actor=chief, person=community, kind=IsolationKind.HOME, start_date=today - timedelta(days=2)
    )

    assert [f.episode for f in followups_due(chief, today, unit=bureau["北门社区"])] == [
        in_community
    ]
    assert [f.episode for f in followups_due(chief, today, unit=bureau["城关派出所"])] == [
        at_station,
        in_community,
    ]
    overdue = followups_overdue(chief, today, unit=bureau["北门社区"])
    assert {f.episode for f in overdue} == {in_community}
    assert overdue.count() == 2
