"""/api/v1/cases and /api/v1/stats/cases."""

from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.cases.models import Case, CaseStatus
from shouwang.cases.services import case_decide
from shouwang.people.tests.factories import id_number, register

from .factories import open_case


def at(day: int, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(2020, 2, day, hour))


def test_an_officer_opens_a_case_naming_a_person_and_a_business(api_as, staff):
    person = register(staff["officer1"], name="赵六", id_number=id_number(sequence="421"))
    response = api_as("officer1").post_json(
        "/api/v1/cases",
        {
            "kind": "price_gouging",
            "facts": "口罩每只售价20元，进价1元",
            "occurred_at": "2020-01-28T10:00:00+08:00",
            "persons": [person.pk],
            "organisations": [{"name": "康泰大药房", "credit_code": "91610824MA70X2Y57L"}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["unit"]) == (
        "price_gouging",
        "open",
        staff["officer1"].unit_id,
    )
    assert [(p["name"], p["person"], p["role"]) for p in body["parties"]] == [
        ("赵六", person.pk, "offender"),
        ("康泰大药房", None, "operator"),
    ]


def test_a_wrong_credit_code_is_a_422_naming_the_field(api_as):
    response = api_as("officer1").post_json(
        "/api/v1/cases",
        {
            "kind": "other",
            "facts": "未按要求停业",
            "organisations": [{"name": "某网吧", "credit_code": "91610824MA70X2Y57A"}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "credit_code", "message": "统一社会信用代码校验位错误"}
    ]


def test_an_auxiliary_officers_penalty_decision_is_refused(api_as, staff):
    case = open_case(staff["auxiliary1"])
    response = api_as("auxiliary1").post_json(
        f"/api/v1/cases/{case.pk}/decision", {"fine_amount": 500}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert (case.status, case.fine_amount) == (CaseStatus.OPEN, None)


def test_an_officer_decides_and_a_second_decision_is_a_conflict(api_as, staff):
    case = open_case(staff["auxiliary1"])
    client = api_as("officer1")
    response = client.post_json(
        f"/api/v1/cases/{case.pk}/decision", {"warning": True, "fine_amount": 200}
    )
    assert response.status_code == 200
    assert response.json()["decision"]["fine_amount"] == 200
    again = client.post_json(f"/api/v1/cases/{case.pk}/decision", {"warning": True})
    assert again.status_code == 409


def test_the_case_list_is_scoped_paged_and_costs_a_fixed_number_of_queries(api_as, staff):
    for _ in range(3):
        open_case(staff["officer1"])
    open_case(staff["chief2"])
    client = api_as("chief1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/cases?kind=gambling_gathering")
    body = response.json()
    assert body["count"] == 3
    assert {item["unit_name"] for item in body["items"]} == {"城关派出所"}
    # token with its user, its last-used stamp, count, page, parties
    assert len(queries) == 5


def test_figures_by_kind_decision_and_unit_are_exact(api_as, staff, bureau):
    officer1, officer2 = staff["officer1"], staff["officer2"]
    gambling = [open_case(officer1, occurred_at=at(14, 22)) for _ in range(2)]
    gouging = open_case(officer2, kind="price_gouging", occurred_at=at(3))
    open_case(officer1, kind="rumour", occurred_at=at(20))  # outside the period
    case_decide(actor=staff["chief1"], case=gambling[0], fine_amount=500, detention_days=5)
    case_decide(actor=staff["chief1"], case=gambling[1], warning=True)
    case_decide(actor=staff["chief2"], case=gouging, fine_amount=3000, forced_closure=True)

    response = api_as("commander").get("/api/v1/stats/cases?from=2020-02-01&to=2020-02-15")
    body = response.json()
    assert body["count"] == 3
    assert body["by_kind"] == {
        "gambling_gathering": 2,
        "price_gouging": 1,
        "rumour": 0,
        "defying_order": 0,
        "obstructing": 0,
        "other": 0,
    }
    assert body["by_decision"] == {
        "warning": 1,
        "fine": 2,
        "detention": 1,
        "forced_closure": 1,
        "criminal_transfer": 0,
    }
    assert (body["fines_total"], body["detention_days_total"]) == (3500, 5)
    assert body["by_unit"] == [
        {"unit": bureau["城关派出所"].pk, "unit_name": "城关派出所", "cases": 2, "fines": 500},
        {"unit": bureau["白云山派出所"].pk, "unit_name": "白云山派出所", "cases": 1, "fines": 3000},
    ]
    own = api_as("chief1").get("/api/v1/stats/cases?from=2020-02-01&to=2020-02-15").json()
    assert (own["count"], own["fines_total"]) == (2, 500)


def test_a_sibling_stations_case_is_not_found_and_nothing_changes(api_as, staff):
    case = open_case(staff["officer2"])
    client = api_as("officer1")
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    response = client.post_json(f"/api/v1/cases/{case.pk}/decision", {"warning": True})
    assert response.status_code == 404
    assert client.post_json(f"/api/v1/cases/{case.pk}/close", {"note": "x"}).status_code == 404
    case.refresh_from_db()
    assert (case.status, case.warning) == (CaseStatus.OPEN, False)
    assert Case.objects.count() == 1
