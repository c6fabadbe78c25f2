"""Isolation policies and centralised sites of the user's unit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shouwang.accounts.roles import Capability
from shouwang.shell.forms import add_service_errors
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..forms import PolicyForm, SiteForm
from ..models import IsolationPolicy, IsolationSite
from ..selectors import sites_with_occupancy
from ..services import isolation_policy_save, isolation_site_save
from .common import may_manage


@guarded(Capability.VIEW_PEOPLE, write=Capability.MANAGE_PEOPLE)
def policies(request):
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
            "sites": sites_with_occupancy(request.user),
            "policy_form": policy_form,
            "site_form": site_form,
            "may_manage": may_manage(request.user),
        },
    )


@guarded(Capability.MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def site_edit(request, pk: int):
    """Correct a site's name, address or rooms, or stand it down once nobody lives there."""
    site = get_visible_or_404(IsolationSite.objects.select_related("unit"), request.user, pk=pk)
    if not may_manage(request.user):
        raise PermissionDenied
    initial = {
        "name": site.name,
        "address": site.address,
        "rooms": site.rooms,
        "is_active": site.is_active,
    }
    form = SiteForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            isolation_site_save(actor=request.user, unit=site.unit, site=site, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存，修改记录已保留"))
            return redirect("people:policies")
    return render(request, "people/site_form.html", {"form": form, "site": site})
