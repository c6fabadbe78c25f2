"""Who is refused a login, and what he is told: in Chinese, with the time he may try again.

Two mechanisms, both keyed so that nobody can lock someone else out from afar:
- django-axes locks an account *from one address* after 5 wrong passwords, for 30 minutes
  (`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`);
- `slowdown.py` spaces out attempts on an account from addresses it has never signed in from,
  so guesses spread over many addresses stay few, while the owner at his usual desk is not held.
"""

import math
from datetime import datetime, timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.audit.services import client_address


def locked_until(username: str, address: str | None) -> datetime | None:
    """When the axes lock of this account from this address ends (None: not known)."""
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these accounts are locked from some address or slowed down right now."""
    from .models import LoginThrottle, ThrottleScope

    now = timezone.now()
    lowered = {name.lower(): name for name in usernames}
    locked = set()
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(
        username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gt=now - cool_off)
    locked.update(attempts.values_list("username", flat=True))
    slowed = LoginThrottle.objects.filter(
        scope=ThrottleScope.ACCOUNT, value__in=list(lowered), next_attempt_at__gt=now
    ).values_list("value", flat=True)
    locked.update(lowered[value] for value in slowed)
    return locked


def lockout_message(until: datetime | None) -> str:
    if until is None:
        return _("登录失败次数过多，该账号已在此地址锁定，请稍后再试或请系统管理员解锁。")
    local = timezone.localtime(until)
    return _(
        "登录失败次数过多，该账号已在此地址锁定，请于 %(time)s 之后再试或请系统管理员解锁。"
    ) % {"time": local.strftime("%Y-%m-%d %H:%M")}


def slowdown_message(wait: timedelta) -> str:
    seconds = max(1, math.ceil(wait.total_seconds()))
    return _("近期登录失败次数过多，为防止密码被猜测，请于 %(seconds)s 秒后再试。") % {
        "seconds": seconds
    }


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    username = get_client_username(request, credentials) or ""
    until = locked_until(username, client_address(request))
    message = lockout_message(until)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "errors": [], "locked_until": until.isoformat() if until else None},
            status=429,
        )
    return render(request, "accounts/locked.html", {"message": message}, status=429)
