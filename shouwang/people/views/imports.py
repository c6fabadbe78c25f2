"""Import pages: template download, upload, preview with progress, apply, rejected rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import export_response
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.shell.workbook_safety import read_upload
from shouwang.units.policy import EXPORT_PEOPLE, IMPORT_PEOPLE, guarded
from shouwang.units.scoping import get_visible_or_404

from ..forms import ImportForm
from ..models import ImportJob, ImportStatus, Person, RowOutcome
from ..rejected import REJECTED_COLUMNS, rejected_rows, rejected_rows_filename
from ..services import import_job_create, import_job_request_apply
from ..services.import_reader import COLUMNS, TEMPLATE_EXAMPLE


@guarded(Capability.VIEW_PEOPLE)
def import_template(request):
    return xlsx_response(_("重点人员名单导入模板.xlsx"), list(COLUMNS), [TEMPLATE_EXAMPLE])


@guarded(IMPORT_PEOPLE)
def import_new(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                actor=request.user,
                filename=upload.name,
                content=read_upload(upload),
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("people:import_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).defer("content")[:20]
    # A refused file comes back as the form with its reason, and as 422 like the API.
    status = 422 if request.method == "POST" else 200
    return render(request, "people/import_new.html", {"form": form, "jobs": jobs}, status=status)


def _job(request, pk):
    return get_visible_or_404(
        ImportJob.objects.defer("content").select_related("created_by"), request.user, pk=pk
    )


@guarded(Capability.VIEW_PEOPLE)
def import_detail(request, pk: int):
    job = _job(request, pk)
    outcome = request.GET.get("outcome", "")
    rows = (
        job.rows.exclude(outcome=RowOutcome.NEW)
        if not outcome
        else job.rows.filter(outcome=outcome)
    )
    running = job.status in (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.APPLYING)
    template = "people/_import_progress.html" if request.htmx else "people/import_detail.html"
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
            and request.user.has_capability(Capability.IMPORT_LISTS),
        },
    )
    if request.htmx and not running:
        # The poll saw the job finish: reload the whole page for the preview and apply button.
        response["HX-Refresh"] = "true"
    return response


@guarded(IMPORT_PEOPLE)
@require_POST
def import_apply(request, pk: int):
    job = _job(request, pk)
    try:
        job = import_job_request_apply(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        if job.status == ImportStatus.APPLIED:
            messages.success(
                request,
                _("已导入：新增%(n)s人，匹配已有%(m)s人")
                % {"n": job.new_count, "m": job.matched_count},
            )
        elif job.status == ImportStatus.FAILED:
            messages.error(request, job.error)
        else:
            messages.info(request, _("已提交，正在后台写入；本页会显示进度"))
    return redirect("people:import_detail", pk=job.pk)


@guarded(EXPORT_PEOPLE)
def import_rejected(request, pk: int):
    job = _job(request, pk)
    return export_response(
        request,
        filename=rejected_rows_filename(job),
        columns=REJECTED_COLUMNS,
        records=lambda: rejected_rows(job),
        model=Person,
        default_reason=_("下载导入被拒绝的行"),
    )
