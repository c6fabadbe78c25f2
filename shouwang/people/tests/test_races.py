"""Concurrent isolation starts and merges on PostgreSQL: one winner, 409 for the others."""

import pytest
from django.utils import timezone

from shouwang.people.models import EpisodeStatus, FollowUp, IsolationEpisode, Person, PersonMerge
from shouwang.people.services.followup_schedule import FOLLOWUP_DAYS_AHEAD
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import id_number, register

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def statuses(responses) -> list:
    return sorted(
        response.status_code if hasattr(response, "status_code") else repr(response)
        for response in responses
    )


def test_parallel_isolation_starts_open_one_episode_and_answer_409(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    clients = [api_as("officer1") for _ in range(WORKERS)]
    today = timezone.localdate()

    responses = run_concurrently(
        lambda n: clients[n].post_json(
            "/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": str(today)}
        )
    )

    assert statuses(responses) == [201] + [409] * (WORKERS - 1)
    refused = [r.json() for r in responses if r.status_code == 409]
    assert refused[0] == {
        "detail": "与当前数据冲突",
        "errors": [{"field": "person", "message": "该人员已有未结束的隔离"}],
    }
    episode = IsolationEpisode.objects.get(person=person)
    assert episode.status == EpisodeStatus.ISOLATING
    assert FollowUp.objects.filter(episode__person=person).count() == FOLLOWUP_DAYS_AHEAD + 1


def test_parallel_opposite_merges_of_a_pair_let_one_win(api_as, staff):
    first = register(staff["officer1"], name="张伟", id_number=id_number(sequence="231"))
    second = register(staff["officer1"], name="張偉", phone="13800138000")
    clients = [api_as("officer1") for _ in range(WORKERS)]

    def merge(n: int):
        keep, gone = (first, second) if n % 2 else (second, first)
        return clients[n].post_json(f"/api/v1/people/{keep.pk}/merge", {"merge": gone.pk})

    responses = run_concurrently(merge)

    assert statuses(responses) == [200] + [409] * (WORKERS - 1)
    assert [r.json() for r in responses if r.status_code == 409][0] == {
        "detail": "与当前数据冲突",
        "errors": [{"field": "merge", "message": "已合并的记录不能再合并"}],
    }
    merge_record = PersonMerge.objects.get()
    kept, merged = merge_record.kept, merge_record.merged
    assert {kept.pk, merged.pk} == {first.pk, second.pk}
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert (kept.merged_into_id, merged.merged_into_id) == (None, kept.pk)


def test_parallel_chained_merges_neither_deadlock_nor_leave_a_chain(api_as, staff):
    people = [
        register(staff["officer1"], name=f"链{n}", phone=f"1380013{n:04d}")
        for n in range(WORKERS + 1)
    ]
    clients = [api_as("officer1") for _ in range(WORKERS)]

    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/people/{people[n].pk}/merge", {"merge": people[n + 1].pk}
        )
    )

    codes = statuses(responses)
    assert set(codes) <= {200, 409}, codes
    won = codes.count(200)
    assert won >= 1
    assert PersonMerge.objects.count() == won
    stored = Person.objects.filter(pk__in=[p.pk for p in people])
    live = {p.pk for p in stored if p.merged_into_id is None}
    assert len(live) == WORKERS + 1 - won
    # Every merged record points straight at a live one: no record is merged into a merged one.
    assert all(p.merged_into_id in live for p in stored if p.merged_into_id is not None)
