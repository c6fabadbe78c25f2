from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shouwang.accounts.roles import Role
from shouwang.units.models import Unit

HOME_TEMPLATES = {
    Role.COMMANDER: "shell/home_commander.html",
    Role.ADMINISTRATOR: "shell/home_administrator.html",
}


@login_required
def home(request):
    user = request.user
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
