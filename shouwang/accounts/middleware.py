from django.shortcuts import redirect

from .services import second_factor_required

OPEN_PREFIXES = ("/login/", "/logout/", "/account/second-factor/", "/static/", "/i18n/", "/api/")


class SecondFactorMiddleware:
    """Roles that must use a second factor reach nothing until they have verified one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and second_factor_required(user)
            and not user.is_verified()
        ):
            return redirect("second_factor")
        return self.get_response(request)
