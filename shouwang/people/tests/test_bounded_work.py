"""Dates within the domain's bounds, follow-ups written a few days ahead, conflicts as 409."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from shouwang.people.models import (
    EpisodeStatus,
    FollowUp,
    IsolationEpisode,
    IsolationKind,
    WatchReason,
    WatchSource,
)
from shouwang.people.services import (
    episode_change_end,
    episode_start,
    episode_transition,
    followup_record,
    followups_generate,
    isolation_policy_save,
    person_merge,
    travel_add,
    watch_record_create,
)

from .factories import register

TOO_EARLY = "日期不能早于2019年1月1日"
IN_THE_FUTURE = "日期不能晚于今天"


def _start(actor, person, start, **kwargs):
    return episode_start(
        actor=actor, person=person, kind=IsolationKind.HOME, start_date=start, **kwargs
    )


def _due_days(episode) -> list[date]:
    return list(FollowUp.objects.filter(episode=episode).values_list("due_date", flat=True))


@pytest.mark.parametrize(
    ("start_date", "message"),
    # Years outside 1900–2099 are refused by the API's schemas before the domain rule.
    [("2098-12-31", IN_THE_FUTURE), ("1900-01-01", TOO_EARLY), ("2018-12-31", TOO_EARLY)],
)
def test_isolation_start_out_of_bounds_is_a_field_error(api_as, staff, start_date, message):
    person = register(staff["officer1"], name="张伟")
    response = api_as("officer1").post_json(
        "/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": start_date}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "输入有误",
        "errors": [{"field": "start_date", "message": message}],
    }
    assert IsolationEpisode.objects.count() == 0


@pytest.mark.parametrize(
    ("start_date", "message"), [(date(9999, 12, 31), IN_THE_FUTURE), (date(1, 1, 1), TOO_EARLY)]
)
def test_isolation_start_in_year_1_or_9999_is_a_field_error(staff, start_date, message):
    officer = staff["officer1"]
    with pytest.raises(ValidationError) as refused:
        _start(officer, register(officer, name="张伟"), start_date)
    assert refused.value.message_dict == {"start_date": [message]}


def test_isolation_ending_in_2226_is_refused_and_writes_nothing(staff):
    officer, today = staff["officer1"], timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        _start(
            officer,
            register(officer, name="张伟"),
            today,
            planned_end=date(2226, 1, 1),
            reason="测试",
        )
    assert refused.value.message_dict == {"planned_end": ["隔离期不能超过60天"]}
    assert (IsolationEpisode.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_isolation_ending_past_the_limit_is_422_over_the_api(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    response = api_as("officer1").post_json(
        "/api/v1/isolations",
        {
            "person": person.pk,
            "kind": "home",
            "start_date": str(timezone.localdate()),
            "planned_end": "2098-01-01",
            "reason": "测试",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "planned_end", "message": "隔离期不能超过60天"}]
    assert (IsolationEpisode.objects.count(), FollowUp.objects.count()) == (0, 0)


def test_isolation_of_the_longest_length_writes_only_two_days_of_follow_ups(staff):
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(
        officer,
        register(officer, name="张伟"),
        today,
        planned_end=today + timedelta(days=59),
        reason="同住人确诊",
    )
    assert episode.planned_end == today + timedelta(days=59)
    assert _due_days(episode) == [today, today + timedelta(days=1)]
    assert episode.followups_until == today + timedelta(days=1)


def test_extension_past_the_limit_is_refused(staff):
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(officer, register(officer, name="张伟"), today)
    with pytest.raises(ValidationError) as refused:
        episode_change_end(
            actor=officer, episode=episode, planned_end=date(2226, 1, 1), reason="延长"
        )
    assert refused.value.message_dict == {"planned_end": ["隔离期不能超过60天"]}
    assert _due_days(episode) == [today, today + timedelta(days=1)]


def test_a_policy_longer_than_the_limit_is_held_to_it(staff, settings):
    settings.SHOUWANG_MAX_ISOLATION_DAYS = 10
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(officer, register(officer, name="张伟"), today)  # the default: 14 days
    assert episode.planned_end == today + timedelta(days=9)
    with pytest.raises(ValidationError) as refused:
        episode_change_end(
            actor=officer, episode=episode, planned_end=today + timedelta(days=10), reason="x"
        )
    assert refused.value.message_dict == {"planned_end": ["隔离期不能超过10天"]}


def test_policy_days_are_bounded_by_the_limit(staff, bureau):
    with pytest.raises(ValidationError) as refused:
        isolation_policy_save(
            actor=staff["chief1"],
            unit=bureau["城关派出所"],
            category="",
            name="过长",
            kind=IsolationKind.CENTRALISED,
            days=61,
            then_kind=IsolationKind.HOME,
            then_days=5000,
        )
    assert refused.value.message_dict == {
        "days": ["天数应在1到60之间"],
        "then_days": ["天数应在1到60之间"],
    }


def test_transition_dated_in_the_future_or_before_2019_is_refused(staff):
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(officer, register(officer, name="张伟"), today)
    for on, message in ((date(9999, 12, 31), IN_THE_FUTURE), (date(1, 1, 1), TOO_EARLY)):
        with pytest.raises(ValidationError) as refused:
            episode_transition(actor=officer, episode=episode, status="released", on=on)
        assert refused.value.message_dict == {"on": [message]}
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.ISOLATING


def test_arrival_travel_and_follow_up_dates_follow_the_same_rule(staff):
    officer, today = staff["officer1"], timezone.localdate()
    person = register(officer, name="张伟")
    with pytest.raises(ValidationError) as refused:
        watch_record_create(
            actor=officer,
            person=person,
            reason=WatchReason.RETURNEE,
            source=WatchSource.RESIDENT_TIP,
            arrived_on=date(9999, 12, 31),
        )
    assert refused.value.message_dict == {"arrived_on": [IN_THE_FUTURE]}
    with pytest.raises(ValidationError) as refused:
        travel_add(
            actor=officer,
            person=person,
            place="武汉",
            departed_on=date(1, 1, 1),
            arrived_on=date(9999, 12, 31),
        )
    assert refused.value.message_dict == {
        "departed_on": [TOO_EARLY],
        "arrived_on": [IN_THE_FUTURE],
    }
    episode = _start(officer, person, today)
    with pytest.raises(ValidationError) as refused:
        followup_record(actor=officer, episode=episode, due_date=today + timedelta(days=1))
    assert refused.value.message_dict == {"due_date": [IN_THE_FUTURE]}


def test_the_daily_command_moves_the_window_on(staff):
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(officer, register(officer, name="张伟"), today - timedelta(days=3))
    assert _due_days(episode)[-1] == today + timedelta(days=1)
    call_command("followups_generate", through=str(today + timedelta(days=3)))
    assert _due_days(episode) == [today + timedelta(days=n) for n in range(-3, 4)]
    # Run again: nothing more to write.
    assert followups_generate(through=today + timedelta(days=3)) == 0
    # Never past the planned end (today + 10).
    call_command("followups_generate", through=str(today + timedelta(days=40)))
    assert _due_days(episode)[-1] == episode.planned_end == today + timedelta(days=10)
    assert len(_due_days(episode)) == 14


def test_due_lists_show_todays_follow_ups_when_the_command_did_not_run(staff, login_as, api_as):
    officer, today = staff["officer1"], timezone.localdate()
    episode = _start(officer, register(officer, name="张伟"), today - timedelta(days=5))
    # As if the rows were last written four days ago and the command never ran since.
    FollowUp.objects.filter(episode=episode, due_date__gt=today - timedelta(days=3)).delete()
    IsolationEpisode.objects.filter(pk=episode.pk).update(followups_until=today - timedelta(days=3))

    due = api_as("officer1").get("/api/v1/followups/due").json()
    assert [(item["episode"], item["due_date"]) for item in due["items"]] == [
        (episode.pk, str(today))
    ]
    overdue = login_as("officer1").get(reverse("people:overdue"))
    assert [f.due_date for f in overdue.context["page_obj"]] == [
        today - timedelta(days=n) for n in (5, 4, 3, 2, 1)
    ]
    assert _due_days(episode)[-1] == today + timedelta(days=1)


def test_a_second_isolation_of_the_same_person_is_409(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    client = api_as("officer1")
    payload = {"person": person.pk, "kind": "home", "start_date": str(timezone.localdate())}
    assert client.post_json("/api/v1/isolations", payload).status_code == 201
    second = client.post_json("/api/v1/isolations", payload)
    assert second.status_code == 409
    assert second.json() == {
        "detail": "与当前数据冲突",
        "errors": [{"field": "person", "message": "该人员已有未结束的隔离"}],
    }


def test_merging_an_already_merged_record_is_409(api_as, staff):
    officer = staff["officer1"]
    first, second = register(officer, name="张伟"), register(officer, name="張偉")
    person_merge(actor=officer, keep=first, merge=second)
    # A page still showing the pair offers the opposite merge.
    response = api_as("officer1").post_json(
        f"/api/v1/people/{second.pk}/merge", {"merge": first.pk}
    )
    assert response.status_code == 409
    assert response.json()["errors"] == [{"field": "merge", "message": "已合并的记录不能再合并"}]


def test_merging_two_people_both_isolating_is_refused(staff):
    officer, today = staff["officer1"], timezone.localdate()
    first, second = register(officer, name="张伟"), register(officer, name="張偉")
    _start(officer, first, today)
    _start(officer, second, today)
    with pytest.raises(ValidationError) as refused:
        person_merge(actor=officer, keep=first, merge=second)
    assert refused.value.message_dict == {
        "merge": ["两条记录都在隔离中，请先解除或转出其中一段隔离再合并"]
    }
    second.refresh_from_db()
    assert second.merged_into_id is None


def test_starting_the_follow_on_while_the_first_stay_runs_is_409(api_as, staff, bureau):
    chief, today = staff["chief1"], timezone.localdate()
    policy = isolation_policy_save(
        actor=chief,
        unit=bureau["城关派出所"],
        category="",
        name="7+3",
        kind=IsolationKind.HOME,
        days=7,
        then_kind=IsolationKind.HOME,
        then_days=3,
    )
    # The first stay ran past its planned end and nobody released it.
    first = _start(chief, register(chief, name="张伟"), today - timedelta(days=10), policy=policy)
    response = api_as("chief1").post_json(
        f"/api/v1/isolations/{first.next_episode_id}/transitions",
        {"status": "isolating", "on": str(today - timedelta(days=3))},  # its start
    )
    assert response.status_code == 409
    assert response.json()["errors"] == [{"field": "person", "message": "该人员已有未结束的隔离"}]
    first.next_episode.refresh_from_db()
    assert first.next_episode.status == EpisodeStatus.PLANNED
