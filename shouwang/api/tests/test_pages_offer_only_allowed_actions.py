"""A page shows a role only what the role may do (issue 11 item 4).

Every page each demo role may open is rendered with the records of route_world; every form it
holds that posts (method=post, hx-post) must post to a route the role × route table lets the role
post to, and every link to one of our pages must open a page the table lets the role open. A
health liaison who sees a follow-up form would fill it in and be refused on saving.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from shouwang.units.policy import policy_of

from .route_table import PAGES, PUBLIC
from .route_world import build_world
from .test_role_route_table import ROLES, _jurisdiction


class _Offers(HTMLParser):
    """(method, url) of every form that posts, every hx-post/put/delete and every link."""

    def __init__(self):
        super().__init__()
        self.offers: list[tuple[str, str, str]] = []  # (method, url, what)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self.offers.append(("POST", attributes.get("action") or "", "<form>"))
        for name in ("hx-post", "hx-put", "hx-delete", "hx-patch"):
            if name in attributes:
                self.offers.append(("POST", attributes[name] or "", name))
        if tag == "a" and attributes.get("href"):
            self.offers.append(("GET", attributes["href"], "<a>"))
        if "hx-get" in attributes:
            self.offers.append(("GET", attributes["hx-get"] or "", "hx-get"))
        if "data-url" in attributes:  # a page's own fetch (the registration page's plate lookup)
            self.offers.append(("GET", attributes["data-url"] or "", "data-url"))


def offers_of(html: str, page_url: str) -> list[tuple[str, str, str]]:
    parser = _Offers()
    parser.feed(html)
    found = []
    for method, target, what in parser.offers:
        url = urljoin(page_url, target)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        found.append((method, parts.path, what))
    return found


def refused_offers(user, html: str, page_url: str) -> list[str]:
    """What the page offers that the role × route table refuses the user."""
    refused = []
    for method, path, what in offers_of(html, page_url):
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        page = PAGES.get(name)
        if page is None:  # static files, the admin
            continue
        # A page that posts to itself without a POST entry (the second factor) keeps its rule.
        rule = (page.post or page.get) if method == "POST" else page.get
        if rule is None:
            continue
        if rule != PUBLIC and not policy_of(rule).allows(user):
            refused.append(f"{what} {method} {path} ({name})")
    return refused


@pytest.fixture
def world(bureau, staff):
    return build_world(bureau, staff)


def _pages_open_to(user, world):
    """(name, url) of every page the user may open, with his own station's records."""
    for name, page in PAGES.items():
        if page.get is None or page.get == PUBLIC or not policy_of(page.get).allows(user):
            continue
        record = world.object_for(page.obj, "own", user.username) if page.obj else None
        if page.obj and (record is None or _jurisdiction(page.obj, record, user, "GET") != "mine"):
            continue
        yield name, reverse(name, kwargs={"pk": record.pk} if record is not None else None)


@pytest.mark.parametrize("username", ROLES)
def test_no_page_offers_a_role_a_form_or_link_its_policy_refuses(username, staff, world):
    user = staff[username]
    client = Client()
    client.force_login(user)
    failures = []
    opened = 0
    for name, url in _pages_open_to(user, world):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        opened += 1
        failures += [
            f"{name}: {offer}" for offer in refused_offers(user, response.content.decode(), url)
        ]
    assert opened >= 5
    assert failures == [], "\n".join(failures)


def test_the_check_finds_a_form_the_role_may_not_post(staff, world):
    episode = world.objects["own"]["episode"]
    page = (
        f'<form method="post" action="/people/isolations/{episode.pk}/followup/"></form>'
        '<button hx-post="/people/isolations/1/end/">x</button>'
        '<a href="/people/imports/">import</a><a href="/people/">list</a>'
        '<form method="get" action="/people/isolations/1/end/"></form>'
    )
    refused = refused_offers(staff["health1"], page, "/people/")
    assert refused == [
        f"<form> POST /people/isolations/{episode.pk}/followup/ (people:followup_new)",
        "hx-post POST /people/isolations/1/end/ (people:episode_end)",
        "<a> GET /people/imports/ (people:import_new)",
    ]
    assert refused_offers(staff["chief1"], page, "/people/") == []
