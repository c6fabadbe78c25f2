"""The outsider: a sibling station's user finds none of a station's venues and changes nothing."""

from shouwang.venues.models import Inspection, Venue, VenueStatus
from shouwang.venues.services import closure_order_issue

from .factories import venue


def test_a_sibling_station_gets_404_and_nothing_changes(api_as, login_as, staff):
    place = venue(staff["chief1"], name="城关KTV")
    order = closure_order_issue(
        actor=staff["chief1"], unit=staff["chief1"].unit, kinds=["ktv"], legal_basis="依据"
    )
    api = api_as("chief2")
    assert api.get(f"/api/v1/venues/{place.pk}").status_code == 404
    assert api.get(f"/api/v1/closure-orders/{order.pk}").status_code == 404
    assert (
        api.post_json(
            f"/api/v1/venues/{place.pk}/transitions", {"status": "reopened", "note": "越权"}
        ).status_code
        == 404
    )
    assert (
        api.post_json(
            f"/api/v1/venues/{place.pk}/inspections", {"result": "violation", "notes": "越权"}
        ).status_code
        == 404
    )
    assert (
        api.post_json(
            f"/api/v1/closure-orders/{order.pk}/acknowledgements", {"venue": place.pk, "name": "x"}
        ).status_code
        == 404
    )
    assert api.get("/api/v1/venues").json()["count"] == 0
    browser = login_as("officer2")
    assert browser.get(f"/venues/{place.pk}/").status_code == 404
    assert browser.get(f"/venues/orders/{order.pk}/").status_code == 404
    assert browser.post(f"/venues/{place.pk}/status/", {"status": "reopened"}).status_code == 404
    place.refresh_from_db()
    assert place.status == VenueStatus.ORDERED_CLOSED
    assert Inspection.objects.count() == 0
    assert order.entries.get().acknowledged_at is None
    assert Venue.objects.count() == 1
