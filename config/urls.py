from django.contrib import admin
from django.urls import include, path

from config.api import api
from shouwang.accounts import views as account_views
from shouwang.shell import views as shell_views

handler403 = shell_views.error_403
handler404 = shell_views.error_404
handler500 = shell_views.error_500

urlpatterns = [
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
    path("public/captcha/", include("captcha.urls")),
    path("cases/", include("shouwang.cases.urls")),
    path("venues/", include("shouwang.venues.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
