"""Concurrent writes on PostgreSQL: one winner, 409 (or nothing left to do) for the others."""

import pytest

from shouwang.cases.tests.factories import open_case
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently
from shouwang.venues.models import ClosureOrderVenue, Venue, VenueEvent
from shouwang.venues.services import closure_order_issue

from .factories import VALID_CODE, venue

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def statuses(responses) -> list:
    return sorted(
        response.status_code if hasattr(response, "status_code") else repr(response)
        for response in responses
    )


def test_parallel_decisions_on_a_case_record_one(api_as, staff):
    case = open_case(staff["officer1"])
    clients = [api_as("chief1") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/cases/{case.pk}/decision", {"fine_amount": 100 * (n + 1)}
        )
    )
    assert statuses(responses) == [200] + [409] * (WORKERS - 1)
    case.refresh_from_db()
    assert case.fine_amount in {100 * (n + 1) for n in range(WORKERS)}
    assert case.history.filter(status="decided").count() == 1


def test_parallel_orders_close_each_venue_once(api_as, staff, bureau):
    for n in range(5):
        venue(staff["chief1"], name=f"KTV{n}")
    clients = [api_as("chief1") for _ in range(WORKERS)]
    body = {
        "unit": bureau["城关派出所"].pk,
        "kinds": ["ktv"],
        "legal_basis": "依据",
        "effective_at": "2020-01-27T00:00:00+08:00",
    }
    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/closure-orders", body))
    assert statuses(responses) == [201] + [422] * (WORKERS - 1)
    assert ClosureOrderVenue.objects.count() == VenueEvent.objects.count() == 5
    assert set(Venue.objects.values_list("status", flat=True)) == {"ordered_closed"}


def test_parallel_acknowledgements_record_one(api_as, staff):
    place = venue(staff["chief1"])
    order = closure_order_issue(
        actor=staff["chief1"], unit=staff["chief1"].unit, kinds=["ktv"], legal_basis="依据"
    )
    clients = [api_as("auxiliary1") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/closure-orders/{order.pk}/acknowledgements",
            {"venue": place.pk, "name": f"签收人{n}"},
        )
    )
    assert statuses(responses) == [200] + [409] * (WORKERS - 1)
    assert order.entries.get().acknowledged_name.startswith("签收人")


def test_parallel_registrations_of_one_credit_code_keep_one(api_as, staff):
    clients = [api_as("officer1") for _ in range(WORKERS)]
    body = {
        "unit": staff["officer1"].unit_id,
        "kind": "pharmacy",
        "name": "康泰大药房",
        "address": "东街8号",
        "credit_code": VALID_CODE,
    }
    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/venues", body))
    assert statuses(responses) == [201] + [409] * (WORKERS - 1)
    assert Venue.objects.count() == 1
