"""Buildings and their captains: the list with the figures, a building's page, "my buildings"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import BuildingFilter
from ..forms import ActivityForm, BuildingMoveForm, CaptainForm, RepresentativeForm, VoidForm
from ..models import ActivityKind, Building, BuildingActivity, BuildingRepresentative
from ..rules import COMMUNITY_RECORDS, MANAGE, WORK
from ..selectors.addresses import building_rooms, household_units
from ..selectors.captains import (
    building_lines,
    buildings_listed,
    captain_figures,
    current_captains,
    my_buildings,
)
from ..selectors.staff import field_staff
from ..services import (
    activity_record,
    activity_void,
    building_move,
    captain_assign,
    may_keep_log,
    representative_add,
)

BUILDINGS = Listing(BuildingFilter)


@guarded(COMMUNITY_RECORDS)
def building_list(request):
    context = BUILDINGS.page(request, buildings_listed(request.user))
    context["lines"] = building_lines(list(context["page_obj"]))
    context["figures"] = captain_figures(request.user)
    context["units"] = household_units(request.user)
    context["kinds"] = dict(ActivityKind.choices)
    return render(request, "community/building_list.html", context)


@guarded(WORK)
def building_mine(request):
    """A captain's phone: his buildings, those without work this week first, one tap to log."""
    return render(
        request,
        "community/building_mine.html",
        {"lines": my_buildings(request.user), "kinds": ActivityKind.choices},
    )


def _building(request, pk: int) -> Building:
    return get_visible_or_404(Building.objects.select_related("unit"), request.user, pk=pk)


def _detail(request, building, **forms):
    user = request.user
    keeper = may_keep_log(user, building)
    activities = (
        BuildingActivity.objects.filter(building=building)
        .select_related("recorded_by", "voided_by")
        .order_by("-happened_at", "-id")[:50]
    )
    context = {
        "building": building,
        "captain": current_captains([building]).get(building.pk),
        "entrances": building_rooms(building),
        "representatives": BuildingRepresentative.objects.filter(
            building=building, ended_at__isnull=True
        ).order_by("entrance", "id"),
        "activities": activities,
        "keeper": keeper,
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "representative_form": forms.get("representative_form") or RepresentativeForm(),
        "captain_form": forms.get("captain_form") or CaptainForm(officers=field_staff(user)),
        "move_form": forms.get("move_form") or BuildingMoveForm(units=household_units(user)),
        "void_form": VoidForm(),
    }
    return context


@guarded(COMMUNITY_RECORDS)
def building_detail(request, pk: int):
    building = _building(request, pk)
    return render(request, "community/building_detail.html", _detail(request, building))


def _keeper_or_403(request, building) -> None:
    # Before the form is read: a non-captain learns nothing from an empty post.
    if not may_keep_log(request.user, building):
        raise PermissionDenied(_("只有本楼栋的楼长或所长可以记录本楼栋的工作"))


@guarded(COMMUNITY_RECORDS)
@require_POST
def activity_new(request, pk: int):
    building = _building(request, pk)
    _keeper_or_403(request, building)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            activity_record(actor=request.user, building=building, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已记录：%(name)s") % {"name": building.name})
            if request.POST.get("next") == "mine":
                return redirect("community:buildings_mine")
            return redirect("community:building", pk=building.pk)
    return render(
        request,
        "community/building_detail.html",
        _detail(request, building, activity_form=form),
        status=422,
    )


@guarded(COMMUNITY_RECORDS)
@require_POST
def activity_cancel(request, pk: int):
    activity = get_visible_or_404(
        BuildingActivity.objects.select_related("building", "building__unit"), request.user, pk=pk
    )
    _keeper_or_403(request, activity.building)
    return form_action(
        request,
        VoidForm(request.POST),
        save=lambda data: activity_void(
            actor=request.user, activity=activity, reason=data["reason"]
        ),
        done=reverse("community:building", args=[activity.building_id]),
        message=_("已作废该记录"),
        invalid=_("请填写作废原因"),
    )


@guarded(COMMUNITY_RECORDS)
@require_POST
def representative_new(request, pk: int):
    building = _building(request, pk)
    _keeper_or_403(request, building)
    form = RepresentativeForm(request.POST)
    if form.is_valid():
        try:
            representative_add(actor=request.user, building=building, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已添加楼栋单元代表"))
            return redirect("community:building", pk=building.pk)
    return render(
        request,
        "community/building_detail.html",
        _detail(request, building, representative_form=form),
        status=422,
    )


@guarded(MANAGE)
@require_POST
def captain_new(request, pk: int):
    building = _building(request, pk)
    form = CaptainForm(request.POST, officers=field_staff(request.user))
    if form.is_valid():
        try:
            captain_assign(
                actor=request.user, building=building, officer=form.cleaned_data["officer"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已任命楼长"))
            return redirect("community:building", pk=building.pk)
    return render(
        request,
        "community/building_detail.html",
        _detail(request, building, captain_form=form),
        status=422,
    )


@guarded(MANAGE)
@require_POST
def building_relocate(request, pk: int):
    building = _building(request, pk)
    form = BuildingMoveForm(request.POST, units=household_units(request.user))
    if form.is_valid():
        try:
            building_move(actor=request.user, building=building, unit=form.cleaned_data["unit"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("楼栋已划入%(unit)s") % {"unit": building.unit.name})
            return redirect("community:building", pk=building.pk)
    return render(
        request,
        "community/building_detail.html",
        _detail(request, building, move_form=form),
        status=422,
    )
