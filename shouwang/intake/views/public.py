"""Residents' pages: no account, phone first. Nothing here reads `request.user`: a signed-in
officer opening them is a resident like any other."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from shouwang.audit.services import client_address
from shouwang.shell.forms import add_service_errors

from .. import throttle
from ..codes import normalize_tracking_code
from ..forms import PublicReportForm
from ..models import Channel, ReportType, Status
from ..selectors import public_status as read_status
from ..services import report_submit
from ..services.submit import report_check

TITLES = {
    ReportType.TIP: gettext_lazy("举报线索"),
    ReportType.HELP: gettext_lazy("我要求助"),
    ReportType.GRIEVANCE: gettext_lazy("反映诉求"),
}


def public_home(request):
    return render(request, "intake/public/home.html")


@require_http_methods(["GET", "POST"])
def public_report(request, report_type: str):
    if report_type not in ReportType.values:
        raise Http404
    posted = request.method == "POST"
    form = PublicReportForm(
        request.POST if posted else None, request.FILES if posted else None, report_type=report_type
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = report_submit(
                    channel=Channel.PUBLIC_PAGE,
                    client_address=client_address(request),
                    data=form.service_data(),
                    photo=form.cleaned_data.get("photo"),
                )
            except throttle.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            except ValidationError as error:
                add_service_errors(form, error)
                status = 422
            else:
                query = urlencode({"code": report.tracking_code, "new": "1"})
                return redirect(f"{reverse('intake_public:status')}?{query}")
        else:
            # The challenge or a field failed: say at once everything else that is wrong.
            data = {name: form.cleaned_data.get(name) for name in form.fields}
            data["type"] = report_type
            for field, message in report_check(data).items():
                if field in form.fields and field not in form.errors:
                    form.add_error(field, message)
            status = 422
    return render(
        request,
        "intake/public/report_form.html",
        {
            "form": form,
            "report_type": report_type,
            "title": TITLES[report_type],
            "photo_lost": request.method == "POST" and bool(request.FILES),
            "photo_limit": settings.SHOUWANG_INTAKE_PHOTO_MAX_BYTES,
        },
        status=status,
    )


@require_http_methods(["GET"])
def public_status(request):
    """The status of one report by its tracking code: status, unit, reply; nothing else."""
    typed = request.GET.get("code", "")[:40]
    context = {"typed": typed, "found": None, "error": "", "is_new": request.GET.get("new") == "1"}
    status = 200
    if typed.strip():
        key = throttle.client_key(client_address(request))
        try:
            throttle.check_lookups(key)
        except throttle.RateLimited as limited:
            context["error"] = limited.message
            return render(request, "intake/public/status.html", context, status=429)
        found = read_status(typed)
        if found is None:
            throttle.count_lookup_miss(key)
            context["error"] = _("未找到该查询码，请核对后重新输入")
            status = 404
        else:
            context["found"] = {
                **found,
                "status_label": Status(found["status"]).label,
                "code": normalize_tracking_code(typed),
            }
    return render(request, "intake/public/status.html", context, status=status)
