"""The duty desk's queue: urgent and oldest first, filters, overdue marks, xlsx export; and the
form the desk enters calls and visits with."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_name, mask_phone
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded

from ..filters import AGE_CHOICES, STATUS_CHOICES, ReportFilter
from ..forms import StaffReportForm
from ..models import Report, ReportType, Urgency
from ..rules import INTAKE_EXPORT, INTAKE_HANDLE, INTAKE_RECORDS
from ..selectors import assignable_units, overdue_count, reports_listed
from ..services import report_enter

REPORTS = Listing(ReportFilter)


@guarded(INTAKE_RECORDS)
def report_list(request):
    if "status" not in request.GET:
        # The queue opens on what is still waiting; "全部" is one choice away.
        query = request.GET.copy()
        query["status"] = "open"
        return redirect(f"{request.path}?{query.urlencode()}")
    return render(
        request,
        "intake/report_list.html",
        {
            **REPORTS.page(request, reports_listed(request.user)),
            "statuses": STATUS_CHOICES,
            "types": ReportType.choices,
            "urgencies": Urgency.choices,
            "ages": AGE_CHOICES,
            "units": assignable_units(request.user),
            "overdue_total": overdue_count(request.user),
            "may_handle": INTAKE_HANDLE.allows(request.user),
            "now": timezone.now(),
        },
    )


def _yes(value: bool) -> str:
    return _("是") if value else _("否")


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


EXPORT_COLUMNS = (
    Column(gettext_lazy("查询码"), lambda r: r.display_code),
    Column(gettext_lazy("收到时间"), lambda r: _local(r.received_at)),
    Column(gettext_lazy("类别"), lambda r: r.get_type_display()),
    Column(gettext_lazy("类型"), lambda r: r.get_category_display()),
    Column(gettext_lazy("紧急程度"), lambda r: r.get_urgency_display()),
    Column(gettext_lazy("来源渠道"), lambda r: r.get_channel_display()),
    Column(gettext_lazy("办理单位"), lambda r: r.unit.name),
    Column(gettext_lazy("状态"), lambda r: r.get_status_display()),
    Column(gettext_lazy("经办人"), lambda r: str(r.handler or "")),
    Column(gettext_lazy("地点"), lambda r: r.place),
    Column(gettext_lazy("车牌号"), lambda r: r.plate),
    Column(gettext_lazy("情况描述"), lambda r: r.text),
    personal(gettext_lazy("联系人"), lambda r: r.contact_name, mask_name),
    personal(gettext_lazy("联系电话"), lambda r: r.contact_phone, mask_phone),
    Column(gettext_lazy("应指派时间"), lambda r: _local(r.due_assign_at)),
    Column(gettext_lazy("指派时间"), lambda r: _local(r.assigned_at)),
    Column(gettext_lazy("应办结时间"), lambda r: _local(r.due_resolve_at)),
    Column(gettext_lazy("办结时间"), lambda r: _local(r.closed_at)),
    Column(gettext_lazy("超时"), lambda r: _yes(r.overdue_now())),
    Column(gettext_lazy("答复群众"), lambda r: r.reply),
)


@guarded(INTAKE_EXPORT)
def report_export(request):
    return REPORTS.export(
        request,
        reports_listed(request.user),
        filename=_("线索与求助.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Report,
    )


@guarded(INTAKE_HANDLE)
def report_new(request):
    """A call, a visit or a WeChat message, entered by the desk through the residents' form."""
    report_type = request.GET.get("type") or request.POST.get("type") or ReportType.TIP
    if report_type not in ReportType.values:
        report_type = ReportType.TIP
    units = list(assignable_units(request.user))
    form = StaffReportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        report_type=report_type,
        units=[(unit.pk, unit.name) for unit in units],
        initial={"unit": request.user.unit_id},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = form.cleaned_data.get("unit")
            unit = next((u for u in units if str(u.pk) == chosen), request.user.unit)
            try:
                report = report_enter(
                    actor=request.user,
                    channel=form.cleaned_data["channel"],
                    data=form.service_data(),
                    unit=unit,
                    photo=form.cleaned_data.get("photo"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 422
            else:
                messages.success(
                    request, _("已登记，查询码 %(code)s") % {"code": report.display_code}
                )
                return redirect("intake:detail", pk=report.pk)
        else:
            status = 422
    return render(
        request,
        "intake/report_new.html",
        {
            "form": form,
            "report_type": report_type,
            "types": ReportType.choices,
            "photo_limit": settings.SHOUWANG_INTAKE_PHOTO_MAX_BYTES,
        },
        status=status,
    )
