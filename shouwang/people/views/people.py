"""People list, detail, forms, reveal, export and merge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.privacy.services import (
    may_view_personal_data,
    personal_data_export_record,
    personal_data_reveal,
)
from shouwang.shell.forms import add_service_errors
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..forms import PersonForm, TravelForm, WatchRecordForm
from ..models import EpisodeStatus, Person, PersonMerge, WatchReason, WatchRecord, WatchStatus
from ..selectors import person_duplicates, person_search
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
from .common import may_manage, query_without_page, require_view


def _filters(request) -> dict[str, str]:
    return {
        key: request.GET.get(param, "")
        for key, param in [
            ("query", "q"),
            ("unit_id", "unit"),
            ("flagged", "flagged"),
            ("reason", "reason"),
            ("status", "status"),
        ]
    }


@login_required
def person_list(request):
    require_view(request.user)
    people = person_search(request.user, **_filters(request))
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/person_list.html",
        {
            "page_obj": page,
            "filters": _filters(request),
            "query_without_page": query_without_page(request),
            "units": Unit.objects.visible_to(request.user),
            "reasons": WatchReason.choices,
            "statuses": EpisodeStatus.choices,
            "may_manage": may_manage(request.user),
        },
    )


@login_required
def person_export(request):
    require_view(request.user)
    people = list(person_search(request.user, **_filters(request)))
    full = request.GET.get("full") == "1" and may_view_personal_data(request.user)
    personal_data_export_record(
        actor=request.user,
        model=Person,
        ids=[p.pk for p in people],
        full=full,
        reason=request.GET.get("reason", ""),
        request=request,
    )
    rows = (
        (
            p.pk,
            p.name,
            p.get_sex_display(),
            p.birth_date,
            p.id_number if full else mask_id_number(p.id_number) if p.id_number else "",
            p.phone if full else mask_phone(p.phone) if p.phone else "",
            p.current_address,
            p.unit.name,
            p.flagged_area.name if p.flagged_area_id else "",
        )
        for p in people
    )
    headers = [
        _("编号"),
        _("姓名"),
        _("性别"),
        _("出生日期"),
        _("身份证号"),
        _("手机号"),
        _("现住址"),
        _("责任单位"),
        _("涉及重点地区"),
    ]
    return xlsx_response(_("重点人员.xlsx"), headers, rows)


def _person(request, pk):
    require_view(request.user)
    return get_visible_or_404(
        Person.objects.select_related("unit", "flagged_area", "merged_into"), request.user, pk=pk
    )


@login_required
def person_detail(request, pk: int):
    person = _person(request, pk)
    duplicates = [] if person.is_merged else person_duplicates(person, request.user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "watch_records": person.watch_records.select_related("officer", "unit", "contact_of"),
            "episodes": person.episodes.select_related("site", "officer").prefetch_related(
                "events__actor", "followups"
            ),
            "travels": person.travels.all(),
            "duplicates": [
                {"candidate": c, "labels": [DUPLICATE_REASON_LABELS[r] for r in c.reasons]}
                for c in duplicates
            ],
            "merges": PersonMerge.objects.filter(kept=person).select_related("merged", "actor"),
            "may_manage": may_manage(request.user) and not person.is_merged,
            "may_reveal": may_view_personal_data(request.user),
            "watch_form": WatchRecordForm(),
            "travel_form": TravelForm(),
            "watch_statuses": WatchStatus.choices,
        },
    )


@login_required
@require_POST
def person_reveal(request, pk: int):
    person = _person(request, pk)
    try:
        values = personal_data_reveal(
            actor=request.user,
            record=person,
            fields=["id_number", "phone"],
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ValidationError as error:
        return render(
            request, "accounts/_reveal_error.html", {"errors": error.messages}, status=422
        )
    return render(request, "accounts/_revealed.html", {"values": values})


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


@login_required
def person_new(request):
    return _person_form(request, None)


@login_required
def person_edit(request, pk: int):
    return _person_form(request, _person(request, pk))


@login_required
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


@login_required
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


@login_required
@require_POST
def watch_record_status(request, pk: int):
    require_view(request.user)
    record = get_visible_or_404(WatchRecord, request.user, pk=pk)
    try:
        watch_record_set_status(
            actor=request.user, record=record, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("people:person_detail", pk=record.person_id)


@login_required
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
