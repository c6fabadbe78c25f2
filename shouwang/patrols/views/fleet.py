"""Vehicles and drones: the list, its export, registration, a vehicle's page and status."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import VehicleFilter
from ..forms import VehicleForm, VehicleStatusForm
from ..models import Vehicle, VehicleKind, VehicleStatus
from ..policy import FLEET_MANAGE, FLEET_STATUS, PATROL_EXPORT, PATROL_RECORDS
from ..selectors import vehicles_listed
from ..services import vehicle_register, vehicle_set_status, vehicle_update
from .common import units_of

VEHICLES = Listing(VehicleFilter)


@guarded(PATROL_RECORDS)
def vehicle_list(request):
    rows = vehicles_listed(request.user)
    return render(
        request,
        "patrols/vehicle_list.html",
        {
            **VEHICLES.page(request, rows),
            "kinds": VehicleKind.choices,
            "statuses": VehicleStatus.choices,
            "units": units_of(request.user),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("类别"), lambda vehicle: vehicle.get_kind_display()),
    Column(_lazy("车牌或编号"), lambda vehicle: vehicle.code),
    Column(_lazy("型号"), lambda vehicle: vehicle.model_name),
    Column(_lazy("带喊话器"), lambda vehicle: _("是") if vehicle.has_loudspeaker else ""),
    Column(_lazy("状态"), lambda vehicle: vehicle.get_status_display()),
    Column(_lazy("状态说明"), lambda vehicle: vehicle.status_reason),
    Column(_lazy("所属单位"), lambda vehicle: vehicle.unit.name),
    Column(_lazy("备注"), lambda vehicle: vehicle.note),
)


@guarded(PATROL_EXPORT)
def vehicle_export(request):
    return VEHICLES.export(
        request,
        vehicles_listed(request.user),
        filename=_("车辆与无人机.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Vehicle,
    )


def _data(form) -> dict:
    return {
        key: form.cleaned_data[key]
        for key in ("kind", "code", "model_name", "has_loudspeaker", "note")
        if key in form.cleaned_data
    }


@guarded(FLEET_MANAGE)
def vehicle_new(request):
    form = VehicleForm(
        request.POST or None, units=units_of(request.user), initial={"unit": request.user.unit}
    )
    return form_page(
        request,
        form,
        save=lambda data: vehicle_register(actor=request.user, unit=data["unit"], data=_data(form)),
        done=lambda vehicle: reverse("patrols:vehicle_detail", kwargs={"pk": vehicle.pk}),
        message=lambda vehicle: _("已登记：%(vehicle)s") % {"vehicle": vehicle},
        template="patrols/vehicle_form.html",
    )


def _vehicle(request, pk: int) -> Vehicle:
    return get_visible_or_404(Vehicle.objects.select_related("unit"), request.user, pk=pk)


@guarded(PATROL_RECORDS, write=FLEET_MANAGE)
def vehicle_detail(request, pk: int):
    vehicle = _vehicle(request, pk)
    form = VehicleForm(
        request.POST or None,
        units=units_of(request.user),
        editing=True,
        initial={name: getattr(vehicle, name) for name in VehicleForm.base_fields},
    )
    return form_page(
        request,
        form,
        save=lambda _cleaned: vehicle_update(actor=request.user, vehicle=vehicle, data=_data(form)),
        done=lambda _saved: reverse("patrols:vehicle_detail", args=[vehicle.pk]),
        message=_("已保存"),
        template="patrols/vehicle_detail.html",
        context=lambda: {
            "vehicle": vehicle,
            "status_form": VehicleStatusForm(initial={"status": vehicle.status}),
            "patrols": vehicle.patrols.select_related("unit")[:20],
        },
    )


@guarded(FLEET_STATUS)
@require_POST
def vehicle_status(request, pk: int):
    vehicle = _vehicle(request, pk)
    return form_action(
        request,
        VehicleStatusForm(request.POST),
        save=lambda data: vehicle_set_status(
            actor=request.user, vehicle=vehicle, status=data["status"], reason=data["reason"]
        ),
        done=reverse("patrols:vehicle_detail", args=[vehicle.pk]),
        message=_("状态已变更"),
        invalid=_("请选择状态"),
    )
