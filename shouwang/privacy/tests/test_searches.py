"""Searches by ID number or phone travel in POST bodies, never in URLs."""

import re

import pytest
from django.urls import reverse

from shouwang.people.tests.factories import id_number, register
from shouwang.privacy.searches import SESSION_KEY

ID_NUMBER = id_number(sequence="281")


@pytest.fixture
def people(staff):
    officer = staff["officer1"]
    register(officer, name="张伟", id_number=ID_NUMBER, phone="13800138000")
    register(officer, name="李娜", id_number=id_number(sequence="282"))


def _urls(page: str) -> list[str]:
    return re.findall(r'(?:href|action|hx-get)="([^"]*)"', page)


def test_people_search_by_full_id_redirects_to_a_key_not_the_number(login_as, people):
    client = login_as("officer1")
    response = client.post(reverse("people:list"), {"q": ID_NUMBER, "unit": "", "flagged": ""})
    assert response.status_code == 302
    location = response["Location"]
    assert re.fullmatch(r"/people/\?search=[A-Za-z0-9_-]{16}", location)
    page = client.get(location).content.decode()
    assert "张伟" in page and "李娜" not in page
    # Every link and form on the results page (paging, export, filters) carries the key only.
    assert all(ID_NUMBER not in url for url in _urls(page))
    assert f'action="{reverse("people:export")}?search=' in page
    assert ID_NUMBER not in str(client.session[SESSION_KEY])


def test_other_filters_stay_readable_in_the_url(login_as, people):
    response = login_as("officer1").post(
        reverse("people:list"), {"q": "13800138000", "flagged": "1"}
    )
    assert response["Location"].startswith("/people/?flagged=1&search=")
    assert "13800138000" not in response["Location"]


def test_the_export_of_a_posted_search_exports_what_was_found(login_as, people):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login_as("officer1")
    location = client.post(reverse("people:list"), {"q": "13800138000"})["Location"]
    key = location.split("search=")[1]
    response = client.post(f"{reverse('people:export')}?search={key}")
    rows = list(load_workbook(BytesIO(response.getvalue())).active.values)
    assert [row[1] for row in rows[1:]] == ["张伟"]


def test_an_unknown_search_key_finds_nothing_of_another_session(login_as, people):
    first = login_as("officer1")
    location = first.post(reverse("people:list"), {"q": ID_NUMBER})["Location"]
    page = login_as("officer1").get(location).content.decode()  # a new session
    assert "张伟" in page and "李娜" in page  # the unfiltered list, no one else's terms


def test_api_searches_by_post_body_and_the_get_contract_still_works(api_as, people):
    client = api_as("officer1")
    posted = client.post_json("/api/v1/people/search", {"q": ID_NUMBER})
    assert posted.status_code == 200
    assert [item["name"] for item in posted.json()["items"]] == ["张伟"]
    by_get = client.get("/api/v1/people", {"q": ID_NUMBER})
    assert [item["name"] for item in by_get.json()["items"]] == ["张伟"]


def test_api_post_search_is_documented_for_id_numbers_and_phones(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/people/search"]["post"]
    assert "身份证号" in operation["description"] and "URL" in operation["description"]
