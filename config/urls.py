from django.contrib import admin
from django.urls import include, path

from config.api import api
from shouwang.accounts import views as account_views
from shouwang.shell import views as shell_views

handler403 = shell_views.error_403
handler404 = shell_views.error_404
handler500 = shell_views.error_500

urlpatterns = [
    # The API first: its calls (every registration at every post) are resolved before the
    # pages' patterns, two of whose includes have no prefix, are tried.
    path("api/v1/", api.urls),
    path("", shell_views.home, name="home"),
    path("login/", account_views.login_view, name="login"),
    path("logout/", account_views.logout_view, name="logout"),
    path("account/second-factor/", account_views.second_factor, name="second_factor"),
    path("account/", include("shouwang.accounts.urls")),
    path("units/", include("shouwang.units.urls")),
    path("audit/", include("shouwang.audit.urls")),
    path("areas/", include("shouwang.areas.urls")),
    path("checkpoints/", include("shouwang.checkpoints.urls")),
    path("passes/", include("shouwang.passes.urls")),
    path("people/", include("shouwang.people.urls")),
    path("community/", include("shouwang.community.urls")),
    path("intake/", include("shouwang.intake.urls")),
    # Residents' pages: no account (units.middleware and accounts.middleware let them through).
    path("public/", include("shouwang.intake.public_urls")),
    path("public/rumour-check/", include("shouwang.rumours.public_urls")),
    path("public/captcha/", include("captcha.urls")),
    path("public/bulletins/", include("shouwang.outreach.public_urls")),
    path("public/bookings/", include("shouwang.bookings.public_urls")),
    path("cases/", include("shouwang.cases.urls")),
    path("venues/", include("shouwang.venues.urls")),
    path("rumours/", include("shouwang.rumours.urls")),
    # Command: command/ (dashboard, zones) and reports/ (the daily report).
    path("", include("shouwang.command.urls")),
    path("patrols/", include("shouwang.patrols.urls")),
    path("bookings/", include("shouwang.bookings.urls")),
    path("duty/", include("shouwang.duty.urls")),
    path("outreach/", include("shouwang.outreach.urls")),
    path("supplies/", include("shouwang.supplies.urls")),
    # /manifest.webmanifest, /sw.js (a worker's scope is its own path: the root) and /offline/.
    path("", include("shouwang.offline.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
