from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouwang.people.models import EpisodeStatus, FollowUp, IsolationKind, WatchReason
from shouwang.people.services import (
    episode_change_end,
    episode_start,
    episode_transition,
    isolation_policy_save,
    planned_end_for,
)
from shouwang.people.services.isolation_setup import policy_for

from .factories import register


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2020, 1, 25), 14, date(2020, 2, 7)),  # across a month end
        (date(2019, 12, 25), 14, date(2020, 1, 7)),  # across a year end
        (date(2020, 2, 20), 14, date(2020, 3, 4)),  # leap February
        (date(2021, 2, 20), 14, date(2021, 3, 5)),  # common February
        (date(2020, 12, 31), 1, date(2020, 12, 31)),
        (date(2020, 12, 29), 7, date(2021, 1, 4)),
    ],
)
def test_planned_end_counts_the_start_day(start, days, end):
    assert planned_end_for(start, days) == end


def test_default_policy_is_fourteen_days_at_home(staff):
    person = register(staff["officer1"], name="王五")
    episode = episode_start(
        actor=staff["officer1"],
        person=person,
        kind=IsolationKind.HOME,
        start_date=date(2019, 12, 25),
    )
    assert episode.planned_end == date(2020, 1, 7)
    assert episode.policy is None
    assert episode.next_episode is None


def test_seven_plus_three_makes_two_linked_episodes_across_the_year_end(staff, bureau):
    chief = staff["chief1"]
    policy = isolation_policy_save(
        actor=chief,
        unit=bureau["城关派出所"],
        category=WatchReason.CLOSE_CONTACT,
        name="密接7+3",
        kind=IsolationKind.CENTRALISED,
        days=7,
        then_kind=IsolationKind.HOME,
        then_days=3,
    )
    from shouwang.people.services import isolation_site_save

    site = isolation_site_save(
        actor=chief, unit=bureau["城关派出所"], name="城关宾馆", address="城关镇1号", rooms=30
    )
    person = register(chief, name="赵六")
    episode = episode_start(
        actor=chief,
        person=person,
        kind=IsolationKind.CENTRALISED,
        start_date=date(2020, 12, 28),
        policy=policy,
        site=site,
        room="301",
    )
    assert (episode.start_date, episode.planned_end) == (date(2020, 12, 28), date(2021, 1, 3))
    follow_on = episode.next_episode
    assert follow_on.kind == IsolationKind.HOME
    assert (follow_on.start_date, follow_on.planned_end) == (date(2021, 1, 4), date(2021, 1, 6))
    assert follow_on.status == EpisodeStatus.PLANNED


def test_policy_for_prefers_the_category_then_the_nearest_unit(staff, bureau):
    chief, station = staff["chief1"], bureau["城关派出所"]
    default = isolation_policy_save(
        actor=chief, unit=station, category="", name="默认", kind=IsolationKind.HOME, days=14
    )
    contact = isolation_policy_save(
        actor=chief,
        unit=station,
        category=WatchReason.CLOSE_CONTACT,
        name="密接",
        kind=IsolationKind.CENTRALISED,
        days=7,
        then_kind=IsolationKind.HOME,
        then_days=3,
    )
    community = bureau["北门社区"]
    assert policy_for(community, WatchReason.CLOSE_CONTACT) == contact
    assert policy_for(community, WatchReason.FEVER) == default


def test_changing_the_end_needs_a_reason_and_is_logged(staff):
    officer = staff["officer1"]
    today = timezone.localdate()
    person = register(officer, name="钱七")
    episode = episode_start(actor=officer, person=person, kind=IsolationKind.HOME, start_date=today)
    assert FollowUp.objects.filter(episode=episode).count() == 2  # today and tomorrow
    with pytest.raises(ValidationError) as error:
        episode_change_end(
            actor=officer, episode=episode, planned_end=today + timedelta(20), reason=""
        )
    assert error.value.message_dict == {"reason": ["延长或缩短隔离期须填写事由"]}
    episode_change_end(
        actor=officer, episode=episode, planned_end=today + timedelta(20), reason="同住人确诊"
    )
    event = episode.events.get(action="extend")
    assert (event.old_planned_end, event.new_planned_end, event.reason, event.actor) == (
        today + timedelta(13),
        today + timedelta(20),
        "同住人确诊",
        officer,
    )
    assert FollowUp.objects.filter(episode=episode).count() == 2


def test_planned_end_before_start_is_refused(staff):
    person = register(staff["officer1"], name="孙八")
    with pytest.raises(ValidationError) as error:
        episode_start(
            actor=staff["officer1"],
            person=person,
            kind=IsolationKind.HOME,
            start_date=date(2020, 2, 1),
            planned_end=date(2020, 1, 31),
            reason="x",
        )
    assert error.value.message_dict["planned_end"] == ["计划解除日期不能早于开始日期"]


def test_release_records_who_and_when_and_starts_the_follow_on(staff, bureau):
    chief = staff["chief1"]
    today = timezone.localdate()
    policy = isolation_policy_save(
        actor=chief,
        unit=bureau["城关派出所"],
        category=WatchReason.CLOSE_CONTACT,
        name="密接7+3",
        kind=IsolationKind.HOME,
        days=7,
        then_kind=IsolationKind.HOME,
        then_days=3,
    )
    person = register(chief, name="周九")
    episode = episode_start(
        actor=chief,
        person=person,
        kind=IsolationKind.HOME,
        start_date=today - timedelta(6),
        policy=policy,
    )
    episode_transition(actor=chief, episode=episode, status=EpisodeStatus.RELEASED, on=today)
    episode.refresh_from_db()
    assert (episode.status, episode.actual_end) == (EpisodeStatus.RELEASED, today)
    event = episode.events.get(action="transition")
    assert (event.from_status, event.to_status, event.actor) == ("isolating", "released", chief)
    follow_on = episode.next_episode
    follow_on.refresh_from_db()
    assert follow_on.status == EpisodeStatus.ISOLATING
    with pytest.raises(ValidationError):
        episode_transition(actor=chief, episode=episode, status=EpisodeStatus.ISOLATING)


def test_site_correction_keeps_history_and_cannot_stand_down_an_occupied_site(staff, bureau):
    from shouwang.people.services import isolation_site_save

    chief = staff["chief1"]
    site = isolation_site_save(
        actor=chief, unit=bureau["城关派出所"], name="城关宾馆", address="城关镇1号", rooms=30
    )
    episode_start(
        actor=chief,
        person=register(chief, name="赵六"),
        kind=IsolationKind.CENTRALISED,
        start_date=timezone.localdate(),
        site=site,
        room="301",
    )

    isolation_site_save(
        actor=chief, unit=site.unit, site=site, name="城關賓館", address="城关镇2号", rooms=40
    )
    with pytest.raises(ValidationError) as refused:
        isolation_site_save(
            actor=chief,
            unit=site.unit,
            site=site,
            name="城关宾馆",
            address="城关镇2号",
            rooms=40,
            is_active=False,
        )
    assert refused.value.message_dict == {"is_active": ["该隔离点仍有1人在住，不能停用"]}
    with pytest.raises(ValidationError) as empty:
        isolation_site_save(actor=chief, unit=site.unit, site=site, name="", address="", rooms=-1)
    assert set(empty.value.message_dict) == {"name", "address", "rooms"}

    site.refresh_from_db()
    assert (site.name, site.address, site.rooms, site.is_active) == (
        "城关宾馆",
        "城关镇2号",
        40,
        True,
    )
    assert [(h.address, h.history_user_id) for h in site.history.order_by("history_id")] == [
        ("城关镇1号", chief.pk),
        ("城关镇2号", chief.pk),
    ]


def test_sibling_station_cannot_correct_a_site(staff, bureau):
    from django.core.exceptions import PermissionDenied

    from shouwang.people.services import isolation_site_save

    site = isolation_site_save(
        actor=staff["chief1"], unit=bureau["城关派出所"], name="城关宾馆", address="1号", rooms=3
    )
    with pytest.raises(PermissionDenied):
        isolation_site_save(
            actor=staff["chief2"], unit=site.unit, site=site, name="改", address="2号", rooms=1
        )
