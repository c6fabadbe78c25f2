"""Handovers racing on PostgreSQL: several registrations naming one ID number at once end with
one person and one watch record; batches handing over the same people in opposite orders do not
deadlock."""

import pytest

from shouwang.checkpoints.models import Occupant, Passage
from shouwang.people.models import Alert, Person, WatchRecord
from shouwang.people.tests.factories import id_number
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import passage_data

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]

FEVER_ID = "610824198801150717"


def handover(checkpoint, n: int, occupants: list[dict]) -> dict:
    return passage_data(
        checkpoint,
        plate=f"陕A{n:05d}",
        temperature="38.6",
        disposition="handed_over",
        occupants=occupants,
        occupants_count=len(occupants),
    )


def test_parallel_handovers_of_one_id_number_make_one_person_and_one_record(
    api_as, staff, checkpoints
):
    clients = [api_as("officer1") for _ in range(WORKERS)]
    items = [
        handover(checkpoints["城关"], n, [{"name": "张三", "id_number": FEVER_ID}])
        for n in range(WORKERS)
    ]

    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/passages", items[n]))

    assert [getattr(r, "status_code", r) for r in responses] == [201] * WORKERS
    person = Person.objects.get()
    record = WatchRecord.objects.get()
    assert record.person == person
    assert {tuple(r.json()["watch_records"]) for r in responses} == {(record.pk,)}
    assert Passage.objects.count() == WORKERS
    assert Occupant.objects.filter(watch_record=record).count() == WORKERS
    assert Alert.objects.filter(person=person).count() == WORKERS


def test_parallel_batches_handing_over_the_same_people_in_opposite_orders(
    api_as, staff, checkpoints
):
    people = [{"name": f"病人{n}", "id_number": id_number(sequence=f"{n:03d}")} for n in range(6)]
    clients = [api_as("officer1") for _ in range(WORKERS)]

    def send(n: int):
        order = people if n % 2 else people[::-1]
        items = [handover(checkpoints["城关"], n * 10 + i, [p]) for i, p in enumerate(order)]
        return clients[n].post_json("/api/v1/passages/batch", {"items": items})

    responses = run_concurrently(send)

    assert [getattr(r, "status_code", r) for r in responses] == [200] * WORKERS
    statuses = {res["status"] for r in responses for res in r.json()["results"]}
    assert statuses == {"created"}
    assert Person.objects.count() == len(people)
    assert WatchRecord.objects.count() == len(people)
    assert Passage.objects.count() == WORKERS * len(people)
