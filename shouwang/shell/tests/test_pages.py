import re

import pytest
from django.test import Client
from django.urls import reverse

from shouwang.shell.navigation import navigation_entries

OUTSIDE_HOST = re.compile(r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)
URL_IN_CSS_OR_JS = re.compile(r"""url\(\s*["']?(?:https?:)?//|import\s+["']https?://""")


def _pages_of(client):
    for entry in navigation_entries():
        try:
            yield reverse(entry.url_name)
        except Exception:
            continue
    yield "/account/profile/"


@pytest.mark.parametrize("username", ["commander", "chief1", "officer1", "volunteer1", "admin"])
def test_no_page_references_an_outside_host(login_as, username):
    client = login_as(username)
    for path in _pages_of(client):
        response = client.get(path)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        assert not OUTSIDE_HOST.search(body), f"{path} loads from an outside host"
        assert not URL_IN_CSS_OR_JS.search(body), path


def test_the_login_page_references_no_outside_host(db):
    body = Client().get("/login/").content.decode()
    assert "/static/vendor/htmx.min.js" in body
    assert not OUTSIDE_HOST.search(body)


def test_missing_pages_answer_in_chinese(login_as):
    response = login_as("chief1").get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_forbidden_pages_answer_in_chinese(login_as):
    response = login_as("officer1").get("/audit/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_the_menu_follows_capabilities(login_as):
    assert "审计" in login_as("admin").get("/").content.decode()
    assert 'href="/audit/"' not in login_as("volunteer1").get("/").content.decode()


def test_each_role_has_a_home_page(login_as):
    assert "一键平急转换" in login_as("commander").get("/").content.decode()
    assert "系统管理" in login_as("admin").get("/").content.decode()
    assert "城关派出所" in login_as("officer1").get("/").content.decode()


def test_english_is_one_switch_away(login_as):
    client = login_as("chief1")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Sign out" in body


def test_pages_are_built_for_phones(db):
    body = Client().get("/login/").content.decode()
    # The on-screen keyboard shrinks the layout (interactive-widget), so that the bottom bars stay
    # above it; viewport-fit lets them pad for a notch (env(safe-area-inset-bottom)).
    assert (
        'name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover, '
        'interactive-widget=resizes-content"'
    ) in body


def test_an_english_browser_still_gets_chinese_until_the_user_switches(db):
    body = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/login/").content.decode()
    assert '<html lang="zh-hans">' in body
    assert "守望 疫情防控警务平台" in body
