"""Desks acting at once on PostgreSQL: one claim wins, crossing merges never make a circle."""

import pytest

from shouwang.intake.models import Report
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import at_station

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def statuses(responses) -> list:
    return sorted(
        response.status_code if hasattr(response, "status_code") else repr(response)
        for response in responses
    )


def test_desks_claiming_one_report_at_once_leave_one_handler_and_409s(bureau, api_as):
    report = at_station(bureau)
    desks = ["duty1", "officer1", "chief1"]
    clients = [api_as(desks[n % len(desks)]) for n in range(WORKERS)]

    responses = run_concurrently(
        lambda n: clients[n].post_json(f"/api/v1/intake/reports/{report.pk}/assign", {})
    )

    report.refresh_from_db()
    winner = report.handler.username
    # The winner's own repeated claims succeed and change nothing; every other desk gets 409.
    expected_ok = sum(1 for n in range(WORKERS) if desks[n % len(desks)] == winner)
    assert statuses(responses) == [200] * expected_ok + [409] * (WORKERS - expected_ok)
    assert report.events.filter(kind__in=["claimed", "assigned"]).count() == 1
    refused = next(r.json() for r in responses if r.status_code == 409)
    assert refused["errors"][0]["field"] == "handler"


def test_crossing_merges_of_a_pair_let_one_win(bureau, api_as):
    first = at_station(bureau)
    second = at_station(bureau, contact_phone="13700000000")
    clients = [api_as("duty1") for _ in range(WORKERS)]

    def merge(n: int):
        report, into = (first, second) if n % 2 else (second, first)
        return clients[n].post_json(f"/api/v1/intake/reports/{report.pk}/merge", {"into": into.pk})

    responses = run_concurrently(merge)

    assert sorted(r.status_code for r in responses).count(200) == 1
    assert {r.status_code for r in responses} <= {200, 409, 422}
    rows = {r.pk: r for r in Report.objects.filter(pk__in=[first.pk, second.pk])}
    merged = [r for r in rows.values() if r.status == "merged"]
    assert len(merged) == 1
    kept = next(r for r in rows.values() if r.status != "merged")
    assert merged[0].merged_into_id == kept.pk and kept.merged_into_id is None
