"""Every page and every API operation, walked by every demo role, against one expected table.

The routes come from the URL configuration and the OpenAPI document, so a route added without
an entry in route_table fails here. A role the table allows must not be refused (401/403) nor
break the server (5xx); a role it refuses gets 403, before any form or body is read (an empty
body never earns a denied role a 422). Records of a sibling station or of the bureau above are
not found (404) by station users, as if they did not exist.
"""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from config.api import api
from shouwang.units.policy import policy_of
from shouwang.units.scoping import unit_is_readable_by, unit_is_visible_to

from .route_table import (
    API,
    EXCLUDED_NAMES,
    EXCLUDED_PREFIXES,
    PAGES,
    PARAM_KINDS,
    PUBLIC,
    SYSTEM_TOKEN,
)
from .route_world import build_world

ROLES = ("commander", "chief1", "officer1", "auxiliary1", "volunteer1", "duty1", "health1", "admin")
# Station users, in the order one is picked to try another unit's records.
STATION_ROLES = ("chief1", "officer1", "auxiliary1", "duty1", "health1")
API_PREFIX = "api/v1/"
PLATE = "陕K12345"


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """(route, name) of every URL pattern, names with their namespaces."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name


def _excluded(route: str, name: str | None) -> bool:
    return route.startswith(tuple(EXCLUDED_PREFIXES)) or name in EXCLUDED_NAMES


def page_names() -> set[str]:
    return {
        name or route
        for route, name in url_patterns()
        if not route.startswith(API_PREFIX) and not _excluded(route, name)
    }


def openapi_operations() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path}" for path, methods in paths.items() for method in methods}


def test_every_page_has_an_entry_in_the_table():
    assert sorted(page_names() - set(PAGES)) == []
    assert sorted(set(PAGES) - page_names()) == []


def test_every_api_operation_has_an_entry_in_the_table():
    assert sorted(openapi_operations() - set(API)) == []
    assert sorted(set(API) - openapi_operations()) == []


def test_every_api_url_is_in_the_openapi_document():
    # An operation left out of the schema would escape the walk below.
    documented = {key.split(" ", 1)[1] for key in openapi_operations()}
    served = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        for route, name in url_patterns()
        if route.startswith(API_PREFIX) and not _excluded(route, name)
    }
    assert sorted(served - documented) == []


# --- walking ------------------------------------------------------------------------------------


def _owner_unit(kind: str, record: Any):
    if kind == "unit":
        return record
    if kind == "passage":
        return record.checkpoint.unit
    if kind == "household_member":
        return record.household.unit
    return record.unit


def _jurisdiction(kind: str, record: Any, user: Any, method: str) -> str:
    """'mine' when the user's jurisdiction reaches the record, 'readable' when he may only read
    it (a key area published above him), else 'hidden' (the route answers 404)."""
    if kind == "token":
        return "mine" if record.user_id == user.pk else "hidden"
    unit = _owner_unit(kind, record)
    if unit_is_visible_to(unit, user):
        return "mine"
    # Key areas and zones drawn above a station are read there, changed only where drawn.
    if kind in ("key_area", "zone") and unit_is_readable_by(unit, user):
        return "mine" if method == "GET" else "readable"
    return "hidden"


def _judge(status: int, *, rule, user, method: str, reach: str, api_write: bool) -> str:
    """'' when the status is what the table expects, else what was expected."""
    if status >= 500:
        return "never 5xx"
    if rule == PUBLIC:
        return "" if status not in (401, 403) else "public"
    if rule == SYSTEM_TOKEN:
        return "" if status == 401 else "401 (a machine's own token only)"
    if not policy_of(rule).allows(user):
        return "" if status == 403 else "403"
    if reach == "readable":
        return "" if status in (403, 404) else "403 (read only)"
    if reach == "hidden":
        hidden = {404, 422} if api_write else {404}
        return "" if status in hidden else "404 (out of jurisdiction)"
    refused = {401, 403, 404} if method == "GET" else {401, 403}
    return "" if status not in refused else "allowed"


def _page_url(name: str, record: Any) -> str:
    return reverse(name, kwargs={"pk": record.pk} if record is not None else None)


def _api_url(key: str, records: dict[str, Any]) -> tuple[str, str]:
    def value(name: str) -> str:
        return PLATE if name == "plate" else str(records[PARAM_KINDS[name]].pk)

    method, path = key.split(" ", 1)
    return method, re.sub(r"\{(\w+)\}", lambda match: value(match.group(1)), path)


def _api_call(client: Client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, "{}", content_type="application/json")


@pytest.fixture
def world(bureau, staff):
    return build_world(bureau, staff)


def walk_pages(user, client: Client, world, place: str, failures: list[str], pick=None):
    for name, page in PAGES.items():
        record = world.object_for(page.obj, place, user.username) if page.obj else None
        if page.obj and record is None:
            continue
        for method, rule in page.rules().items():
            if pick is not None and not pick(rule):
                continue
            browser = Client() if rule == PUBLIC else client
            url = _page_url(name, record)
            response = browser.get(url) if method == "GET" else browser.post(url, {})
            reach = "mine" if record is None else _jurisdiction(page.obj, record, user, method)
            verdict = _judge(
                response.status_code,
                rule=rule,
                user=user,
                method=method,
                reach=reach,
                api_write=False,
            )
            if verdict:
                failures.append(
                    f"{user.username} {method} {name} → {response.status_code}, {verdict}"
                )


def walk_api(user, client: Client, world, place: str, failures: list[str], pick=None):
    for key, rule in API.items():
        if pick is not None and not pick(rule):
            continue
        kinds = [PARAM_KINDS[name] for name in re.findall(r"\{(\w+)\}", key) if name != "plate"]
        if place != "own" and not kinds:
            continue
        records = {kind: world.object_for(kind, place, user.username) for kind in kinds}
        if any(record is None for record in records.values()):
            continue

        method, url = _api_url(key, records)
        response = _api_call(client, method, url)
        reaches = {_jurisdiction(kind, r, user, method) for kind, r in records.items()}
        reach = next((r for r in ("hidden", "readable") if r in reaches), "mine")
        verdict = _judge(
            response.status_code,
            rule=rule,
            user=user,
            method=method,
            reach=reach,
            api_write=method != "GET",
        )
        if not verdict and response.status_code == 403:
            detail = response.json()["detail"]
            if not re.search(r"[\u4e00-\u9fff]", detail):
                verdict = "a reason in Chinese"
        if verdict:
            failures.append(f"{user.username} {key} → {response.status_code}, {verdict}")


@pytest.mark.parametrize("username", ROLES)
def test_each_role_reaches_exactly_the_routes_its_capabilities_allow(
    username, staff, world, api_as
):
    user = staff[username]
    browser = Client()
    browser.force_login(user)
    failures: list[str] = []
    walk_pages(user, browser, world, "own", failures)
    walk_api(user, api_as(username), world, "own", failures)
    assert failures == []


@pytest.mark.parametrize("place", ["sibling", "parent"])
def test_station_users_do_not_find_records_of_a_sibling_or_parent_unit(place, staff, world, api_as):
    failures: list[str] = []
    for username in STATION_ROLES:
        user = staff[username]
        browser = Client()
        browser.force_login(user)

        # Each route is tried by the first station role it allows.
        def first_allowed(rule, username=username) -> bool:
            if rule in (PUBLIC, SYSTEM_TOKEN):
                return False
            allowed = [name for name in STATION_ROLES if policy_of(rule).allows(staff[name])]
            return bool(allowed) and allowed[0] == username

        walk_pages(user, browser, world, place, failures, pick=first_allowed)
        walk_api(user, api_as(username), world, place, failures, pick=first_allowed)
    assert failures == []
