"""Import pages: template download, upload, preview with progress, apply, rejected rows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.shell.forms import add_service_errors
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.units.scoping import get_visible_or_404

from ..forms import ImportForm
from ..models import ImportJob, ImportStatus, RowOutcome
from ..rejected import rejected_rows_response
from ..services import import_job_create, import_job_request_apply, import_job_run
from ..services.import_reader import COLUMNS, TEMPLATE_EXAMPLE
from ..services.imports import STALE_AFTER, import_job_process, start_background
from .common import query_without_page, require_view


def _require_import(user) -> None:
    if not (
        user.has_capability(Capability.IMPORT_LISTS)
        and user.has_capability(Capability.MANAGE_PEOPLE)
    ):
        raise PermissionDenied


@login_required
def import_template(request):
    require_view(request.user)
    return xlsx_response(_("重点人员名单导入模板.xlsx"), list(COLUMNS), [TEMPLATE_EXAMPLE])


@login_required
def import_new(request):
    _require_import(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                actor=request.user,
                filename=upload.name,
                content=upload.read(),
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            import_job_run(job)
            return redirect("people:import_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).defer("content")[:20]
    return render(request, "people/import_new.html", {"form": form, "jobs": jobs})


def _job(request, pk):
    require_view(request.user)
    return get_visible_or_404(
        ImportJob.objects.defer("content").select_related("created_by"), request.user, pk=pk
    )


def _resume_if_stale(job: ImportJob) -> None:
    """A job left half-validated by a restart carries on when someone looks at it."""
    stale = job.heartbeat_at is None or timezone.now() - job.heartbeat_at > STALE_AFTER
    if job.status in (ImportStatus.PENDING, ImportStatus.VALIDATING) and stale:
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
        start_background(import_job_process, job.pk)


@login_required
def import_detail(request, pk: int):
    job = _job(request, pk)
    _resume_if_stale(job)
    outcome = request.GET.get("outcome", "")
    rows = (
        job.rows.exclude(outcome=RowOutcome.NEW)
        if not outcome
        else job.rows.filter(outcome=outcome)
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    running = job.status in (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.APPLYING)
    template = "people/_import_progress.html" if request.htmx else "people/import_detail.html"
    response = render(
        request,
        template,
        {
            "job": job,
            "page_obj": page,
            "query_without_page": query_without_page(request),
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


@login_required
@require_POST
def import_apply(request, pk: int):
    job = _job(request, pk)
    _require_import(request.user)
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
    return redirect("people:import_detail", pk=job.pk)


@login_required
def import_rejected(request, pk: int):
    return rejected_rows_response(request.user, _job(request, pk), request=request)
