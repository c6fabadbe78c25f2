"""Zones: the map with the list, drawing or importing a zone, its page with its history and the
actions that change it (level, a new case, lifting), each with a reason."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.shell.forms import add_service_errors, form_action
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404, unit_is_visible_to

from ..models import Zone, ZoneLevel, ZoneStatus
from ..params import unit_param
from ..rules import MANAGE_ZONES, ZONE_RECORDS
from .forms import ZoneCaseForm, ZoneForm, ZoneLevelForm, ZoneLiftForm
from .selectors import (
    map_features,
    zone_for_page,
    zone_readable_or_404,
    zone_search,
    zones_with_lifting,
)
from .services import zone_case_report, zone_change_level, zone_create, zone_lift, zone_update


def _map_settings() -> dict:
    return {
        "tile_url": settings.SHOUWANG_MAP_TILE_URL,
        "tile_attribution": settings.SHOUWANG_MAP_TILE_ATTRIBUTION,
    }


@guarded(ZONE_RECORDS)
def zone_map(request):
    """Every zone the user reads on the map and in a list, those due for lifting marked."""
    unit = unit_param(request)
    level = request.GET.get("level", "")
    status = request.GET.get("status", ZoneStatus.ACTIVE)
    zones = zones_with_lifting(
        zone_search(request.user, unit=unit, level=level, status=status),
        timezone.localdate(),
    )
    return render(
        request,
        "command/zone_map.html",
        {
            "unit": unit,
            "zones": zones,
            "due": [zone for zone in zones if zone.meets_lifting_rule],
            "features": map_features(request.user, zones),
            "map": _map_settings(),
            "levels": ZoneLevel.choices,
            "statuses": ZoneStatus.choices,
            "level": level,
            "status": status,
        },
    )


def _form_data(form: ZoneForm) -> dict:
    data = dict(form.cleaned_data)
    data["geometry"] = data.pop("geometry_parsed", None)
    data.pop("geometry_file", None)
    data["checkpoints"] = [checkpoint.pk for checkpoint in data.get("checkpoints") or []]
    data["buildings"] = [building.pk for building in data.get("buildings") or []]
    return data


@guarded(MANAGE_ZONES)
def zone_new(request):
    form = ZoneForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={
            "unit": request.user.unit,
            "started_on": timezone.localdate(),
            "lift_after_days": settings.SHOUWANG_ZONE_LIFT_AFTER_DAYS,
            "level": ZoneLevel.SEALED,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = _form_data(form)
        try:
            zone = zone_create(actor=request.user, unit=data.pop("unit"), data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已划定区域：%(name)s") % {"name": zone.name})
            return redirect("command:zone_detail", pk=zone.pk)
    return render(
        request,
        "command/zone_form.html",
        {
            "form": form,
            "zone": None,
            "map": _map_settings(),
            # The zones already drawn, to draw the new one among them.
            "features": map_features(
                request.user,
                list(zone_search(request.user, status=ZoneStatus.ACTIVE)),
            ),
        },
    )


@guarded(ZONE_RECORDS, write=MANAGE_ZONES)
def zone_detail(request, pk: int):
    zone = zone_readable_or_404(request.user, pk)
    editable = MANAGE_ZONES.allows(request.user) and unit_is_visible_to(zone.unit, request.user)
    form = None
    if editable:
        form = ZoneForm(
            request.POST or None,
            request.FILES or None,
            user=request.user,
            editing=True,
            initial={
                "name": zone.name,
                "lift_after_days": zone.lift_after_days,
                "note": zone.note,
                "geometry": "",
                "checkpoints": list(zone.checkpoints.all()),
                "buildings": list(zone.buildings.all()),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                zone_update(actor=request.user, zone=zone, data=_form_data(form))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已保存"))
                return redirect("command:zone_detail", pk=zone.pk)
    elif request.method == "POST":
        get_visible_or_404(Zone, request.user, pk=pk)
    zone = zone_for_page(zone)
    [zone_with_rule] = zones_with_lifting(Zone.objects.filter(pk=zone.pk), timezone.localdate())
    today = timezone.localdate()
    return render(
        request,
        "command/zone_detail.html",
        {
            "zone": zone,
            "rule": zone_with_rule,
            "form": form,
            "editable": editable,
            "features": map_features(request.user, [zone_with_rule]),
            "map": _map_settings(),
            "history": zone.history.select_related("history_user").order_by("-history_date")[:30],
            "level_form": ZoneLevelForm(),
            "case_form": ZoneCaseForm(initial={"on": today}),
            "lift_form": ZoneLiftForm(initial={"on": today}),
        },
    )


def _action(request, pk: int, form_class, call, done: str):
    zone = get_visible_or_404(Zone.objects.select_related("unit"), request.user, pk=pk)
    return form_action(
        request,
        form_class(request.POST),
        save=lambda data: call(zone, data),
        done=reverse("command:zone_detail", args=[zone.pk]),
        message=done,
    )


@guarded(MANAGE_ZONES)
@require_POST
def zone_level(request, pk: int):
    return _action(
        request,
        pk,
        ZoneLevelForm,
        lambda zone, data: zone_change_level(
            actor=request.user, zone=zone, level=data["level"], reason=data["reason"]
        ),
        _("已调整管控级别"),
    )


@guarded(MANAGE_ZONES)
@require_POST
def zone_case(request, pk: int):
    return _action(
        request,
        pk,
        ZoneCaseForm,
        lambda zone, data: zone_case_report(
            actor=request.user, zone=zone, on=data["on"], reason=data["reason"]
        ),
        _("已登记新增病例，无新增天数重新计算"),
    )


@guarded(MANAGE_ZONES)
@require_POST
def zone_lift_view(request, pk: int):
    return _action(
        request,
        pk,
        ZoneLiftForm,
        lambda zone, data: zone_lift(
            actor=request.user, zone=zone, on=data["on"], reason=data["reason"]
        ),
        _("已解除该区域"),
    )
