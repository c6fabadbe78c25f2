"""One client_id sent by several requests at once on PostgreSQL: one passage, no 500."""

import uuid

import pytest

from shouwang.checkpoints.models import (
    Occupant,
    Passage,
    PassageCountsByHour,
    PassageCountsByOrigin,
)
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import passage_data

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
SHARED = 50


def statuses(responses) -> list:
    return sorted(
        response.status_code if hasattr(response, "status_code") else repr(response)
        for response in responses
    )


def test_parallel_registrations_of_one_client_id_store_one_and_answer_409(
    api_as, staff, checkpoints
):
    data = passage_data(checkpoints["城关"], occupants=[{"name": "张伟", "temperature": 36.5}])
    clients = [api_as("officer1") for _ in range(WORKERS)]

    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/passages", data))

    assert statuses(responses) == [201] + [409] * (WORKERS - 1)
    assert [r.json() for r in responses if r.status_code == 409][0] == {
        "detail": "与当前数据冲突",
        "errors": [{"field": "client_id", "message": "该登记已提交过"}],
    }
    passage = Passage.objects.get(client_id=data["client_id"])
    assert Occupant.objects.filter(passage=passage).count() == 1
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == 1


def test_parallel_batches_with_one_client_id_store_it_once(api_as, staff, checkpoints):
    shared = passage_data(checkpoints["城关"])
    own = [passage_data(checkpoints["城关"], plate=f"陕K{n:05d}") for n in range(WORKERS)]
    clients = [api_as("officer1") for _ in range(WORKERS)]

    responses = run_concurrently(
        lambda n: clients[n].post_json("/api/v1/passages/batch", {"items": [shared, own[n]]})
    )

    assert statuses(responses) == [200] * WORKERS
    results = [r.json()["results"] for r in responses]
    stored = Passage.objects.get(client_id=shared["client_id"])
    assert sorted(result[0]["status"] for result in results) == ["created"] + ["duplicate"] * (
        WORKERS - 1
    )
    assert {result[0]["id"] for result in results} == {stored.pk}
    assert [result[1]["status"] for result in results] == ["created"] * WORKERS
    assert Passage.objects.count() == WORKERS + 1
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == WORKERS + 1


def test_parallel_single_and_batch_registrations_of_one_client_id(api_as, staff, checkpoints):
    data = passage_data(checkpoints["城关"], client_id=str(uuid.uuid4()))
    clients = [api_as("officer1") for _ in range(WORKERS)]

    def send(n: int):
        if n % 2:
            return clients[n].post_json("/api/v1/passages", data)
        return clients[n].post_json("/api/v1/passages/batch", {"items": [data]})

    responses = run_concurrently(send)

    batches, singles = responses[0::2], responses[1::2]
    assert [r.status_code for r in batches] == [200] * (WORKERS // 2)
    assert set(r.status_code for r in singles) <= {201, 409}
    stored = Passage.objects.get(client_id=data["client_id"])
    batch_results = [r.json()["results"][0] for r in batches]
    won = [r for r in batch_results if r["status"] == "created"]
    won += [r.json() for r in singles if r.status_code == 201]
    assert [r["id"] for r in won] == [stored.pk]
    assert {r["id"] for r in batch_results} == {stored.pk}
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == 1


def test_parallel_batches_sharing_ids_in_different_orders_do_not_deadlock(
    api_as, staff, checkpoints
):
    shared = [passage_data(checkpoints["城关"], plate=f"陕K1{n:04d}") for n in range(SHARED)]
    clients = [api_as("officer1") for _ in range(WORKERS)]

    def send(n: int):
        start = n * SHARED // WORKERS  # each batch starts somewhere else
        items = shared[start:] + shared[:start]
        return clients[n].post_json(
            "/api/v1/passages/batch", {"items": items if n % 2 else items[::-1]}
        )

    responses = run_concurrently(send)

    assert statuses(responses) == [200] * WORKERS
    by_client_id: dict[str, list[str]] = {}
    for response in responses:
        for result in response.json()["results"]:
            by_client_id.setdefault(result["client_id"], []).append(result["status"])
    assert {key: sorted(value) for key, value in by_client_id.items()} == {
        item["client_id"]: ["created"] + ["duplicate"] * (WORKERS - 1) for item in shared
    }
    assert Passage.objects.count() == SHARED
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == SHARED


def test_parallel_plain_registrations_of_one_client_id_store_one_and_count_once(
    api_as, staff, checkpoints
):
    """No occupants: each request writes its passage and counts in one statement."""
    data = passage_data(checkpoints["城关"])
    clients = [api_as("officer1") for _ in range(WORKERS)]

    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/passages", data))

    assert statuses(responses) == [201] + [409] * (WORKERS - 1)
    assert Passage.objects.filter(client_id=data["client_id"]).count() == 1
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == 1
    assert sum(PassageCountsByOrigin.objects.values_list("passages", flat=True)) == 1


def test_registrations_and_batches_at_one_post_and_hour_count_every_passage(
    api_as, staff, checkpoints
):
    """Single registrations lock the hour's counts then the origin's, as batches do: none
    deadlocks, and the counts are the passages stored."""
    east = checkpoints["城关"]
    at = "2026-02-01T09:15:00+08:00"
    clients = [api_as("officer1") for _ in range(WORKERS)]

    def send(n: int):
        if n % 2:
            items = [
                passage_data(east, plate=f"陕K{n:02d}{k:03d}", occurred_at=at) for k in range(20)
            ]
            return clients[n].post_json("/api/v1/passages/batch", {"items": items})
        return clients[n].post_json(
            "/api/v1/passages", passage_data(east, plate=f"陕K{n:05d}", occurred_at=at)
        )

    responses = run_concurrently(send)

    assert all(response.status_code in (200, 201) for response in responses), statuses(responses)
    stored = Passage.objects.count()
    assert stored == (WORKERS // 2) * 20 + (WORKERS - WORKERS // 2)
    assert list(PassageCountsByHour.objects.values_list("passages", flat=True)) == [stored]
    assert sum(PassageCountsByOrigin.objects.values_list("passages", flat=True)) == stored


def test_a_post_closed_while_its_officers_register_stores_nothing_half_and_then_refuses(
    api_as, staff, checkpoints
):
    """Registrations taken against the post as last read race its closing: each is stored
    whole (counted once) or refused in Chinese, and the first after the closing is refused."""
    post = checkpoints["城关"]
    clients = [api_as("officer1") for _ in range(WORKERS - 1)]
    assert clients[0].post_json("/api/v1/passages", passage_data(post)).status_code == 201

    def work(n: int):
        if n == WORKERS - 1:
            from shouwang.checkpoints.services import checkpoint_close

            return checkpoint_close(actor=staff["chief1"], checkpoint=post, reason="撤点")
        return [
            clients[n].post_json("/api/v1/passages", passage_data(post, plate=f"陕K{n}{k:04d}"))
            for k in range(4)
        ]

    results = run_concurrently(work)

    responses = [response for batch in results[:-1] for response in batch]
    assert {response.status_code for response in responses} <= {201, 422}
    refused = [response.json()["errors"] for response in responses if response.status_code == 422]
    assert all(
        errors == [{"field": "checkpoint", "message": "该卡点已撤除，不能登记"}]
        for errors in refused
    )
    stored = 1 + sum(response.status_code == 201 for response in responses)
    assert Passage.objects.count() == stored
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == stored
    late = clients[0].post_json("/api/v1/passages", passage_data(post, plate="陕K99999"))
    assert late.status_code == 422
