from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .services import second_factor_required

# What a signed-in session may reach before it has proved its second factor: signing in and
# out, the second-factor page itself, the token endpoint (which asks for the code itself), and
# the residents' pages and API, which need no account and read nothing of the session's.
OPEN_PREFIXES = (
    "/login/",
    "/logout/",
    "/account/second-factor/",
    "/static/",
    "/i18n/",
    "/public/",
    "/api/v1/public/",
    # The web app's manifest, service worker and offline page (shouwang.offline).
    "/manifest.webmanifest",
    "/sw.js",
    "/offline/",
)
OPEN_API_PATHS = ("/api/v1/auth/token",)


def second_factor_refusal() -> JsonResponse:
    return JsonResponse({"detail": _("请先完成动态验证码验证"), "errors": []}, status=403)


class SecondFactorMiddleware:
    """Roles that must use a second factor reach nothing until they have verified one.

    Pages redirect to the second-factor page; the API answers 403 in its error format, since
    a script cannot follow a redirect to a form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and user.is_authenticated
            and not path.startswith(OPEN_PREFIXES)
            and path not in OPEN_API_PATHS
            and second_factor_required(user)
            and not user.is_verified()
        ):
            if path.startswith("/api/"):
                return second_factor_refusal()
            target = reverse("second_factor")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
