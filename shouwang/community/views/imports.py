"""Household import pages: template, upload, preview with progress, apply."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.shell.workbook_safety import read_upload
from shouwang.units.policy import allows, guarded
from shouwang.units.scoping import get_visible_or_404

from ..forms import ImportForm
from ..models import HouseholdImportJob, ImportStatus, RowOutcome
from ..rules import COMMUNITY_RECORDS, IMPORT_HOUSEHOLDS
from ..services import household_import_create, household_import_request_apply
from ..services.import_reader import COLUMNS, TEMPLATE_EXAMPLE

RUNNING = (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.APPLYING)


@guarded(COMMUNITY_RECORDS)
def import_template(request):
    return xlsx_response(_("住户导入模板.xlsx"), list(COLUMNS), TEMPLATE_EXAMPLE)


@guarded(IMPORT_HOUSEHOLDS)
def import_new(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = household_import_create(
                actor=request.user, filename=upload.name, content=read_upload(upload)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("community:import_detail", pk=job.pk)
    jobs = HouseholdImportJob.objects.visible_to(request.user)[:20]
    status = 422 if request.method == "POST" else 200
    return render(request, "community/import_new.html", {"form": form, "jobs": jobs}, status=status)


def _job(request, pk):
    return get_visible_or_404(
        HouseholdImportJob.objects.select_related("created_by"), request.user, pk=pk
    )


@guarded(COMMUNITY_RECORDS)
def import_detail(request, pk: int):
    job = _job(request, pk)
    outcome = request.GET.get("outcome", "")
    if outcome not in RowOutcome.values:
        outcome = ""
    rows = (
        job.rows.filter(outcome=outcome)
        if outcome
        else job.rows.exclude(outcome=RowOutcome.UNCHANGED)
    )
    running = job.status in RUNNING
    template = "community/_import_progress.html" if request.htmx else "community/import_detail.html"
    response = render(
        request,
        template,
        {
            "job": job,
            **Listing().page(request, rows),
            "outcome": outcome,
            "outcomes": RowOutcome.choices,
            "running": running,
            "may_apply": job.status == ImportStatus.PREVIEW
            and allows(request.user, IMPORT_HOUSEHOLDS),
        },
    )
    if request.htmx and not running:
        # The poll saw the job finish: reload the whole page for the preview and apply button.
        response["HX-Refresh"] = "true"
    return response


@guarded(IMPORT_HOUSEHOLDS)
@require_POST
def import_apply(request, pk: int):
    job = _job(request, pk)
    try:
        job = household_import_request_apply(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        if job.status == ImportStatus.APPLIED:
            messages.success(
                request,
                _("已导入：新增%(n)s户，新增%(m)s名住户成员")
                % {"n": job.new_count, "m": job.added_count},
            )
        elif job.status == ImportStatus.FAILED:
            messages.error(request, job.error)
        else:
            messages.info(request, _("已提交，正在后台写入；本页会显示进度"))
    return redirect("community:import_detail", pk=job.pk)
