from datetime import datetime, time, timedelta

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.accounts.roles import Capability
from shouwang.units.policy import guarded

from .history import history_search, tracked_models
from .models import AccessAction, AccessEvent


def _day(value: str, *, end: bool = False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None
    if end:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


@guarded(Capability.VIEW_AUDIT)
@login_required
def audit_events(request):
    if not request.user.has_capability(Capability.VIEW_AUDIT):
        raise PermissionDenied
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
        usernames = User.objects.visible_to(request.user).values("username")
        logins = AccessLog.objects.filter(username__in=usernames)
        failures = AccessFailureLog.objects.filter(username__in=usernames)
        if actor:
            logins, failures = (
                logins.filter(username__icontains=actor),
                failures.filter(username__icontains=actor),
            )
        if since:
            logins, failures = (
                logins.filter(attempt_time__gte=since),
                failures.filter(attempt_time__gte=since),
            )
        if until:
            logins, failures = (
                logins.filter(attempt_time__lt=until),
                failures.filter(attempt_time__lt=until),
            )
        context["logins"] = logins.order_by("-attempt_time")[:200]
        context["failures"] = failures.order_by("-attempt_time")[:200]
    else:
        events = AccessEvent.objects.filter(actor_unit_path__startswith=request.user.unit.path)
        if actor:
            events = events.filter(actor_username__icontains=actor)
        if request.GET.get("action"):
            events = events.filter(action=request.GET["action"])
        if request.GET.get("target"):
            events = events.filter(target_type=request.GET["target"])
        if request.GET.get("record"):
            # Ids are stored as JSON strings; matching the quoted text works on both databases.
            events = events.filter(target_ids__icontains=f'"{request.GET["record"]}"')
        if since:
            events = events.filter(occurred_at__gte=since)
        if until:
            events = events.filter(occurred_at__lt=until)
        query = request.GET.copy()
        query.pop("page", None)
        context["page_obj"] = Paginator(events, 50).get_page(request.GET.get("page"))
        context["query_without_page"] = query.urlencode()
    return render(request, "audit/events.html", context)
