"""What a locked-out user is told: in Chinese, with the time he may try again."""

from datetime import datetime

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


def locked_until(username: str) -> datetime | None:
    last = (
        AccessAttempt.objects.filter(username=username)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


def lockout_message(until: datetime | None) -> str:
    if until is None:
        return _("登录失败次数过多，账号已被锁定，请稍后再试。")
    local = timezone.localtime(until)
    return _("登录失败次数过多，账号已被锁定，请于 %(time)s 之后再试。") % {
        "time": local.strftime("%Y-%m-%d %H:%M")
    }


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    username = get_client_username(request, credentials) or ""
    until = locked_until(username)
    message = lockout_message(until)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "errors": [], "locked_until": until.isoformat() if until else None},
            status=429,
        )
    return render(request, "accounts/locked.html", {"message": message}, status=429)
