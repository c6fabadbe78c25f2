"""The web app manifest, the service worker and the page shown offline: public, no user data.

The browser fetches the manifest without cookies and re-checks the worker whether or not the
session is still alive, so neither may depend on signing in; neither names anyone.
"""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .precache import worker_script

THEME = "#1d3557"


@require_GET
@cache_control(max_age=3600)
def manifest(request):
    """The installable app: the checkpoint's post first, the verifier as a shortcut."""
    body = {
        "name": _("守望 疫情防控警务平台"),
        "short_name": _("守望"),
        "description": _("卡点通行登记与通行证核验，断网也能使用"),
        "lang": "zh-CN",
        "start_url": reverse("checkpoints:shift"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            {"src": static("offline/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("offline/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("offline/icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("offline/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
        "shortcuts": [
            {"name": _("卡点登记"), "url": reverse("checkpoints:shift")},
            {"name": _("扫码核验"), "url": reverse("passes:scan")},
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


@require_GET
def service_worker(request):
    """The worker, at the root so that its scope is the whole site; never cached by HTTP, so a
    deployment reaches phones at their next visit."""
    response = HttpResponse(worker_script(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def fallback(request):
    """What the worker shows for a page it does not keep when there is no network."""
    return render(request, "offline/fallback.html")
