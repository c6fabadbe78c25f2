"""A sibling station's user finds none of 城关's supplies (404) and changes nothing."""

from shouwang.supplies.models import Donor, Movement, Stock
from shouwang.supplies.services import movement_record

from .factories import item, receive

MOVEMENTS = "/api/v1/supplies/movements"


def _chengguan(staff):
    chief = staff["chief1"]
    masks = item(chief)
    receipt = receive(chief, masks, 10)
    donation = movement_record(
        actor=chief,
        unit=chief.unit,
        item=masks,
        kind="donated",
        quantity=5,
        donor_details={"name": "赵一", "contact": "13900001111"},
    )
    return chief, masks, receipt, donation.donor


def _snapshot():
    return (
        list(Stock.objects.values_list("unit_id", "item_id", "quantity")),
        Movement.objects.count(),
        list(Donor.objects.values_list("pk", "thanked_at")),
    )


def test_the_sibling_station_gets_404_through_the_api(staff, api_as):
    chief, masks, receipt, donor = _chengguan(staff)
    before = _snapshot()
    client = api_as("chief2")
    assert client.get(f"/api/v1/supplies/stock?unit={chief.unit_id}").status_code == 404
    issue_there = {"unit": chief.unit_id, "item": masks.pk, "kind": "issued", "quantity": 1}
    assert client.post_json(MOVEMENTS, issue_there).status_code == 404
    own = staff["chief2"].unit_id
    for body in (
        {"unit": own, "item": masks.pk, "kind": "received", "quantity": 1},
        {
            "unit": own,
            "item": item(staff["chief2"]).pk,
            "kind": "donated",
            "quantity": 1,
            "donor": donor.pk,
        },
    ):
        assert client.post_json(MOVEMENTS, body).status_code == 404, body
    reverse = client.post_json(f"{MOVEMENTS}/{receipt.pk}/reverse", {"reason": "x"})
    assert reverse.status_code == 404
    assert client.get(MOVEMENTS).json()["count"] == 0
    assert client.get("/api/v1/supplies/donors").json()["count"] == 0
    assert _snapshot()[0] == before[0] and _snapshot()[2] == before[2]


def test_the_sibling_station_gets_404_on_the_pages(staff, login_as):
    chief, masks, receipt, donor = _chengguan(staff)
    before = _snapshot()
    browser = login_as("chief2")
    assert (
        browser.post(f"/supplies/movements/{receipt.pk}/reverse/", {"reason": "x"}).status_code
        == 404
    )
    assert browser.post(f"/supplies/donors/{donor.pk}/thank/").status_code == 404
    assert browser.post(f"/supplies/donors/{donor.pk}/reveal/", {"reason": "x"}).status_code == 404
    page = browser.get(f"/supplies/?unit={chief.unit_id}")
    assert page.status_code == 200 and page.context["unit"] == staff["chief2"].unit
    assert page.context["lines"] == []
    assert list(browser.get("/supplies/movements/").context["page_obj"]) == []
    assert _snapshot() == before
