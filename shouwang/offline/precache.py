"""What the service worker keeps so that the field pages open with no network.

The static files of the registration page and the pass verifier are fetched when the worker
installs (at their hashed URLs in production, so a deployment changes the worker's version);
the pages themselves are per user and per checkpoint: the worker keeps each as it is opened
(network first, the kept copy when the network fails). The version is a digest of the
worker's source and of every precached file, so any change of them installs a new worker.
"""

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

WORKER_SOURCE = "offline/sw.js"
STATIC_FILES = (
    "vendor/pico.min.css",
    "shouwang/shouwang.css",
    "vendor/htmx.min.js",
    "shouwang/cards.js",
    "passes/passes.css",
    "passes/scan.js",
    "vendor/zxing/zxing-reader.js",
    "vendor/zxing/zxing_reader.wasm",
    "offline/common.js",
    # Inside the registration page (3G), and here too: a change of it gives the worker a new
    # version, which fetches the kept registration pages again.
    "offline/register.js",
    "offline/verify.js",
    "offline/ed25519.js",
    "offline/install.js",
    "offline/icons/icon.svg",
    "offline/icons/icon-192.png",
    "offline/icons/icon-512.png",
)
# Pages fetched when the worker installs (those the user may not open are skipped by it).
PRECACHED_PAGES = ("passes:scan",)
# "My shifts" of the duty area, when it exists (the first name that resolves).
OPTIONAL_PAGES = ("duty:my_shifts", "duty:mine", "duty:shifts_mine")


def _path_pattern(name: str, *args) -> str:
    """A route's path as a regular expression, its integer arguments as \\d+."""
    path = re.escape(reverse(name, args=[0] * len(args)))
    return "^" + path.replace(re.escape("/0/"), r"/\d+/") + "$"


def _optional_page() -> str | None:
    for name in OPTIONAL_PAGES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _file(name: str) -> Path | None:
    found = finders.find(name)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT) / name
    return root if root.exists() else None


def worker_config() -> dict:
    """The precache list, the pages kept offline and the URLs the worker needs."""
    pages = [reverse(name) for name in PRECACHED_PAGES]
    shifts = _optional_page()
    if shifts:
        pages.append(shifts)
    offline_paths = [
        _path_pattern("checkpoints:register", 0),
        "^" + re.escape(reverse("passes:scan")) + "$",
        "^" + re.escape(reverse("checkpoints:shift")) + "$",
    ]
    if shifts:
        offline_paths.append("^" + re.escape(shifts) + "$")
    assets = [static(name) for name in STATIC_FILES if _file(name)]
    return {
        # The manifest and the "网络不通" page name no one: kept with the static files.
        "static": assets + [reverse("offline:manifest"), reverse("offline:fallback")],
        "pages": pages,
        "offlinePaths": offline_paths,
        "registerPath": _path_pattern("checkpoints:register", 0),
        "shiftPath": reverse("checkpoints:shift"),
        "fallback": reverse("offline:fallback"),
        "logout": reverse("logout"),
        "staticPrefix": settings.STATIC_URL,
    }


def _worker_source() -> str:
    path = _file(WORKER_SOURCE)
    return path.read_text(encoding="utf-8") if path else ""


def _build() -> str:
    config = worker_config()
    source = _worker_source()
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode() + source.encode())
    for name in STATIC_FILES:
        path = _file(name)
        if path:
            digest.update(path.read_bytes())
    config["version"] = digest.hexdigest()[:16]
    return f"const CONFIG = {json.dumps(config, ensure_ascii=False)};\n{source}"


@cache
def _built() -> str:
    return _build()


def worker_script() -> str:
    """The service worker: its configuration, then its source (built once per process, every
    time when DEBUG so that an edited file is seen)."""
    return _build() if settings.DEBUG else _built()
