"""The daily report pages: the table with the previous period and the paragraph, the print-ready
page, the workbook, and the list of kept reports."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from shouwang.shell.spreadsheets import xlsx_response
from shouwang.units.models import Unit
from shouwang.units.policy import guarded

from ..models import DailyReport
from ..params import children_of, period_params, unit_param
from ..rules import REPORT_EXPORT, REPORTS
from .figures import emergency_start
from .services import daily_report


def _report_context(request) -> dict:
    unit = unit_param(request)
    date_from, date_to = period_params(request)
    context: dict = {
        "unit": unit,
        "units": Unit.objects.visible_to(request.user).order_by("path"),
        "children": children_of(unit),
        "emergency_start": emergency_start(unit),
        "report": None,
        "errors": [],
    }
    try:
        report = daily_report(user=request.user, unit=unit, date_from=date_from, date_to=date_to)
    except ValidationError as error:
        context["errors"] = error.messages
        context["date_from"], context["date_to"] = date_from, date_to
        return context
    context.update(report=report, date_from=report.date_from, date_to=report.date_to)
    context["rows"] = report.rows()
    context["query"] = (
        f"unit={unit.pk}&from={report.date_from.isoformat()}&to={report.date_to.isoformat()}"
    )
    return context


@guarded(REPORTS)
def report(request):
    return render(request, "command/report.html", _report_context(request))


@guarded(REPORTS)
def report_print(request):
    return render(request, "command/report_print.html", _report_context(request))


@guarded(REPORT_EXPORT)
def report_xlsx(request):
    """The same figures as a workbook: figure, this period, the previous one, change, correction."""
    unit = unit_param(request)
    date_from, date_to = period_params(request)
    try:
        found = daily_report(user=request.user, unit=unit, date_from=date_from, date_to=date_to)
    except ValidationError as error:
        return render(
            request,
            "command/report.html",
            {"unit": unit, "errors": error.messages, "report": None, "units": []},
            status=422,
        )
    period = f"{found.date_from.isoformat()}至{found.date_to.isoformat()}"
    previous = f"{found.previous_from.isoformat()}至{found.previous_to.isoformat()}"
    headers = [_("项目"), period, previous, _("增减"), _("更正")]
    rows = [
        [row["label"], row["value"], row["previous"], row["change"], row["correction"]]
        for row in found.rows()
    ]
    rows.append([])
    rows.append([_("文字稿"), found.text])
    filename = _("%(unit)s工作日报%(from)s至%(to)s.xlsx") % {
        "unit": unit.name,
        "from": found.date_from.isoformat(),
        "to": found.date_to.isoformat(),
    }
    return xlsx_response(filename, headers, rows)


@guarded(REPORTS)
def report_list(request):
    """The reports the daily job kept for the user's units, newest first."""
    unit = unit_param(request)
    kept = (
        DailyReport.objects.visible_to(request.user)
        .filter(unit__path__startswith=unit.path)
        .select_related("unit")
    )
    page = Paginator(kept, 50).get_page(request.GET.get("page"))
    return render(request, "command/report_list.html", {"unit": unit, "page": page})
