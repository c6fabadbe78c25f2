"""The field pages bring their styles (and the registration page its scripts) inside the HTML,
compressed, so that 3G costs one round trip before they paint; other pages link the files."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from shouwang.checkpoints.tests.factories import make_checkpoint
from shouwang.offline.templatetags import inline_static

pytestmark = pytest.mark.django_db

LINKED = re.compile(r'<link rel="stylesheet"[^>]*>|<script src="[^"]*"')


def _source(name: str) -> str:
    with open(finders.find(name), encoding="utf-8") as file:
        return file.read()


def _page(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content).decode()


def test_the_registration_page_fetches_no_script_or_style_file(login_as, bureau):
    checkpoint = make_checkpoint(bureau["城关东出口卡点"])
    page = _page(login_as("volunteer1"), f"/checkpoints/{checkpoint.pk}/register/")
    assert LINKED.findall(page) == []
    for name in ("vendor/pico.min.css", "shouwang/shouwang.css"):
        assert f"<style>{_source(name)}</style>" in page, name
    for name in ("shouwang/cards.js", "offline/common.js", "offline/register.js"):
        assert f"<script>{_source(name)}</script>" in page, name
    # The plate lookup is the page's own fetch: no htmx here.
    assert "hx-get" not in page and "htmx.min.js" not in page
    assert 'data-url="/checkpoints/plate-feedback/"' in page


def test_the_verifier_brings_its_styles_and_links_its_scripts(login_as, bureau):
    checkpoint = make_checkpoint(bureau["城关东出口卡点"])
    page = _page(login_as("volunteer1"), f"/passes/scan/?checkpoint={checkpoint.pk}")
    for name in ("vendor/pico.min.css", "shouwang/shouwang.css", "passes/passes.css"):
        assert f"<style>{_source(name)}</style>" in page, name
    assert LINKED.findall(page) == [
        '<script src="/static/vendor/htmx.min.js"',
        '<script src="/static/shouwang/cards.js"',
        '<script src="/static/offline/common.js"',
        '<script src="/static/offline/ed25519.js"',
        '<script src="/static/offline/verify.js"',
        '<script src="/static/vendor/zxing/zxing-reader.js"',
        '<script src="/static/passes/scan.js"',
    ]


def test_other_pages_link_the_files_the_browser_keeps(login_as, bureau):
    make_checkpoint(bureau["城关东出口卡点"])
    response = login_as("volunteer1").get("/checkpoints/")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert LINKED.findall(response.content.decode()) == [
        '<link rel="stylesheet" href="/static/vendor/pico.min.css">',
        '<link rel="stylesheet" href="/static/shouwang/shouwang.css">',
        '<script src="/static/vendor/htmx.min.js"',
        '<script src="/static/shouwang/cards.js"',
    ]


def _render(source: str) -> str:
    return Template("{% load inline_static %}" + source).render(Context())


def test_a_missing_file_or_one_that_cannot_stand_inline_is_linked(monkeypatch):
    assert _render('{% inline_style "nowhere/missing.css" %}') == (
        '<link rel="stylesheet" href="/static/nowhere/missing.css">'
    )
    texts = {"a.js": "let s = '</script>';", "b.js": "// <!-- x", "c.css": "a{}</style>"}
    monkeypatch.setattr(inline_static, "_read", texts.get)
    monkeypatch.setattr(inline_static, "_kept", texts.get)
    assert _render('{% inline_script "a.js" %}{% inline_script "b.js" %}') == (
        '<script src="/static/a.js" defer></script><script src="/static/b.js" defer></script>'
    )
    assert _render('{% inline_style "c.css" %}') == '<link rel="stylesheet" href="/static/c.css">'


def test_a_source_map_comment_is_left_out(monkeypatch):
    texts = {
        "m.css": "a{}\n/*# sourceMappingURL=m.css.map */",
        "m.js": "x();\n//# sourceMappingURL=m.js.map",
    }
    monkeypatch.setattr(inline_static, "_read", texts.get)
    monkeypatch.setattr(inline_static, "_kept", texts.get)
    assert _render('{% inline_style "m.css" %}{% inline_script "m.js" %}') == (
        "<style>a{}</style><script>x();</script>"
    )
