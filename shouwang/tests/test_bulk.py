"""`shouwang.bulk`: rows written as the ORM would write them, and `any_of` matching."""

import uuid
from datetime import date

import pytest

from shouwang.bulk import any_of, insert_rows
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_batch_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data
from shouwang.people.models import Person

pytestmark = pytest.mark.django_db


def test_any_of_matches_exactly_the_given_values_of_each_column_type(staff, bureau):
    checkpoint = make_checkpoint(bureau["城关东出口卡点"])
    items = [passage_data(checkpoint, plate=f"陕K1234{n}") for n in range(3)]
    results = passage_batch_register(actor=staff["officer1"], items=items)
    ids = [result["id"] for result in results]
    client_ids = [uuid.UUID(item["client_id"]) for item in items]

    found = Passage.objects.filter(
        any_of("client_id", [client_ids[0], client_ids[2], uuid.uuid4()])
    )
    assert sorted(found.values_list("pk", flat=True)) == [ids[0], ids[2]]
    assert list(Passage.objects.filter(any_of("pk", {ids[1]})).values_list("plate", flat=True)) == [
        "陕K12341"
    ]
    assert list(Passage.objects.filter(any_of("occurred_on", [date(2000, 1, 1)]))) == []
    assert list(Passage.objects.filter(any_of("plate", []))) == []


def test_insert_rows_returns_the_ids_in_order_and_fills_defaults(staff, bureau):
    unit = bureau["城关派出所"]
    ids = insert_rows(
        Person,
        [{"unit_id": unit.pk, "name": name, "id_number_index": name} for name in ("甲", "乙")],
    )
    people = Person.objects.filter(any_of("pk", ids)).order_by("pk")
    assert [(p.pk, p.name, p.phone, p.flagged_area_id) for p in people] == [
        (ids[0], "甲", "", None),
        (ids[1], "乙", "", None),
    ]
    assert people[0].created_at is not None
