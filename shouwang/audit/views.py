from datetime import datetime, time, timedelta

from django.shortcuts import render
from django.utils import timezone

from shouwang.accounts.roles import Capability
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded

from .filters import AccessEventFilter
from .history import history_search, tracked_models
from .models import AccessAction
from .selectors import access_events_visible, login_attempts


def _day(value: str, *, end: bool = False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None
    if end:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


ACCESS_EVENTS = Listing(AccessEventFilter)


@guarded(Capability.VIEW_AUDIT)
def audit_events(request):
    tab = request.GET.get("tab", "access")
    actor = request.GET.get("actor", "").strip()
    since = _day(request.GET.get("from", ""))
    until = _day(request.GET.get("to", ""), end=True)
    context = {
        "tab": tab,
        "filters": request.GET,
        "actions": AccessAction.choices,
        "models": tracked_models(),
    }
    if tab == "changes":
        context["entries"] = history_search(
            user=request.user,
            actor=actor,
            target_type=request.GET.get("target", ""),
            since=since,
            until=until,
        )
    elif tab == "logins":
        context["logins"], context["failures"] = login_attempts(
            request.user, actor=actor, since=since, until=until
        )
    else:
        context.update(ACCESS_EVENTS.page(request, access_events_visible(request.user)))
    return render(request, "audit/events.html", context)
