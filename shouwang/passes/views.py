"""Pass pages: list, issue, detail, print, revoke/renew, trusted issuers, scanner, log."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.checkpoints.selectors import checkpoints_visible
from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.units.policy import PASS_RECORDS, guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import PassFilter, VerificationFilter
from .forms import IssuerForm, PassForm, RenewForm
from .models import Pass, VerificationResult
from .selectors import passes_listed, trusted_issuers_for, verifications_listed
from .services import (
    own_signing_key,
    pass_issue,
    pass_renew,
    pass_revoke,
    pass_verify,
    trusted_issuer_register,
)
from .status import STATUS_ANNOTATION, PassState, judged_at


def _int(text: str) -> int | None:
    return int(text) if text and text.isdigit() else None


# The search may be an ID number: posted and kept out of URLs (privacy.searches).
PASSES = Listing(PassFilter, sensitive=("q",))
VERIFICATIONS = Listing(VerificationFilter)


@guarded(PASS_RECORDS)
def pass_list(request):
    if request.method == "POST":
        return PASSES.search_redirect(request)
    now = judged_at(request)
    return render(
        request,
        "passes/pass_list.html",
        {
            **PASSES.page(request, passes_listed(request.user, now=now)),
            "status_at": now,
            "statuses": PassState.choices,
            "checkpoints": checkpoints_visible(request.user),
            "may_issue": request.user.has_capability(Capability.MANAGE_PASSES),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编码"), lambda record: record.display_code),
    Column(_lazy("持证人类型"), lambda record: record.get_holder_kind_display()),
    Column(_lazy("持证人"), lambda record: record.holder_name),
    Column(_lazy("统一社会信用代码"), lambda record: record.credit_code),
    personal(_lazy("身份证号"), lambda record: record.person_id_number, mask_id_number),
    personal(_lazy("联系电话"), lambda record: record.phone, mask_phone),
    Column(_lazy("车牌号"), lambda record: "、".join(record.plate_list)),
    Column(_lazy("事由"), lambda record: record.purpose),
    Column(_lazy("生效时间"), lambda r: r.valid_from.astimezone().strftime("%Y-%m-%d %H:%M")),
    Column(_lazy("截止时间"), lambda r: r.valid_to.astimezone().strftime("%Y-%m-%d %H:%M")),
    Column(
        _lazy("适用卡点"),
        lambda record: "、".join(c.name for c in record.checkpoints.all()) or _("本局所有卡点"),
    ),
    # The status the list shows, read with the rows (`passes_listed` annotates it).
    Column(_lazy("状态"), lambda record: str(PassState(getattr(record, STATUS_ANNOTATION)).label)),
    Column(_lazy("签发单位"), lambda record: record.unit.name),
)


@guarded(PASS_RECORDS.with_all(Capability.EXPORT_DATA))
def pass_export(request):
    return PASSES.export(
        request,
        passes_listed(request.user, now=judged_at(request)),
        filename=_("通行证.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Pass,
        prepare=lambda passes: passes.prefetch_related("checkpoints"),
    )


@guarded(Capability.MANAGE_PASSES)
def pass_new(request):
    if not request.user.has_capability(Capability.MANAGE_PASSES):
        raise PermissionDenied
    form = PassForm(request.POST or None, checkpoints=checkpoints_visible(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = pass_issue(
                actor=request.user,
                holder_kind=data["holder_kind"],
                purpose=data["purpose"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                enterprise_name=data["enterprise_name"],
                credit_code=data["credit_code"],
                person_name=data["person_name"],
                person_id_number=data["person_id_number"],
                phone=data["phone"],
                plates=form.plate_list(),
                people=form.people_list(),
                checkpoints=list(data["checkpoints"]),
                zones=data["zones"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("通行证已签发：%(code)s") % {"code": record.display_code})
            return redirect("passes:detail", pk=record.pk)
    return render(request, "passes/pass_form.html", {"form": form})


def _visible_pass(request, pk: int) -> Pass:
    queryset = Pass.objects.select_related("unit", "issued_by", "renews", "signing_key__unit")
    return get_visible_or_404(
        queryset.prefetch_related("checkpoints", "people"), request.user, pk=pk
    )


@guarded(PASS_RECORDS)
def pass_detail(request, pk: int):
    record = _visible_pass(request, pk)
    return render(
        request,
        "passes/pass_detail.html",
        {
            "record": record,
            "status_at": judged_at(request),
            "renew_form": RenewForm(
                initial={
                    "valid_from": record.valid_to,
                    "valid_to": record.valid_to + (record.valid_to - record.valid_from),
                }
            ),
            "renewed_by": Pass.objects.filter(renews=record).first(),
            "verifications": record.verifications.select_related("checkpoint", "verified_by")[:20],
            "may_manage": request.user.has_capability(Capability.MANAGE_PASSES),
        },
    )


@guarded(Capability.MANAGE_PASSES)
def pass_print(request, pk: int):
    record = _visible_pass(request, pk)
    qr = segno.make(record.token, error="m")
    return render(
        request,
        "passes/pass_print.html",
        {
            "record": record,
            "status_at": judged_at(request),
            "qr_svg": qr.svg_inline(scale=5, border=2, title=record.display_code),
        },
    )


@guarded(Capability.MANAGE_PASSES)
@require_POST
def pass_revoke_view(request, pk: int):
    record = _visible_pass(request, pk)
    try:
        pass_revoke(actor=request.user, pass_record=record, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("通行证已吊销"))
    return redirect("passes:detail", pk=record.pk)


@guarded(Capability.MANAGE_PASSES)
@require_POST
def pass_renew_view(request, pk: int):
    record = _visible_pass(request, pk)
    return form_action(
        request,
        RenewForm(request.POST),
        save=lambda data: pass_renew(
            actor=request.user,
            pass_record=record,
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        ),
        done=lambda renewed: reverse("passes:detail", args=[renewed.pk]),
        back=reverse("passes:detail", args=[record.pk]),
        message=lambda renewed: _("已换发新证：%(code)s") % {"code": renewed.display_code},
        invalid=_("请填写新的有效期"),
    )


@guarded(PASS_RECORDS, write=Capability.MANAGE_PASSES)
def issuers(request):
    may_manage = request.user.has_capability(Capability.MANAGE_PASSES)
    form = IssuerForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                trusted_issuer_register(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已登记"))
                return redirect("passes:issuers")
    own = own_signing_key(actor=request.user)
    return render(
        request,
        "passes/issuers.html",
        {
            "issuers": trusted_issuers_for(request.user),
            "form": form,
            "may_manage": may_manage,
            "bureau": own.bureau,
            "own_key": own.key,
        },
    )


def _scan_checkpoint(request):
    checkpoints = checkpoints_visible(request.user, active_only=True)
    checkpoint_id = _int(request.GET.get("checkpoint", "") or request.POST.get("checkpoint", ""))
    if checkpoint_id is None:
        return None, checkpoints
    return get_visible_or_404(checkpoints, request.user, pk=checkpoint_id), checkpoints


@gzip_page  # its styles are inline (3G)
@guarded(Capability.VERIFY_PASSES)
def scan(request):
    if not request.user.has_capability(Capability.VERIFY_PASSES):
        raise PermissionDenied
    checkpoint, checkpoints = _scan_checkpoint(request)
    offline = None
    if checkpoint is not None:
        # What the offline verifier needs (shouwang/offline/static/offline/verify.js).
        offline = {
            "user": request.user.username,
            "checkpoint": checkpoint.pk,
            "material": reverse("api:pass_offline_material"),
            "verify": reverse("api:pass_check"),
            "worker": reverse("offline:service_worker"),
            "labels": {value: str(label) for value, label in VerificationResult.choices},
        }
    return render(
        request,
        "passes/scan.html",
        {"checkpoint": checkpoint, "checkpoints": checkpoints, "offline": offline},
    )


@guarded(Capability.VERIFY_PASSES)
@require_POST
def scan_verify(request):
    """htmx: verify what the camera read or the officer typed; answer the verdict panel."""
    checkpoint, _checkpoints = _scan_checkpoint(request)
    if checkpoint is None:
        return render(request, "passes/_verdict.html", {"error": _("请先选择卡点")}, status=422)
    try:
        verification = pass_verify(
            code=request.POST.get("code", ""), checkpoint=checkpoint, actor=request.user
        )
    except ValidationError as error:
        return render(
            request, "passes/_verdict.html", {"error": "；".join(error.messages)}, status=422
        )
    return render(request, "passes/_verdict.html", {"verification": verification})


@guarded(PASS_RECORDS)
def verification_log(request):
    return render(
        request,
        "passes/verification_log.html",
        {
            **VERIFICATIONS.page(request, verifications_listed(request.user)),
            "checkpoints": checkpoints_visible(request.user),
            "results": VerificationResult.choices,
        },
    )
