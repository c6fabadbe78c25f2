"""Twenty officers issuing the last masks at once: exactly the stock succeeds, never below zero."""

import pytest

from shouwang.supplies.models import Movement, Stock
from shouwang.tests.concurrently import needs_postgresql, run_concurrently

from .factories import item, receive

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]

ISSUERS = 20
LAST = 7


def test_twenty_concurrent_issues_of_the_last_items_never_drive_stock_negative(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, LAST)
    clients = [api_as("chief1") for _ in range(ISSUERS)]
    body = {"unit": chief.unit_id, "item": masks.pk, "kind": "issued", "quantity": 1}
    responses = run_concurrently(
        lambda n: clients[n].post_json("/api/v1/supplies/movements", body), workers=ISSUERS
    )
    codes = sorted(getattr(r, "status_code", repr(r)) for r in responses)
    assert codes == [201] * LAST + [409] * (ISSUERS - LAST)
    assert Stock.objects.get(unit=chief.unit, item=masks).quantity == 0
    assert Movement.objects.filter(kind="issued").count() == LAST


def test_concurrent_transfers_both_ways_neither_deadlock_nor_go_negative(api_as, staff, bureau):
    commander = staff["commander"]
    masks = item(commander)
    station = bureau["城关派出所"]
    receive(commander, masks, 10)
    receive(commander, masks, 10, unit=station)
    clients = [api_as("commander") for _ in range(ISSUERS)]

    def transfer(n: int):
        source, target = (commander.unit, station) if n % 2 else (station, commander.unit)
        return clients[n].post_json(
            "/api/v1/supplies/movements",
            {
                "unit": source.pk,
                "item": masks.pk,
                "kind": "transferred",
                "quantity": 3,
                "to_unit": target.pk,
            },
        )

    responses = run_concurrently(transfer, workers=ISSUERS)
    assert {getattr(r, "status_code", repr(r)) for r in responses} <= {201, 409}
    balances = dict(Stock.objects.values_list("unit_id", "quantity"))
    assert sum(balances.values()) == 20 and min(balances.values()) >= 0
    out = Movement.objects.filter(kind="transferred").count()
    assert Movement.objects.filter(kind="transferred_in").count() == out
