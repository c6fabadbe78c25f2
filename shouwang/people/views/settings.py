"""Isolation policies and centralised sites of the user's unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shouwang.shell.forms import add_service_errors

from ..forms import PolicyForm, SiteForm
from ..models import IsolationPolicy, IsolationSite
from ..services import isolation_policy_save, isolation_site_save
from .common import may_manage, require_view


@login_required
def policies(request):
    require_view(request.user)
    policy_form = PolicyForm(request.POST if "policy" in request.POST else None)
    site_form = SiteForm(request.POST if "site" in request.POST else None)
    if request.method == "POST":
        if not may_manage(request.user):
            raise PermissionDenied
        form, save = (
            (policy_form, isolation_policy_save)
            if "policy" in request.POST
            else (site_form, isolation_site_save)
        )
        if form.is_valid():
            data = {**form.cleaned_data}
            if "then_days" in data:
                data["then_days"] = data["then_days"] or 0
            try:
                save(actor=request.user, unit=request.user.unit, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已保存"))
                return redirect("people:policies")
    return render(
        request,
        "people/policies.html",
        {
            "policies": IsolationPolicy.objects.visible_to(request.user).select_related("unit"),
            "sites": IsolationSite.objects.visible_to(request.user).select_related("unit"),
            "policy_form": policy_form,
            "site_form": site_form,
            "may_manage": may_manage(request.user),
        },
    )
