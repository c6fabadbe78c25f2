"""Households: the list (search by address or resident), a household's page, its residents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_name
from shouwang.privacy.reveal import reveal_view
from shouwang.shell.forms import add_service_errors, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import CHECKPOINT_RECORDS, allows, guarded

from ..filters import HouseholdFilter
from ..forms import HouseholdEditForm, HouseholdForm, HouseholdMoveForm, MemberEditForm, MemberForm
from ..models import HouseholdMember
from ..rules import COMMUNITY_EXPORT, COMMUNITY_RECORDS, MANAGE, MEMBER_REVEAL, WORK
from ..selectors.addresses import (
    household_findings,
    household_for_page,
    household_members,
    household_units,
    household_visits,
    households_listed,
    member_for_page,
    plate_passages,
)
from ..selectors.captains import buildings_listed
from ..services import (
    household_create,
    household_move,
    household_update,
    member_add,
    member_remove,
    member_update,
)

# The search may be a resident's full ID number or phone: posted, kept out of URLs.
HOUSEHOLDS = Listing(HouseholdFilter, sensitive=("q",))


@guarded(COMMUNITY_RECORDS)
def household_list(request):
    if request.method == "POST":
        return HOUSEHOLDS.search_redirect(request)
    return render(
        request,
        "community/household_list.html",
        {
            **HOUSEHOLDS.page(request, households_listed(request.user)),
            "units": household_units(request.user),
        },
    )


def _members(household) -> str:
    return "、".join(member.name for member in household.members.all())


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda h: h.pk),
    Column(_lazy("社区/村"), lambda h: h.unit.name),
    Column(_lazy("楼栋"), lambda h: h.building.name),
    Column(_lazy("单元"), lambda h: h.entrance),
    Column(_lazy("房号"), lambda h: h.room),
    Column(_lazy("地址"), lambda h: h.address_text),
    personal(
        _lazy("住户成员"),
        _members,
        lambda names: "、".join(mask_name(n) for n in names.split("、")),
    ),
    Column(_lazy("车牌"), lambda h: "、".join(h.plates)),
)


@guarded(COMMUNITY_EXPORT)
def household_export(request):
    return HOUSEHOLDS.export(
        request,
        households_listed(request.user),
        filename=_("住户.xlsx"),
        columns=EXPORT_COLUMNS,
        model=HouseholdMember,
        default_reason=_("导出住户名单"),
    )


@guarded(WORK)
def household_new(request):
    units = household_units(request.user)
    initial = {"unit": request.GET.get("unit"), "building": request.GET.get("building", "")}
    return form_page(
        request,
        HouseholdForm(request.POST or None, units=units, initial=initial),
        save=lambda data: household_create(actor=request.user, **data),
        done=_household_url,
        message=lambda household: _("已登记住户：%(address)s") % {"address": household.label},
        template="community/household_form.html",
    )


def _household_url(household) -> str:
    return reverse("community:household", kwargs={"pk": household.pk})


@guarded(COMMUNITY_RECORDS)
def household_detail(request, pk: int):
    household = household_for_page(request.user, pk)
    return render(
        request,
        "community/household_detail.html",
        _detail_context(request, household, MemberForm()),
    )


def _detail_context(request, household, member_form):
    user = request.user
    return {
        "household": household,
        "members": household_members(household),
        "visits": household_visits(household)[:50],
        "findings": household_findings(household),
        "passages": plate_passages(user, household.plates)
        if allows(user, CHECKPOINT_RECORDS)
        else None,
        "member_form": member_form,
    }


@guarded(WORK)
@require_POST
def member_new(request, pk: int):
    household = household_for_page(request.user, pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member_add(actor=request.user, household=household, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已添加住户成员"))
            return redirect("community:household", pk=household.pk)
    return render(
        request,
        "community/household_detail.html",
        _detail_context(request, household, form),
        status=422,
    )


@guarded(MANAGE)
def household_relocate(request, pk: int):
    household = household_for_page(request.user, pk)
    form = HouseholdMoveForm(
        request.POST or None,
        buildings=buildings_listed(request.user),
        initial={
            "building": household.building_id,
            "entrance": household.entrance,
            "room": household.room,
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: household_move(actor=request.user, household=household, **data),
        done=_household_url,
        message=_("已迁移住址，入户记录随之迁移"),
        template="community/household_move.html",
        context={"household": household},
    )


@guarded(WORK)
def household_edit(request, pk: int):
    household = household_for_page(request.user, pk)
    form = HouseholdEditForm(
        request.POST or None,
        initial={
            "address_text": household.address_text,
            "plates": "、".join(household.plates),
            "note": household.note,
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: household_update(actor=request.user, household=household, **data),
        done=_household_url,
        message=_("已保存更正"),
        template="community/household_edit.html",
        context={"household": household},
    )


@guarded(WORK)
def member_edit(request, pk: int):
    """Correct a resident, or take him off the household (moved out, registered twice)."""
    member = member_for_page(request.user, pk)
    form = MemberEditForm(
        request.POST or None, initial={"name": member.name, "relation": member.relation}
    )
    removing = "remove" in request.POST

    def save(data: dict):
        if removing:
            member_remove(actor=request.user, member=member, reason=data["reason"])
        else:
            member_update(actor=request.user, member=member, **form.changes())
        return member.household

    return form_page(
        request,
        form,
        save=save,
        done=_household_url,
        message=_("已移出住户成员") if removing else _("已保存更正"),
        template="community/member_edit.html",
        context={"member": member},
    )


def _visible_member(request, pk: int) -> HouseholdMember:
    return member_for_page(request.user, pk)


member_reveal = reveal_view(_visible_member, rule=MEMBER_REVEAL)
