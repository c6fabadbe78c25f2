"""The venues API as its Interface states it: venues, transitions, orders, inspections, figures."""

from datetime import datetime

from django.utils import timezone

from shouwang.cases.models import Case
from shouwang.cases.services import case_decide
from shouwang.cases.tests.factories import open_case
from shouwang.venues.models import Venue, VenueStatus
from shouwang.venues.services import closure_order_issue, inspection_record

from .factories import VALID_CODE, venue

BASIS = "《突发事件应对法》"


def test_a_venue_is_registered_and_its_phone_masked(api_as, staff):
    response = api_as("officer1").post_json(
        "/api/v1/venues",
        {
            "unit": staff["officer1"].unit_id,
            "kind": "internet_cafe",
            "name": "极速网咖",
            "address": "城关镇东大街3号",
            "owner_name": "李四",
            "owner_phone": "13809120002",
            "credit_code": VALID_CODE,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["owner_phone"], body["owner_name"]) == (
        "open",
        "138****0002",
        "李四",
    )
    assert Venue.objects.get(pk=body["id"]).owner_phone == "13809120002"


def test_a_wrong_credit_code_checksum_is_a_422(api_as, staff):
    response = api_as("officer1").post_json(
        "/api/v1/venues",
        {
            "unit": staff["officer1"].unit_id,
            "kind": "ktv",
            "name": "某KTV",
            "address": "某路1号",
            "credit_code": "91610824MA70X2Y57A",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "credit_code", "message": "统一社会信用代码校验位错误"}
    ]
    assert Venue.objects.count() == 0


def test_the_list_filters_by_unit_kind_and_status(api_as, staff, bureau):
    venue(staff["chief1"], name="KTV甲")
    venue(staff["chief1"], bureau["北门社区"], kind="hotel", name="北门宾馆")
    venue(staff["chief2"], name="白云山KTV")
    client = api_as("chief1")
    everything = client.get("/api/v1/venues").json()
    assert (everything["count"], {i["name"] for i in everything["items"]}) == (
        2,
        {"KTV甲", "北门宾馆"},
    )
    community = client.get(f"/api/v1/venues?unit={bureau['北门社区'].pk}").json()
    assert [item["name"] for item in community["items"]] == ["北门宾馆"]
    assert client.get("/api/v1/venues?kind=ktv&status=open").json()["count"] == 1
    assert client.get("/api/v1/venues?status=ordered_closed").json()["count"] == 0


def test_reopening_through_the_api_needs_the_approving_role(api_as, staff):
    place = venue(staff["chief1"])
    chief, officer = api_as("chief1"), api_as("officer1")
    url = f"/api/v1/venues/{place.pk}/transitions"
    assert chief.post_json(url, {"status": "ordered_closed", "note": "关停"}).status_code == 200
    refused = officer.post_json(url, {"status": "reopened", "note": "申请复业"})
    assert refused.status_code == 403
    assert "复业须经所长或指挥部批准" in refused.json()["detail"]
    place.refresh_from_db()
    assert place.status == VenueStatus.ORDERED_CLOSED
    approved = chief.post_json(url, {"status": "reopened", "note": "整改合格"})
    assert (approved.status_code, approved.json()["status"]) == (200, "reopened")


def test_a_county_order_closes_the_kinds_of_every_station(api_as, staff, bureau):
    ktv1 = venue(staff["chief1"])
    cafe2 = venue(staff["chief2"], kind="internet_cafe", name="白云网吧")
    hotel = venue(staff["chief2"], kind="hotel", name="白云宾馆")
    response = api_as("commander").post_json(
        "/api/v1/closure-orders",
        {
            "unit": bureau["清河县公安局"].pk,
            "kinds": ["ktv", "internet_cafe"],
            "legal_basis": BASIS,
            "effective_at": "2020-01-27T00:00:00+08:00",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["venues_count"] == 2
    statuses = dict(Venue.objects.values_list("pk", "status"))
    assert statuses == {
        ktv1.pk: "ordered_closed",
        cafe2.pk: "ordered_closed",
        hotel.pk: "open",
    }
    # A station reads the county order, with its own venues only.
    order = api_as("officer1").get(f"/api/v1/closure-orders/{response.json()['id']}").json()
    assert [entry["venue_name"] for entry in order["entries"]] == ["金色年华KTV"]
    acknowledged = api_as("auxiliary1").post_json(
        f"/api/v1/closure-orders/{order['id']}/acknowledgements",
        {"venue": ktv1.pk, "name": "王老板"},
    )
    assert (acknowledged.status_code, acknowledged.json()["acknowledged_name"]) == (200, "王老板")


def test_an_order_naming_a_sibling_stations_venue_is_refused(api_as, staff, bureau):
    sibling = venue(staff["chief2"], name="白云KTV")
    response = api_as("chief1").post_json(
        "/api/v1/closure-orders",
        {
            "unit": bureau["城关派出所"].pk,
            "venues": [sibling.pk],
            "legal_basis": BASIS,
            "effective_at": "2020-01-27T00:00:00+08:00",
        },
    )
    assert response.status_code == 422
    assert Venue.objects.get(pk=sibling.pk).status == VenueStatus.OPEN


def test_a_violation_answers_its_case_and_a_compliant_inspection_none(api_as, staff):
    place = venue(staff["chief1"], kind="mahjong_room", name="汇景棋牌室")
    client = api_as("auxiliary1")
    url = f"/api/v1/venues/{place.pk}/inspections"
    ok = client.post_json(url, {"inspected_at": "2020-02-14T21:00:00+08:00", "result": "compliant"})
    assert (ok.status_code, ok.json()["case"]) == (201, None)
    bad = client.post_json(
        url,
        {
            "inspected_at": "2020-02-14T22:10:00+08:00",
            "result": "violation",
            "notes": "4人聚集打麻将",
            "unannounced": True,
            "case_kind": "gambling_gathering",
        },
    )
    assert bad.status_code == 201
    case = Case.objects.get()
    assert bad.json()["case"] == case.pk
    assert case.kind == "gambling_gathering"


def test_the_due_list_per_station_and_date(api_as, staff, bureau):
    gym = venue(staff["chief1"], kind="gym", name="健身房")
    venue(staff["chief2"], kind="gym", name="白云健身")
    effective = timezone.make_aware(datetime(2020, 1, 26, 8))
    for chief in ("chief1", "chief2"):
        closure_order_issue(
            actor=staff[chief],
            unit=staff[chief].unit,
            kinds=["gym"],
            legal_basis=BASIS,
            effective_at=effective,
        )
    inspection_record(
        actor=staff["officer1"],
        venue=gym,
        result="compliant",
        inspected_at=timezone.make_aware(datetime(2020, 1, 26, 9)),
    )
    client = api_as("commander")
    own = client.get(
        f"/api/v1/inspections/due?unit={bureau['城关派出所'].pk}&date=2020-01-28"
    ).json()
    assert (own["count"], own["overdue"], own["items"][0]["days_overdue"]) == (1, 1, 1)
    everyone = client.get("/api/v1/inspections/due?date=2020-01-26").json()
    assert (everyone["count"], everyone["overdue"], everyone["done"]) == (1, 0, 1)
    assert [item["name"] for item in everyone["items"]] == ["白云健身"]


def test_venue_figures_are_exact(api_as, staff, bureau):
    at = lambda day, hour=10: timezone.make_aware(datetime(2020, 1, day, hour))  # noqa: E731
    chief1, chief2 = staff["chief1"], staff["chief2"]
    for n in range(2):
        venue(chief1, kind="ktv", name=f"KTV{n}")
    venue(chief2, kind="internet_cafe", name="网吧")
    hotels = [venue(chief2, kind="hotel", name=f"宾馆{n}") for n in range(3)]
    closure_order_issue(
        actor=staff["commander"],
        unit=bureau["清河县公安局"],
        kinds=["ktv", "internet_cafe", "hotel"],
        legal_basis=BASIS,
        effective_at=at(27),
    )
    inspection_record(
        actor=staff["officer2"], venue=hotels[0], result="compliant", inspected_at=at(28)
    )
    violation = inspection_record(
        actor=staff["officer2"],
        venue=hotels[1],
        result="violation",
        notes="仍在接待旅客",
        inspected_at=at(28, 20),
    )
    case_decide(actor=staff["chief2"], case=violation.case, fine_amount=5000, forced_closure=True)
    gambling = open_case(staff["officer1"], occurred_at=at(29, 23))
    case_decide(actor=staff["chief1"], case=gambling, fine_amount=500, detention_days=5)

    body = api_as("commander").get("/api/v1/stats/venues?from=2020-01-27&to=2020-01-31").json()
    assert {k: v for k, v in body["venues_closed_by_kind"].items() if v} == {
        "ktv": 2,
        "internet_cafe": 1,
        "hotel": 3,
    }
    assert (body["inspections"], body["violations"], body["fines_total"]) == (2, 1, 5500)
    assert {k: v for k, v in body["cases_by_kind"].items() if v} == {
        "defying_order": 1,
        "gambling_gathering": 1,
    }
    station = api_as("chief1").get("/api/v1/stats/venues?from=2020-01-27&to=2020-01-31").json()
    assert (station["venues_closed"], station["inspections"], station["fines_total"]) == (2, 0, 500)
    before = api_as("commander").get("/api/v1/stats/venues?to=2020-01-26").json()
    assert (before["venues_closed"], before["inspections"]) == (0, 0)


def test_an_auxiliary_may_not_set_prices_and_the_figures_are_refused_to_the_duty_desk(api_as):
    response = api_as("auxiliary1").post_json(
        "/api/v1/price-items",
        {"name": "口罩", "unit_of_sale": "只", "reference_price": 1, "threshold_percent": 20},
    )
    assert response.status_code == 403
    assert api_as("duty1").get("/api/v1/stats/venues").status_code == 403
