"""People list, detail, forms, reveal, export and merge."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.privacy.reveal import reveal_view
from shouwang.privacy.services import may_view_personal_data
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_RECORDS, EXPORT_PEOPLE, Policy, allows, guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import PersonFilter
from ..forms import PersonForm, TravelForm, WatchRecordForm
from ..models import (
    EpisodeStatus,
    Person,
    PersonMerge,
    WatchReason,
    WatchRecord,
    WatchSource,
    WatchStatus,
)
from ..selectors import people_listed, person_duplicates
from ..selectors.persons import DUPLICATE_REASON_LABELS
from ..services import (
    PersonConflict,
    person_merge,
    person_register,
    person_update,
    travel_add,
    watch_record_create,
    watch_record_set_status,
)
from .common import may_manage

# The search may be a full ID number or phone: posted and kept out of URLs (privacy.searches).
PEOPLE = Listing(PersonFilter, sensitive=("q",))


@guarded(Capability.VIEW_PEOPLE)
def person_list(request):
    if request.method == "POST":
        return PEOPLE.search_redirect(request)
    return render(
        request,
        "people/person_list.html",
        {
            **PEOPLE.page(request, people_listed(request.user)),
            "units": Unit.objects.visible_to(request.user),
            "reasons": WatchReason.choices,
            "statuses": EpisodeStatus.choices,
            "watch_statuses": WatchStatus.choices,
            "sources": WatchSource.choices,
            "may_manage": may_manage(request.user),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda p: p.pk),
    Column(_lazy("姓名"), lambda p: p.name),
    Column(_lazy("性别"), lambda p: p.get_sex_display()),
    Column(_lazy("出生日期"), lambda p: p.birth_date),
    personal(_lazy("身份证号"), lambda p: p.id_number, mask_id_number),
    personal(_lazy("手机号"), lambda p: p.phone, mask_phone),
    Column(_lazy("现住址"), lambda p: p.current_address),
    Column(_lazy("责任单位"), lambda p: p.unit.name),
    Column(_lazy("涉及重点地区"), lambda p: p.flagged_area.name if p.flagged_area_id else ""),
)


@guarded(EXPORT_PEOPLE)
def person_export(request):
    return PEOPLE.export(
        request,
        people_listed(request.user),
        filename=_("重点人员.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Person,
    )


def _person(request, pk):
    return get_visible_or_404(
        Person.objects.select_related("unit", "flagged_area", "merged_into"), request.user, pk=pk
    )


@guarded(Capability.VIEW_PEOPLE)
def person_detail(request, pk: int):
    person = _person(request, pk)
    duplicates = [] if person.is_merged else person_duplicates(person, request.user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            # A record made at a checkpoint names the passage it came from (the relation is
            # the checkpoints app's: people imports nothing of it).
            "watch_records": person.watch_records.select_related(
                "officer", "unit", "contact_of"
            ).prefetch_related(
                "checkpoint_occupants__passage__checkpoint",
                # …and one found by household screening, the visits that found him.
                "screening_findings__visit__household",
            ),
            "may_see_passages": allows(request.user, CHECKPOINT_RECORDS),
            "episodes": person.episodes.select_related("site", "officer").prefetch_related(
                "events__actor", "followups"
            ),
            "travels": person.travels.all(),
            "duplicates": [
                {"candidate": c, "labels": [DUPLICATE_REASON_LABELS[r] for r in c.reasons]}
                for c in duplicates
            ],
            "merges": PersonMerge.objects.filter(kept=person).select_related("merged", "actor"),
            # What the role may do is asked of each action's own rule by the page
            # (`{% load policy %}`); a merged record takes no change at all.
            "editable": not person.is_merged,
            "may_reveal": may_view_personal_data(request.user),
            "watch_form": WatchRecordForm(),
            "travel_form": TravelForm(),
            "watch_statuses": WatchStatus.choices,
        },
    )


person_reveal = reveal_view(
    _person, rule=Policy.all(Capability.VIEW_PEOPLE, Capability.VIEW_PERSONAL_DATA)
)


def _person_form(request, person: Person | None):
    if not may_manage(request.user):
        raise PermissionDenied
    initial = {}
    if person is not None:
        initial = {name: getattr(person, name) for name in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                person = person_register(
                    actor=request.user, unit=request.user.unit, **form.cleaned_data
                )
            else:
                person = person_update(actor=request.user, person=person, **form.cleaned_data)
        except PersonConflict as conflict:
            existing = conflict.existing
            form.add_error(None, _("该人员已登记，请打开已有记录"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request, "people/person_form.html", {"form": form, "person": person, "existing": existing}
    )


@guarded(Capability.MANAGE_PEOPLE)
def person_new(request):
    return _person_form(request, None)


@guarded(Capability.MANAGE_PEOPLE)
def person_edit(request, pk: int):
    return _person_form(request, _person(request, pk))


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def person_merge_view(request, pk: int):
    keep = _person(request, pk)
    merge = _person(request, request.POST.get("merge", ""))
    try:
        person_merge(actor=request.user, keep=keep, merge=merge)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已合并，原记录保留并标记为已合并"))
    return redirect("people:person_detail", pk=keep.pk)


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def watch_record_new(request, pk: int):
    person = _person(request, pk)
    form = WatchRecordForm(request.POST)
    if form.is_valid():
        try:
            watch_record_create(
                actor=request.user, person=person, officer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已登记关注记录"))
    else:
        messages.error(request, _("请检查填写内容"))
    return redirect("people:person_detail", pk=person.pk)


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def watch_record_status(request, pk: int):
    record = get_visible_or_404(WatchRecord, request.user, pk=pk)
    try:
        watch_record_set_status(
            actor=request.user, record=record, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("people:person_detail", pk=record.person_id)


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def travel_new(request, pk: int):
    person = _person(request, pk)
    form = TravelForm(request.POST)
    if form.is_valid():
        try:
            travel_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, _("请检查行程填写内容"))
    return redirect("people:person_detail", pk=person.pk)
