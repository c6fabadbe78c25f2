from django.shortcuts import render

from .scoping import NO_UNIT_REFUSAL, has_jurisdiction

# What an account without a unit may still reach: signing in and out, the language switch,
# static files, the Django admin (where an administrator assigns the missing unit), and the
# residents' pages, which need no account at all (shouwang.intake).
# The API refuses such an account in its own guard (shouwang.api.auth), with its error format.
OPEN_PREFIXES = ("/login/", "/logout/", "/i18n/", "/static/", "/admin/", "/api/", "/public/")
# The web app's manifest, service worker and offline page (shouwang.offline) name no one.
OPEN_PREFIXES += ("/manifest.webmanifest", "/sw.js", "/offline/")


class RequireUnitMiddleware:
    """A signed-in account without an active unit reaches no page: 403 saying why.

    Every page works within the user's unit; without one a page has nothing to show,
    and refusing here keeps each view from having to guard against a missing unit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not has_jurisdiction(user)
        ):
            return render(request, "403.html", {"reason": NO_UNIT_REFUSAL}, status=403)
        return self.get_response(request)
