"""The actions of the report page, each a POST through its service. Done: back to the report
with a message. Refused: the report page again, the bound form showing its errors and keeping
what was typed (422), or the conflict's message when another desk was first (409)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.conflicts import Conflict
from shouwang.people.models import Person
from shouwang.shell.forms import add_service_errors
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..codes import normalize_tracking_code
from ..forms import (
    AssignForm,
    CaseForm,
    DeliveryForm,
    MergeForm,
    MovementForm,
    ReplyForm,
    RumourFromReportForm,
    TransitionForm,
    WatchForm,
)
from ..models import Report, ReportPhoto
from ..rules import CASE_FROM_REPORT, INTAKE_HANDLE, RUMOUR_FROM_REPORT, WATCH_FROM_REPORT
from ..selectors import assignable_officers, assignable_units, report_for, route_checkpoints
from ..services import (
    TRANSITIONS,
    delivery_record,
    movement_end,
    movement_open,
    photo_void,
    report_assign,
    report_case_open,
    report_claim,
    report_merge,
    report_reply,
    report_rumour_create,
    report_transition,
    report_watch_create,
)
from .detail import render_detail


def _number(value) -> int:
    """A posted record number, 0 (no record) when it is not one."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else 0


def _done(request, report, message: str):
    messages.success(request, message)
    return redirect("intake:detail", pk=report.pk)


def _refused(request, report, error: ValidationError, form=None, name: str = ""):
    """Back to the page: a conflict as a message (409), field errors on the form (422)."""
    if isinstance(error, Conflict) or form is None:
        for message in error.messages:
            messages.error(request, message)
        return render_detail(request, report, status=409 if isinstance(error, Conflict) else 422)
    add_service_errors(form, error)
    return render_detail(request, report, status=422, **{name: form})


@guarded(INTAKE_HANDLE)
@require_POST
def report_claim_view(request, pk: int):
    report = report_for(request.user, pk)
    try:
        report_claim(actor=request.user, report=report)
    except ValidationError as error:
        return _refused(request, report, error)
    return _done(request, report, _("已受理，由您处理"))


@guarded(INTAKE_HANDLE)
@require_POST
def report_assign_view(request, pk: int):
    report = report_for(request.user, pk)
    units = list(assignable_units(request.user))
    officers = list(assignable_officers(request.user))
    form = AssignForm(request.POST, units=units, officers=officers)
    if not form.is_valid():
        return render_detail(request, report, status=422, assign_form=form)
    unit = next((u for u in units if str(u.pk) == form.cleaned_data["unit"]), None)
    officer = next((o for o in officers if str(o.pk) == form.cleaned_data["officer"]), None)
    if unit is None and officer is None:
        form.add_error(None, _("请选择指派的单位或人员"))
        return render_detail(request, report, status=422, assign_form=form)
    try:
        report_assign(
            actor=request.user,
            report=report,
            unit=unit,
            officer=officer,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "assign_form")
    return _done(request, report, _("已指派"))


@guarded(INTAKE_HANDLE)
@require_POST
def report_transition_view(request, pk: int):
    report = report_for(request.user, pk)
    form = TransitionForm(request.POST, allowed=TRANSITIONS[report.status])
    if not form.is_valid():
        return render_detail(request, report, status=422, transition_form=form)
    try:
        report = report_transition(
            actor=request.user,
            report=report,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            reply=form.cleaned_data["reply"] or None,
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "transition_form")
    return _done(request, report, _("状态已改为：%(s)s") % {"s": report.get_status_display()})


@guarded(INTAKE_HANDLE)
@require_POST
def report_reply_view(request, pk: int):
    report = report_for(request.user, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, reply_form=form)
    try:
        report_reply(actor=request.user, report=report, reply=form.cleaned_data["reply"])
    except ValidationError as error:
        return _refused(request, report, error, form, "reply_form")
    return _done(request, report, _("答复已发布，群众凭查询码可见"))


def _merge_target(user, text: str) -> Report | None:
    """The report named by its tracking code or its number, within the user's reach."""
    code = normalize_tracking_code(text)
    condition = Q(tracking_code=code) if code else Q(pk__in=[])
    if text.strip().isdigit() and len(text.strip()) < 19:
        condition |= Q(pk=int(text.strip()))
    return Report.objects.visible_to(user).filter(condition).first()


@guarded(INTAKE_HANDLE)
@require_POST
def report_merge_view(request, pk: int):
    report = report_for(request.user, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, merge_form=form)
    into = _merge_target(request.user, form.cleaned_data["into"])
    if into is None:
        form.add_error("into", _("未找到该线索，请核对查询码或编号"))
        return render_detail(request, report, status=422, merge_form=form)
    try:
        report_merge(actor=request.user, report=report, into=into)
    except ValidationError as error:
        return _refused(request, report, error, form, "merge_form")
    messages.success(request, _("已合并，原记录保留，群众将看到合并后记录的答复"))
    return redirect("intake:detail", pk=into.pk)


@guarded(WATCH_FROM_REPORT)
@require_POST
def report_watch_view(request, pk: int):
    report = report_for(request.user, pk)
    form = WatchForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, watch_form=form)
    data = form.cleaned_data
    person = None
    if data["person"]:
        person = get_visible_or_404(Person, request.user, pk=data["person"])
    try:
        report_watch_create(
            actor=request.user,
            report=report,
            person=person,
            name=data["name"],
            id_number=data["id_number"],
            address=data["address"],
            origin=data["origin"],
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "watch_form")
    return _done(request, report, _("已列为重点人员，并与本线索关联"))


@guarded(CASE_FROM_REPORT)
@require_POST
def report_case_view(request, pk: int):
    report = report_for(request.user, pk)
    form = CaseForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, case_form=form)
    try:
        case = report_case_open(
            actor=request.user,
            report=report,
            kind=form.cleaned_data["kind"],
            facts=form.cleaned_data["facts"],
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "case_form")
    return _done(request, report, _("已立案 %(case)s，并与本线索关联") % {"case": case})


@guarded(RUMOUR_FROM_REPORT)
@require_POST
def report_rumour_view(request, pk: int):
    """转为谣言辟谣条目: the tip becomes a rumour entry, linked both ways."""
    report = report_for(request.user, pk)
    form = RumourFromReportForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, rumour_form=form)
    try:
        report_rumour_create(actor=request.user, report=report, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, report, error, form, "rumour_form")
    return _done(request, report, _("已转为谣言辟谣条目，并与本线索关联"))


@guarded(INTAKE_HANDLE)
@require_POST
def movement_open_view(request, pk: int):
    report = report_for(request.user, pk)
    form = MovementForm(request.POST, checkpoints=route_checkpoints(report))
    if not form.is_valid():
        return render_detail(request, report, status=422, movement_form=form)
    data = form.cleaned_data
    now = timezone.now()
    try:
        movement_open(
            actor=request.user,
            report=report,
            plate=data["plate"],
            kind=data["kind"],
            reason=data["reason"],
            checkpoint_ids=[int(pk) for pk in data["checkpoints"]],
            valid_from=now,
            valid_to=now + timedelta(hours=data["hours"]),
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "movement_form")
    return _done(request, report, _("绿色通道已开通，途经卡点的登记页面可见"))


@guarded(INTAKE_HANDLE)
@require_POST
def movement_end_view(request, pk: int):
    report = report_for(request.user, pk)
    movement = report.movements.filter(pk=_number(request.POST.get("movement"))).first()
    if movement is None:
        messages.error(request, _("未找到该绿色通道"))
        return redirect("intake:detail", pk=report.pk)
    movement_end(actor=request.user, movement=movement, note=request.POST.get("note", "")[:100])
    return _done(request, report, _("绿色通道已结束"))


@guarded(INTAKE_HANDLE)
@require_POST
def delivery_view(request, pk: int):
    report = report_for(request.user, pk)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return render_detail(request, report, status=422, delivery_form=form)
    try:
        delivery_record(
            actor=request.user,
            report=report,
            what=form.cleaned_data["what"],
            delivered_at=form.cleaned_data["delivered_at"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        return _refused(request, report, error, form, "delivery_form")
    return _done(request, report, _("已登记送达"))


@guarded(INTAKE_HANDLE)
@require_POST
def photo_void_view(request, pk: int):
    report = report_for(request.user, pk)
    photo = ReportPhoto.objects.filter(report=report, pk=_number(request.POST.get("photo"))).first()
    if photo is None:
        messages.error(request, _("未找到该照片"))
        return redirect("intake:detail", pk=report.pk)
    try:
        photo_void(actor=request.user, photo=photo, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        return _refused(request, report, error)
    return _done(request, report, _("照片已作废（保留存档）"))
