"""A signed-in user whose account has no unit (or a deactivated one) is refused on every page and
every API operation, cleanly: 403 with the reason, never a 500, never a record."""

import pytest
from django.test import Client

from shouwang.api.tests.route_table import API, PAGES, PARAM_KINDS, PUBLIC, SYSTEM_TOKEN
from shouwang.api.tests.route_world import build_world
from shouwang.api.tests.test_role_route_table import _api_call, _api_url, _page_url

NO_UNIT_REFUSAL = "账号未分配单位，请联系管理员"
# Roles from the one holding every capability to the one holding fewest.
UNITLESS_ROLES = ("admin", "commander", "officer1")


@pytest.fixture
def world(bureau, staff):
    return build_world(bureau, staff)


def _unitless(staff, username):
    user = staff[username]
    user.unit = None
    user.save(update_fields=["unit"])
    return user


def _walk_pages(client: Client, world) -> list[str]:
    failures = []
    for name, page in PAGES.items():
        record = world.object_for(page.obj, "own", "officer1") if page.obj else None
        if page.obj and record is None:
            continue
        for method, rule in page.rules().items():
            if rule == PUBLIC:
                continue
            url = _page_url(name, record)
            response = client.get(url) if method == "GET" else client.post(url, {})
            if response.status_code != 403 or NO_UNIT_REFUSAL not in response.content.decode():
                failures.append(f"{method} {name} → {response.status_code}")
    return failures


def _walk_api(client: Client, world) -> list[str]:
    failures = []
    for key, rule in API.items():
        if rule in (PUBLIC, SYSTEM_TOKEN):
            continue
        records = {
            kind: world.object_for(kind, "own", "officer1") for kind in set(PARAM_KINDS.values())
        }
        method, url = _api_url(key, records)
        response = _api_call(client, method, url)
        if response.status_code != 403:
            failures.append(f"{key} → {response.status_code}")
    return failures


@pytest.mark.parametrize("username", UNITLESS_ROLES)
def test_a_user_without_a_unit_is_refused_with_403_on_every_page(username, staff, world):
    user = _unitless(staff, username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    assert _walk_pages(client, world) == []


@pytest.mark.parametrize("username", UNITLESS_ROLES)
def test_a_user_without_a_unit_is_refused_with_403_on_every_api_operation(
    username, staff, world, api_as
):
    client = api_as(username)  # the token is issued while the account still has its unit
    client.raise_request_exception = False
    _unitless(staff, username)
    failures = _walk_api(client, world)
    assert failures == []
    response = client.get("/api/v1/me")
    assert response.json() == {"detail": NO_UNIT_REFUSAL, "errors": []}


def test_a_session_without_a_unit_is_refused_with_403_on_the_api(staff, world):
    user = _unitless(staff, "commander")
    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/units")
    assert (response.status_code, response.json()["detail"]) == (403, NO_UNIT_REFUSAL)


def test_a_user_whose_unit_was_deactivated_is_refused_like_one_without(staff, bureau, client):
    station = bureau["城关派出所"]
    station.is_active = False
    station.save(update_fields=["is_active"])
    client.force_login(staff["officer1"])
    home = client.get("/")
    areas = client.get("/areas/")
    assert (home.status_code, areas.status_code) == (403, 403)
    assert NO_UNIT_REFUSAL in home.content.decode()


def test_a_user_without_a_unit_can_still_sign_out(staff, client):
    user = _unitless(staff, "officer1")
    client.force_login(user)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
