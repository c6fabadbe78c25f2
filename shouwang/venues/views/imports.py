"""Importing a venue register: the template, the upload, the job's progress and row errors."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.shell.forms import add_service_errors
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.shell.workbook_safety import read_upload
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..forms import ImportForm
from ..models import VenueImport
from ..policy import VENUE_RECORDS
from ..services import venue_import_create
from ..services.imports import COLUMNS, KIND_HINT, TEMPLATE_EXAMPLE


@guarded(VENUE_RECORDS)
def import_template(request):
    return xlsx_response(_("场所名册导入模板.xlsx"), list(COLUMNS), [TEMPLATE_EXAMPLE])


@guarded(Capability.MANAGE_VENUES)
def import_new(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = venue_import_create(
                actor=request.user, filename=upload.name, content=read_upload(upload)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("venues:import_detail", pk=job.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "venues/import_new.html",
        {
            "form": form,
            "jobs": VenueImport.objects.visible_to(request.user)[:20],
            "kind_hint": KIND_HINT,
        },
        status=status,
    )


@guarded(VENUE_RECORDS)
def import_detail(request, pk: int):
    job = get_visible_or_404(VenueImport.objects.select_related("created_by"), request.user, pk=pk)
    template = "venues/_import_progress.html" if request.htmx else "venues/import_detail.html"
    response = render(request, template, {"job": job})
    if request.htmx and not job.running:
        response["HX-Refresh"] = "true"
    return response
