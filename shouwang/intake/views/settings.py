"""The bureau's service targets: read by everyone working the queue, set by its command."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shouwang.shell.forms import add_service_errors
from shouwang.units.policy import allows, guarded
from shouwang.units.scoping import bureau_of

from ..forms import SlaForm
from ..rules import INTAKE_RECORDS, SLA_MANAGE
from ..services import sla_targets_save
from ..sla import targets_of


@guarded(INTAKE_RECORDS, write=SLA_MANAGE)
def sla_page(request):
    bureau = bureau_of(request.user.unit)
    targets = targets_of(bureau)
    may_edit = allows(request.user, SLA_MANAGE) and bureau.pk == request.user.unit_id
    form = SlaForm(request.POST if request.method == "POST" else None, targets=targets)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = sla_targets_save(actor=request.user, targets=form.targets())
            except PermissionDenied as refused:
                form.add_error(None, str(refused))
                status = 403
            except ValidationError as error:
                add_service_errors(form, error)
                status = 422
            else:
                messages.success(request, _("已保存 %(n)s 项时限") % {"n": changed})
                return redirect("intake:targets")
        else:
            status = 422
    rows = [
        (
            target,
            form[f"{target.type}_{target.urgency}_minutes"],
            form[f"{target.type}_{target.urgency}_hours"],
        )
        for target in targets
    ]
    return render(
        request,
        "intake/targets.html",
        {"bureau": bureau, "rows": rows, "form": form, "may_edit": may_edit},
        status=status,
    )
