from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shouwang.accounts.roles import Role
from shouwang.units.models import Unit

from .home import figures_context, home_kind, volunteer_context

HOME_TEMPLATES = {
    Role.ADMINISTRATOR: "shell/home_administrator.html",
}
# The checkpoint a volunteer last registered at (checkpoints.views.SHIFT_KEY: the session key
# is the contract; shell imports no app's pages).
SHIFT_KEY = "checkpoints.shift_checkpoint"


@login_required
def home(request):
    user = request.user
    kind = home_kind(user)
    if kind == "figures":
        return render(request, "shell/home_figures.html", figures_context(user))
    if kind == "volunteer":
        context = volunteer_context(user, request.session.get(SHIFT_KEY))
        return render(request, "shell/home_volunteer.html", context)
    if not user.unit_id:  # deny by default: an account without a unit sees nothing
        return render(request, "shell/home.html", {"unit": None, "unit_count": 0})
    units = Unit.objects.visible_to(user).order_by("path")
    context = {
        "unit": user.unit,
        "units_below": units.exclude(pk=user.unit_id)[:50],
        "unit_count": units.count(),
        "level_changes": user.unit.level_changes.select_related("changed_by")[:5],
    }
    return render(request, HOME_TEMPLATES.get(user.role, "shell/home.html"), context)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
