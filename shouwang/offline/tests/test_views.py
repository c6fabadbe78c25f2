"""The manifest, the service worker and the offline page: public, at the root, and the worker
names exactly the files and pages the field pages need."""

import json
import re

import pytest
from django.test import Client

from shouwang.offline import precache

pytestmark = pytest.mark.django_db


def _config(body: str) -> dict:
    first = body.split("\n", 1)[0]
    assert first.startswith("const CONFIG = ") and first.endswith(";")
    return json.loads(first[len("const CONFIG = ") : -1])


def test_the_manifest_installs_the_checkpoint_post_with_its_icons():
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/checkpoints/shift/"
    assert (manifest["scope"], manifest["display"], manifest["lang"]) == (
        "/",
        "standalone",
        "zh-CN",
    )
    assert manifest["short_name"] == "守望"
    assert [(i["src"], i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]] == [
        ("/static/offline/icons/icon-192.png", "192x192", "any"),
        ("/static/offline/icons/icon-512.png", "512x512", "any"),
        ("/static/offline/icons/icon-512.png", "512x512", "maskable"),
        ("/static/offline/icons/icon.svg", "any", "any"),
    ]
    assert [s["url"] for s in manifest["shortcuts"]] == ["/checkpoints/shift/", "/passes/scan/"]


def test_every_icon_is_drawn_at_its_declared_size():
    from django.contrib.staticfiles import finders
    from PIL import Image

    for size in (192, 512):
        with Image.open(finders.find(f"offline/icons/icon-{size}.png")) as image:
            assert (image.size, image.format) == ((size, size), "PNG")


def test_the_worker_is_served_at_the_root_allowed_the_whole_site_and_never_cached():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = _config(body)
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])
    assert 'self.addEventListener("fetch"' in body


def test_the_worker_precaches_the_field_pages_files_and_keeps_them_offline():
    config = _config(Client().get("/sw.js").content.decode())
    assert config["static"] == [
        "/static/vendor/pico.min.css",
        "/static/shouwang/shouwang.css",
        "/static/vendor/htmx.min.js",
        "/static/shouwang/cards.js",
        "/static/passes/passes.css",
        "/static/passes/scan.js",
        "/static/vendor/zxing/zxing-reader.js",
        "/static/vendor/zxing/zxing_reader.wasm",
        "/static/offline/common.js",
        "/static/offline/register.js",
        "/static/offline/verify.js",
        "/static/offline/ed25519.js",
        "/static/offline/install.js",
        "/static/offline/icons/icon.svg",
        "/static/offline/icons/icon-192.png",
        "/static/offline/icons/icon-512.png",
        "/manifest.webmanifest",
        "/offline/",
    ]
    # The verifier, and "my shifts" of the duty area.
    assert config["pages"] == ["/passes/scan/", "/duty/mine/"]
    patterns = [re.compile(p) for p in config["offlinePaths"]]
    for path in (
        "/checkpoints/12/register/",
        "/passes/scan/",
        "/checkpoints/shift/",
        "/duty/mine/",
    ):
        assert any(p.match(path) for p in patterns), path
    for path in ("/checkpoints/12/", "/people/", "/checkpoints/x/register/", "/"):
        assert not any(p.match(path) for p in patterns), path


def test_a_changed_file_gives_the_worker_a_new_version(monkeypatch):
    before = _config(precache._build())["version"]
    original = precache._file

    def changed(name):
        path = original(name)
        if name == "offline/register.js":
            return precache.Path(__file__)  # other bytes
        return path

    monkeypatch.setattr(precache, "_file", changed)
    assert _config(precache._build())["version"] != before


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/sw.js", "/offline/"])
def test_no_account_is_needed_nor_a_unit_nor_a_second_factor(path, staff, settings):
    settings.SHOUWANG_REQUIRE_SECOND_FACTOR = True
    for client in (Client(), _signed_in(staff["commander"])):
        assert client.get(path).status_code == 200, path


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)  # the commander must prove a second factor first: not done
    return client


def test_the_offline_page_names_the_pages_that_work_offline():
    response = Client().get("/offline/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "网络不通" in text
    assert 'href="/checkpoints/shift/"' in text and 'href="/passes/scan/"' in text


def test_the_worker_and_manifest_refuse_writes():
    assert Client().post("/sw.js").status_code == 405
    assert Client().post("/manifest.webmanifest").status_code == 405


def test_every_page_links_the_manifest(login_as):
    text = login_as("volunteer1").get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in text
