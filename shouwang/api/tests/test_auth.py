"""The API asks the same capability as the page of each action, before reading any body."""

from django.test import Client

from config.api import api


def test_the_administrator_reads_no_people_passages_or_passes_over_the_api(api_as):
    client = api_as("admin")
    for path in ("/api/v1/people", "/api/v1/watch-records", "/api/v1/followups/due"):
        response = client.get(path)
        assert (response.status_code, response.json()["detail"]) == (
            403,
            "您无权执行此操作（需要：查看重点人员）",
        )
    passages = client.get("/api/v1/passages")
    assert passages.status_code == 403
    assert passages.json() == {
        "detail": "您无权执行此操作（需要：以下之一：管理卡点、卡点通行登记）",
        "errors": [],
    }
    assert client.get("/api/v1/passes").status_code == 403


def test_a_role_without_the_capability_gets_403_not_422_for_an_invalid_body(api_as):
    response = api_as("health1").post_json("/api/v1/people", {"name": 5})
    assert response.status_code == 403
    assert api_as("officer1").post_json("/api/v1/people", {"name": 5}).status_code == 422


def test_the_session_is_held_to_the_same_capability_as_the_token(login_as):
    browser: Client = login_as("admin")
    assert browser.get("/api/v1/people").status_code == 403
    assert login_as("health1").get("/api/v1/people").status_code == 200


def test_only_pass_managers_open_the_print_page(login_as, staff):
    from .route_world import _pass

    record = _pass(staff["chief1"], staff["chief1"].unit)
    statuses = {
        name: login_as(name).get(f"/passes/{record.pk}/print/").status_code
        for name in ("chief1", "officer1", "auxiliary1", "duty1", "health1", "admin")
    }
    assert statuses == {
        "chief1": 200,
        "officer1": 200,
        "auxiliary1": 403,
        "duty1": 403,
        "health1": 403,
        "admin": 403,
    }


def test_the_openapi_document_keeps_its_two_security_schemes():
    schema = api.get_openapi_schema()
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "SignedInSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
        # Video systems push their alerts with their own token, not a person's.
        "VideoSystemToken": {"type": "http", "scheme": "bearer"},
    }
    assert schema["paths"]["/api/v1/people"]["get"]["security"] == [
        {"TokenAuth": []},
        {"SignedInSession": []},
    ]
