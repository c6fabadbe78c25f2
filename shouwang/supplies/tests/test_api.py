"""The /api/v1/supplies contract: movements (201, 409), stock with days left, items, donors."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.supplies.models import Donor, Movement, Stock

from .factories import issue, item, receive

MOVEMENTS = "/api/v1/supplies/movements"


def test_a_movement_is_recorded_with_201(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    response = api_as("chief1").post_json(
        MOVEMENTS,
        {"unit": chief.unit_id, "item": masks.pk, "kind": "received", "quantity": 11500},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in ("unit", "item", "kind", "quantity", "delta", "to_unit")} == {
        "unit": chief.unit_id,
        "item": masks.pk,
        "kind": "received",
        "quantity": 11500,
        "delta": 11500,
        "to_unit": None,
    }
    assert Stock.objects.get(unit=chief.unit, item=masks).quantity == 11500


def test_an_issue_that_would_make_stock_negative_is_409(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 3)
    response = api_as("chief1").post_json(
        MOVEMENTS, {"unit": chief.unit_id, "item": masks.pk, "kind": "issued", "quantity": 4}
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "quantity"
    assert Stock.objects.get().quantity == 3
    assert Movement.objects.count() == 1


def test_a_transfer_through_the_api_moves_stock_between_units(api_as, staff, bureau):
    commander = staff["commander"]
    goggles = item(commander, name="护目镜", unit_of_measure="副")
    receive(commander, goggles, 100)
    station = bureau["白云山派出所"]
    response = api_as("commander").post_json(
        MOVEMENTS,
        {
            "unit": commander.unit_id,
            "item": goggles.pk,
            "kind": "transferred",
            "quantity": 40,
            "to_unit": station.pk,
        },
    )
    assert response.status_code == 201
    assert response.json()["to_unit"] == station.pk
    assert dict(Stock.objects.values_list("unit__name", "quantity")) == {
        "清河县公安局": 60,
        "白云山派出所": 40,
    }


def test_a_donation_takes_a_new_donor_or_a_known_one(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    client = api_as("chief1")
    body = {"unit": chief.unit_id, "item": masks.pk, "kind": "donated", "quantity": 400}
    first = client.post_json(
        MOVEMENTS, {**body, "donor": {"name": "刘德明", "organisation": "曙光村民"}}
    )
    assert first.status_code == 201, first.json()
    donor_id = first.json()["donor"]
    again = client.post_json(MOVEMENTS, {**body, "quantity": 100, "donor": donor_id})
    assert again.status_code == 201
    assert again.json()["donor"] == donor_id
    assert Donor.objects.count() == 1
    missing = client.post_json(MOVEMENTS, body)
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "donor", "message": "受赠须填写捐赠人"}]
    listed = client.get("/api/v1/supplies/donors").json()
    assert [(d["name"], d["gifts"]) for d in listed["items"]] == [("刘德明", 2)]


def test_bad_input_is_a_field_level_422(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    client = api_as("chief1")
    for body, field in (
        ({"kind": "received", "quantity": 0}, "quantity"),
        ({"kind": "lost", "quantity": 1}, "kind"),
        ({"kind": "written_off", "quantity": 1}, "reason"),
        ({"kind": "received", "quantity": "many"}, "quantity"),
    ):
        response = client.post_json(MOVEMENTS, {"unit": chief.unit_id, "item": masks.pk, **body})
        assert response.status_code == 422, body
        assert [e["field"] for e in response.json()["errors"]] == [field]


def test_stock_lists_items_quantity_and_days_left(api_as, staff):
    chief = staff["chief1"]
    now = timezone.now()
    masks = item(chief)
    gloves = item(chief, name="手套", unit_of_measure="副")
    receive(chief, masks, 700, occurred_at=now - timedelta(days=3))
    issue(chief, masks, 140, occurred_at=now - timedelta(days=2))
    receive(chief, gloves, 10, occurred_at=now - timedelta(days=3))
    client = api_as("chief1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/supplies/stock?unit={chief.unit_id}")
    assert response.status_code == 200
    assert sorted(response.json(), key=lambda row: row["item"]) == [
        {"item": masks.pk, "quantity": 560, "days_left": 28},
        {"item": gloves.pk, "quantity": 10, "days_left": None},
    ]
    # The token and its user, the unit, then the two figures queries.
    assert len(queries) <= 6
    assert client.get("/api/v1/supplies/stock").json() == response.json()


def test_items_are_listed_and_created(api_as, staff):
    client = api_as("commander")
    created = client.post_json(
        "/api/v1/supplies/items",
        {"name": "红外体温枪", "unit_of_measure": "支", "category": "equipment"},
    )
    assert created.status_code == 201
    assert created.json()["unit"] == staff["commander"].unit_id
    duplicate = client.post_json(
        "/api/v1/supplies/items",
        {"name": "红外体温枪", "unit_of_measure": "支", "category": "equipment"},
    )
    assert duplicate.status_code == 422
    # A station reads its bureau's catalogue.
    listed = api_as("chief1").get("/api/v1/supplies/items").json()
    assert [row["name"] for row in listed["items"]] == ["红外体温枪"]


def test_movements_are_listed_and_filtered(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 10)
    issue(chief, masks, 3, recipient="张明")
    client = api_as("chief1")
    everything = client.get(MOVEMENTS).json()
    assert [row["kind"] for row in everything["items"]] == ["issued", "received"]
    issued = client.get(f"{MOVEMENTS}?kind=issued&q=张明").json()
    assert [row["quantity"] for row in issued["items"]] == [3]


def test_a_movement_is_reversed_through_the_api(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 10)
    wrong = issue(chief, masks, 3)
    client = api_as("chief1")
    url = f"{MOVEMENTS}/{wrong.pk}/reverse"
    response = client.post_json(url, {"reason": "重复登记"})
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["reverses"]) == ("reversal", wrong.pk)
    assert client.post_json(url, {"reason": "再次"}).status_code == 409
    assert Stock.objects.get().quantity == 10


def test_roles_without_supplies_are_refused(api_as, staff):
    chief = staff["chief1"]
    masks = item(chief)
    body = {"unit": chief.unit_id, "item": masks.pk, "kind": "received", "quantity": 1}
    for username in ("officer1", "auxiliary1", "volunteer1", "duty1", "health1", "admin"):
        client = api_as(username)
        assert client.post_json(MOVEMENTS, body).status_code == 403, username
        assert client.get("/api/v1/supplies/stock").status_code == 403, username
    assert Movement.objects.count() == 0


def test_an_items_threshold_is_changed_by_its_own_unit_only(api_as, staff):
    bureau_item = item(staff["commander"], name="局配口罩")
    own = item(staff["chief1"], name="所配口罩")
    client = api_as("chief1")
    changed = client.patch_json(f"/api/v1/supplies/items/{own.pk}", {"low_stock_threshold": 300})
    assert (changed.status_code, changed.json()["low_stock_threshold"]) == (200, 300)
    above = client.patch_json(
        f"/api/v1/supplies/items/{bureau_item.pk}", {"low_stock_threshold": 1}
    )
    assert above.status_code == 404
    bureau_item.refresh_from_db()
    assert bureau_item.low_stock_threshold == 0
