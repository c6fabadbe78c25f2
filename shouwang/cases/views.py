"""Cases: the list, the case page (parties, evidence, decision), figures and export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.people.models import Person
from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_name
from shouwang.shell.evidence_safety import evidence_limits
from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.shell.periods import figures_params
from shouwang.shell.uploads import read_uploads
from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import CaseFilter
from .forms import CaseForm, CloseForm, DecisionForm, EvidenceForm, PartyForm, VoidForm
from .models import Case, CaseKind, CaseStatus, Decision, EvidenceFile
from .policy import CASE_EXPORT, CASE_FIGURES, CASE_RECORDS
from .selectors import case_figures, case_parties, cases_listed, evidence_of
from .services import (
    Party,
    Upload,
    case_close,
    case_decide,
    case_evidence_add,
    case_open,
    case_party_add,
    case_update,
    evidence_content,
    evidence_void,
)

CASES = Listing(CaseFilter)


def _choices_context(request) -> dict:
    return {
        "kinds": CaseKind.choices,
        "statuses": CaseStatus.choices,
        "decisions": Decision.choices,
        "units": Unit.objects.visible_to(request.user).filter(is_active=True),
    }


@guarded(CASE_RECORDS)
def case_list(request):
    return render(
        request,
        "cases/case_list.html",
        {**CASES.page(request, cases_listed(request.user)), **_choices_context(request)},
    )


EXPORT_COLUMNS = (
    Column(_lazy("案件编号"), lambda case: case.number),
    Column(_lazy("案件类别"), lambda case: case.get_kind_display()),
    Column(_lazy("状态"), lambda case: case.get_status_display()),
    Column(_lazy("办案单位"), lambda case: case.unit.name),
    Column(
        _lazy("案发时间"), lambda case: timezone.localtime(case.occurred_at).replace(tzinfo=None)
    ),
    Column(_lazy("案发地点"), lambda case: case.place),
    personal(
        _lazy("当事人"),
        lambda case: "、".join(party.name for party in case.parties.all()),
        lambda names: "、".join(mask_name(name) for name in names.split("、")),
    ),
    Column(_lazy("案情"), lambda case: case.facts),
    Column(_lazy("处理决定"), lambda case: case.decision_text),
    Column(_lazy("罚款（元）"), lambda case: case.fine_amount or 0),
    Column(_lazy("拘留天数"), lambda case: case.detention_days or 0),
    Column(_lazy("主办民警"), lambda case: str(case.officer or "")),
)


@guarded(CASE_EXPORT)
def case_export(request):
    return CASES.export(
        request,
        cases_listed(request.user),
        filename=_("涉疫案件.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Case,
        prepare=lambda rows: rows.prefetch_related("parties"),
    )


@guarded(Capability.HANDLE_CASES)
def case_new(request):
    form = CaseForm(request.POST or None, initial={"occurred_at": timezone.localtime()})
    form.fields["unit"] = _unit_field(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_open(
                actor=request.user,
                unit=data["unit"],
                kind=data["kind"],
                facts=data["facts"],
                occurred_at=data["occurred_at"],
                place=data["place"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已受案：%(number)s") % {"number": case.number})
            return redirect("cases:detail", pk=case.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/case_form.html", {"form": form, "case": None}, status=status)


def _unit_field(request) -> forms.ModelChoiceField:
    units = Unit.objects.visible_to(request.user).filter(is_active=True)
    return forms.ModelChoiceField(label=_("办案单位"), queryset=units, initial=request.user.unit)


def _case(request, pk: int) -> Case:
    return get_visible_or_404(
        Case.objects.select_related("unit", "officer", "opened_by", "decided_by", "source_type"),
        request.user,
        pk=pk,
    )


def _detail(request, case: Case, status: int = 200, **bound: forms.Form) -> HttpResponse:
    source = case.source if case.source_id else None
    context = {
        "case": case,
        "source": source,
        "source_url": getattr(source, "get_absolute_url", lambda: "")(),
        "parties": case_parties(case),
        "evidence": evidence_of(case, source),
        "party_form": bound.get("party_form") or PartyForm(),
        "decision_form": bound.get("decision_form") or DecisionForm(),
        "close_form": bound.get("close_form") or CloseForm(),
        "evidence_form": bound.get("evidence_form") or EvidenceForm(),
        "is_open": case.status == CaseStatus.OPEN,
        "is_closed": case.status == CaseStatus.CLOSED,
    }
    return render(request, "cases/case_detail.html", context, status=status)


@guarded(CASE_RECORDS)
def case_detail(request, pk: int):
    return _detail(request, _case(request, pk))


@guarded(Capability.HANDLE_CASES)
def case_edit(request, pk: int):
    case = _case(request, pk)
    initial = {
        "kind": case.kind,
        "occurred_at": timezone.localtime(case.occurred_at),
        "place": case.place,
        "facts": case.facts,
    }
    form = CaseForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_update(
                actor=request.user,
                case=case,
                facts=data["facts"],
                place=data["place"],
                occurred_at=data["occurred_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("cases:detail", pk=case.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/case_form.html", {"form": form, "case": case}, status=status)


@guarded(Capability.HANDLE_CASES)
@require_POST
def case_party_new(request, pk: int):
    case = _case(request, pk)
    form = PartyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = None
        if data["person"]:
            person = Person.objects.visible_to(request.user).filter(pk=data["person"]).first()
            if person is None:
                form.add_error("person", _("未找到该人员"))
        if form.is_valid():
            try:
                case_party_add(
                    actor=request.user,
                    case=case,
                    party=Party(
                        role=data["role"],
                        person=person,
                        name=data["name"],
                        credit_code=data["credit_code"],
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已添加当事人"))
                return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, 422, party_form=form)


@guarded(Capability.DECIDE_PENALTIES)
@require_POST
def case_decision(request, pk: int):
    case = _case(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case_decide(
                actor=request.user,
                case=case,
                warning=data["warning"],
                fine_amount=data["fine_amount"],
                detention_days=data["detention_days"],
                forced_closure=data["forced_closure"],
                criminal_transfer=data["criminal_transfer"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已记录处理决定"))
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, 422, decision_form=form)


@guarded(Capability.HANDLE_CASES)
@require_POST
def case_closing(request, pk: int):
    case = _case(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            case_close(actor=request.user, case=case, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已结案"))
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, 422, close_form=form)


@guarded(Capability.HANDLE_CASES)
@require_POST
def evidence_upload(request, pk: int):
    case = _case(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        uploads = [
            Upload(name, content)
            for name, content in read_uploads(
                form.cleaned_data["files"], max_bytes=evidence_limits().max_bytes
            )
        ]
        try:
            stored = case_evidence_add(
                actor=request.user,
                case=case,
                uploads=uploads,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已上传%(n)s个文件") % {"n": len(stored)})
            return redirect("cases:detail", pk=case.pk)
    return _detail(request, case, 422, evidence_form=form)


def _evidence(request, pk: int) -> EvidenceFile:
    return get_visible_or_404(EvidenceFile.objects.all(), request.user, pk=pk)


@guarded(CASE_RECORDS)
def evidence_file(request, pk: int):
    """The file itself: photos shown inline, documents downloaded; nothing runs in the page."""
    evidence = _evidence(request, pk)
    content_types = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
    response = HttpResponse(evidence_content(evidence), content_type=content_types[evidence.kind])
    disposition = "inline" if evidence.is_image else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="evidence-{evidence.pk}.{evidence.kind}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@guarded(Capability.HANDLE_CASES)
@require_POST
def evidence_set_aside(request, pk: int):
    evidence = _evidence(request, pk)
    # Back to the page the file was listed on (a case, an inspection's venue).
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("cases:list")
    return form_action(
        request,
        VoidForm(request.POST),
        save=lambda data: evidence_void(
            actor=request.user, evidence=evidence, reason=data["reason"]
        ),
        done=target,
        message=_("已作废该材料"),
        invalid=_("请填写作废原因"),
    )


@guarded(CASE_FIGURES)
def figures(request):
    units = Unit.objects.visible_to(request.user).filter(is_active=True)
    unit, date_from, date_to = figures_params(request, units)
    found = case_figures(request.user, unit=unit, date_from=date_from, date_to=date_to)
    return render(
        request,
        "cases/figures.html",
        {
            "figures": found,
            "kind_rows": [(label, found.by_kind[value]) for value, label in CaseKind.choices],
            "decision_rows": [
                (label, found.by_decision[value]) for value, label in Decision.choices
            ],
            "units": units,
            "unit": unit,
            "date_from": date_from,
            "date_to": date_to,
        },
    )
