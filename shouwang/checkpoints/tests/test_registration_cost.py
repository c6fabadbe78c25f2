"""What one registration costs the database, and that the cheaper path answers the same."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.areas import selectors as area_selectors
from shouwang.areas.models import KeyArea
from shouwang.areas.services import key_area_create, key_area_end
from shouwang.checkpoints.models import Passage, PassageCountsByHour

from .factories import passage_data

VALID_ID = "610824198801150717"


def _statements(queries) -> list[str]:
    """Each statement as its verb and table, savepoints named alike on both databases."""
    shown = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            shown.append(sql.rsplit(" ", 1)[0])
            continue
        # The statement's own table: the last it writes into (the counts' upserts come before
        # the passage's INSERT, whose values may hold a subquery), else the last it reads
        # (subqueries come first in a SELECT's column list).
        table = (re.findall(r'INTO "(\w+)"', sql) or re.findall(r'FROM "(\w+)"', sql))[-1]
        shown.append(f"{sql.split(' ', 1)[0]} {table}")
    return shown


def _register_twice(client, checkpoints) -> tuple[object, CaptureQueriesContext]:
    # The first call of a token notes its use (once a minute) and the process reads the key
    # areas in force once: the second is the steady state of a post registering all day.
    assert (
        client.post_json("/api/v1/passages", passage_data(checkpoints["城关"])).status_code == 201
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post_json(
            "/api/v1/passages", passage_data(checkpoints["城关"], plate="陕K54321")
        )
    assert response.status_code == 201
    return response, queries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL")
def test_a_plain_api_registration_writes_its_passage_and_counts_in_one_statement(
    api_as, checkpoints
):
    _response, queries = _register_twice(api_as("officer1"), checkpoints)
    # The token with its user and unit; the passage with its two counts, written against the
    # checkpoint as the first registration read it (the statement checks it is unchanged). The
    # savepoint is the test's transaction's (a request of its own has none: the statement is
    # atomic alone).
    assert _statements(queries) == [
        "SELECT accounts_apitoken",
        "SAVEPOINT",
        "WITH checkpoints_passage",
        "RELEASE SAVEPOINT",
    ]
    written = queries.captured_queries[2]["sql"]
    assert 'INTO "checkpoints_passagecountsbyhour"' in written
    assert 'INTO "checkpoints_passagecountsbyorigin"' in written
    assert sum(PassageCountsByHour.objects.values_list("passages", flat=True)) == 2


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite writes row by row")
def test_a_plain_api_registration_is_five_statements_on_sqlite(api_as, checkpoints):
    _response, queries = _register_twice(api_as("officer1"), checkpoints)
    assert _statements(queries) == [
        "SELECT accounts_apitoken",
        "SELECT checkpoints_checkpoint",
        "SAVEPOINT",
        "INSERT checkpoints_passage",
        "INSERT checkpoints_passagecountsbyhour",
        "INSERT checkpoints_passagecountsbyorigin",
        "RELEASE SAVEPOINT",
    ]


def test_the_answer_to_a_registration_is_the_passage_as_read_back(api_as, staff, checkpoints):
    key_area_create(
        actor=staff["commander"],
        region_code="420000",
        risk_level="high",
        valid_from=date(2020, 1, 1),
    )
    client = api_as("officer1")
    created = client.post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="鄂A12345",
            occurred_at="2026-01-15T08:30:00+08:00",
            temperature="36.6",
            health_code="green",
            disposition="registered",
            occupants_count=3,
            occupants=[
                {"name": "李四", "id_number": VALID_ID, "phone": "13909120004"},
                {"name": "王五", "temperature": 36.4},
            ],
        ),
    )
    assert created.status_code == 201
    body = created.json()
    read_back = client.get(f"/api/v1/passages/{body['id']}").json()
    assert body == read_back
    assert (body["key_area"], body["key_area_name"], body["key_area_risk_level"]) == (
        True,
        "湖北省",
        "high",
    )
    assert [o["id_number"] for o in body["occupants"]] == ["610824********0717", ""]
    assert body["pass_result"] is None


def test_a_resent_registration_is_409_and_counts_once(api_as, checkpoints):
    data = passage_data(checkpoints["城关"], occupants=[{"name": "李四"}])
    client = api_as("officer1")
    assert client.post_json("/api/v1/passages", data).status_code == 201
    again = client.post_json("/api/v1/passages", data)
    assert again.status_code == 409
    assert again.json()["errors"] == [{"field": "client_id", "message": "该登记已提交过"}]
    assert Passage.objects.count() == 1
    assert Passage.objects.get().occupants.count() == 1
    counts = PassageCountsByHour.objects.get()
    assert (counts.passages, counts.people_met) == (1, 1)


def _flagged(client, checkpoint, plate: str) -> bool:
    response = client.post_json("/api/v1/passages", passage_data(checkpoint, plate=plate))
    assert response.status_code == 201
    return response.json()["key_area"]


def test_key_areas_published_or_ended_apply_to_the_next_registration(api_as, staff, checkpoints):
    client = api_as("officer1")
    east = checkpoints["城关"]
    assert _flagged(client, east, "鄂A10001") is False  # the process now holds "none"
    area = key_area_create(
        actor=staff["commander"],
        region_code="420000",
        risk_level="medium",
        valid_from=date(2020, 1, 1),
    )
    assert _flagged(client, east, "鄂A10002") is True
    key_area_end(actor=staff["commander"], area=area, on=timezone.localdate() - timedelta(days=1))
    assert _flagged(client, east, "鄂A10003") is False


def test_a_key_area_published_by_another_process_applies_at_once(api_as, staff, checkpoints):
    """Another server process empties only its own cache: this one sees the version change."""
    client = api_as("officer1")
    east = checkpoints["城关"]
    assert _flagged(client, east, "鄂A20001") is False
    receiver = area_selectors._key_areas_changed
    assert post_save.disconnect(receiver, sender=KeyArea)  # as if published elsewhere
    try:
        key_area_create(
            actor=staff["commander"],
            region_code="420100",
            risk_level="high",
            valid_from=date(2020, 1, 1),
        )
    finally:
        post_save.connect(receiver, sender=KeyArea)
    assert _flagged(client, east, "鄂A20002") is True
