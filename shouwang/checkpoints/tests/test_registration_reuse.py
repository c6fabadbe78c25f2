"""A registration takes its checkpoint as this process last read it (PostgreSQL), and the
statement writing the passage checks nothing it relied on changed since: a post closed, moved,
renamed or reopened by another process is seen by the next registration, and a refused write
leaves nothing behind."""

import dataclasses

import pytest
from django.db import connection

from shouwang.checkpoints import services
from shouwang.checkpoints.models import Checkpoint, CheckpointStatus, Passage, PassageCountsByHour
from shouwang.checkpoints.services import passage_register
from shouwang.conflicts import Conflict
from shouwang.people.models import Person, WatchRecord

from .factories import passage_data
from .test_handovers import handover

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one guarded statement on PostgreSQL"
)


def _changed_elsewhere(checkpoint: Checkpoint, **values) -> None:
    """As another server process would: no signal reaches this one."""
    Checkpoint.objects.filter(pk=checkpoint.pk).update(**values)


def _register(client, checkpoint, **fields):
    return client.post_json("/api/v1/passages", passage_data(checkpoint, **fields))


def test_a_post_closed_after_it_was_read_refuses_the_next_registration(api_as, checkpoints):
    client, post = api_as("officer1"), checkpoints["城关"]
    assert _register(client, post).status_code == 201
    _changed_elsewhere(post, status=CheckpointStatus.CLOSED)
    refused = _register(client, post, plate="陕K54321")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "checkpoint", "message": "该卡点已撤除，不能登记"}
    ]
    assert Passage.objects.count() == 1
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == 1


def test_a_post_reopened_after_it_was_read_closed_registers_again(api_as, checkpoints):
    client, post = api_as("officer1"), checkpoints["城关"]
    _changed_elsewhere(post, status=CheckpointStatus.CLOSED)
    assert _register(client, post).status_code == 422  # read, closed
    _changed_elsewhere(post, status=CheckpointStatus.ACTIVE)
    assert _register(client, post, plate="陕K54321").status_code == 201
    assert Passage.objects.get().plate == "陕K54321"


def test_a_post_moved_out_of_the_officers_jurisdiction_is_unknown_to_him(
    api_as, checkpoints, bureau
):
    client, post = api_as("officer1"), checkpoints["城关"]
    assert _register(client, post).status_code == 201
    _changed_elsewhere(post, unit=bureau["白云山高速出口检查站"])
    refused = _register(client, post, plate="陕K54321")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "checkpoint", "message": "未知的卡点"}]
    assert Passage.objects.count() == 1


def test_a_post_renamed_after_it_was_read_answers_with_its_new_name(api_as, checkpoints):
    client, post = api_as("officer1"), checkpoints["城关"]
    assert _register(client, post).json()["checkpoint_name"] == "城关东出口卡点"
    _changed_elsewhere(post, name="城关东出口卡点（新）")
    created = _register(client, post, plate="陕K54321")
    assert created.status_code == 201
    assert created.json()["checkpoint_name"] == "城关东出口卡点（新）"
    assert Passage.objects.count() == 2


def test_a_handover_refused_for_a_changed_post_leaves_one_watch_record(
    staff, checkpoints, monkeypatch
):
    post = checkpoints["城关"]
    passage_register(actor=staff["officer1"], data=passage_data(post))
    guards = []
    real_guard = services.registrable_guard

    def stale_once(read):
        guards.append(read)
        if len(guards) == 1:  # the write against what was read before finds it changed
            read = dataclasses.replace(read, rows_text=("(changed)", "(changed)"))
        return real_guard(read)

    monkeypatch.setattr(services, "registrable_guard", stale_once)
    passage = passage_register(actor=staff["officer1"], data=handover(post))
    assert len(guards) == 2
    assert Person.objects.count() == 1
    record = WatchRecord.objects.get()
    assert [o.passage for o in record.checkpoint_occupants.all()] == [passage]
    assert Passage.objects.count() == 2


def test_a_post_changing_under_every_attempt_is_a_conflict_and_nothing_is_written(
    staff, checkpoints, monkeypatch
):
    post = checkpoints["城关"]
    real_guard = services.registrable_guard
    monkeypatch.setattr(
        services,
        "registrable_guard",
        lambda read: real_guard(dataclasses.replace(read, rows_text=("(changed)", "(changed)"))),
    )
    with pytest.raises(Conflict) as refused:
        passage_register(actor=staff["officer1"], data=passage_data(post))
    assert refused.value.message_dict == {"checkpoint": ["卡点信息刚刚变更，请重新提交"]}
    assert Passage.objects.count() == PassageCountsByHour.objects.count() == 0
