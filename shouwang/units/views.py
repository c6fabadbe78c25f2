from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column, export_response
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.units.policy import SIGNED_IN, guarded

from .filters import UnitFilter
from .forms import EmergencyLevelForm, UnitForm
from .models import Unit, UnitKind
from .scoping import get_visible_or_404
from .services import unit_create, unit_set_emergency_level, unit_update

# The tree of one bureau is short enough to show whole: filtered, never paged.
UNITS = Listing(UnitFilter)


def _filtered(request):
    return UNITS.filter(request, Unit.objects.visible_to(request.user).order_by("path")).qs


@login_required
def unit_list(request):
    return render(
        request,
        "units/unit_list.html",
        {
            "units": _filtered(request),
            "kinds": UnitKind.choices,
            "filters": request.GET,
            "may_manage": request.user.has_capability(Capability.MANAGE_UNITS),
            "may_switch": request.user.has_capability(Capability.SWITCH_EMERGENCY_LEVEL),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("名称"), lambda unit: unit.name),
    Column(_lazy("类型"), lambda unit: unit.get_kind_display()),
    Column(_lazy("上级单位"), lambda unit: unit.parent.name if unit.parent else ""),
    Column(_lazy("单位代码"), lambda unit: unit.code),
    Column(_lazy("响应级别"), lambda unit: unit.get_emergency_level_display()),
)


@login_required
def unit_export(request):
    return export_response(
        request,
        filename=_("单位.xlsx"),
        columns=EXPORT_COLUMNS,
        records=lambda: _filtered(request).select_related("parent"),
    )


def _unit_form_view(request, unit: Unit | None):
    visible = Unit.objects.visible_to(request.user)
    initial = {}
    if unit is not None:
        visible = visible.exclude(path__startswith=unit.path)
        initial = {"name": unit.name, "kind": unit.kind, "parent": unit.parent, "code": unit.code}
    form = UnitForm(request.POST or None, initial=initial, units=visible)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if unit is None:
                unit_create(
                    actor=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    parent=data["parent"],
                    code=data["code"],
                )
            else:
                unit_update(
                    actor=request.user,
                    unit=unit,
                    name=data["name"],
                    kind=data["kind"],
                    parent=data["parent"],
                    code=data["code"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("单位已保存"))
            return redirect("units:list")
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


@guarded(Capability.MANAGE_UNITS)
def unit_new(request):
    return _unit_form_view(request, None)


@guarded(Capability.MANAGE_UNITS)
def unit_edit(request, pk: int):
    return _unit_form_view(request, get_visible_or_404(Unit, request.user, pk=pk))


@guarded(SIGNED_IN, write=Capability.SWITCH_EMERGENCY_LEVEL)
def emergency_level(request, pk: int):
    unit = get_visible_or_404(Unit, request.user, pk=pk)
    form = EmergencyLevelForm(request.POST or None, initial={"level": unit.emergency_level})
    if request.method == "POST" and form.is_valid():
        try:
            unit_set_emergency_level(
                unit=unit,
                level=form.cleaned_data["level"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("响应级别已调整"))
            return redirect("units:emergency", pk=unit.pk)
    return render(
        request,
        "units/emergency_level.html",
        {
            "unit": unit,
            "form": form,
            "effective_level": unit.effective_emergency_level(),
            "changes": unit.level_changes.select_related("changed_by")[:100],
            "may_switch": request.user.has_capability(Capability.SWITCH_EMERGENCY_LEVEL),
        },
    )
