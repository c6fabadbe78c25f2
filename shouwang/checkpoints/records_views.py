"""Passage records: filtered list per checkpoint or unit, export, detail, edit, void."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column, masked_text
from shouwang.privacy.masking import mask_id_number, mask_name, mask_phone
from shouwang.privacy.services import may_view_personal_data, personal_data_reveal
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_RECORDS, guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import PassageFilter
from .models import (
    Direction,
    Disposition,
    GreenChannelKind,
    HealthCode,
    Occupant,
    Passage,
    VehicleKind,
)
from .selectors import checkpoints_visible, passages_listed
from .services import CORRECTABLE, passage_update, passage_void

EXPORT_LIMIT = 50_000


# The search may be an ID number or a phone: posted and kept out of URLs (privacy.searches).
PASSAGES = Listing(PassageFilter, sensitive=("q",))


@guarded(CHECKPOINT_RECORDS)
@login_required
def passage_list(request):
    if request.method == "POST":
        return PASSAGES.search_redirect(request)
    listed = passages_listed(request.user).select_related("key_area")
    return render(
        request,
        "checkpoints/passage_list.html",
        {
            **PASSAGES.page(request, listed),
            "checkpoints": checkpoints_visible(request.user),
            "units": Unit.objects.visible_to(request.user),
            "dispositions": Disposition.choices,
            "health_codes": HealthCode.choices,
            "may_see_full": may_view_personal_data(request.user),
        },
    )


def _occupants(passage: Passage, *, full: bool) -> str:
    shown = []
    for person in passage.occupants.all():
        parts = (
            (person.name, person.id_number, person.phone)
            if full
            else (
                mask_name(person.name),
                masked_text(person.id_number, mask_id_number),
                masked_text(person.phone, mask_phone),
            )
        )
        shown.append(" ".join(part for part in parts if part))
    return "；".join(shown)


EXPORT_COLUMNS = (
    Column(_lazy("时间"), lambda p: p.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M")),
    Column(_lazy("卡点"), lambda p: p.checkpoint.name),
    Column(_lazy("方向"), lambda p: p.get_direction_display()),
    Column(_lazy("车牌"), lambda p: p.plate),
    Column(_lazy("类型"), lambda p: p.get_vehicle_kind_display()),
    Column(_lazy("外地"), lambda p: "是" if p.out_of_town else ""),
    Column(_lazy("重点地区"), lambda p: "是" if p.is_key_area else ""),
    Column(_lazy("人数"), lambda p: p.occupants_count),
    Column(_lazy("最高体温"), lambda p: p.max_temperature),
    Column(_lazy("健康码"), lambda p: p.get_health_code_display()),
    Column(_lazy("来源省份"), lambda p: p.origin_province),
    Column(_lazy("来源城市"), lambda p: p.origin_city),
    Column(_lazy("来自"), lambda p: p.origin),
    Column(_lazy("去往"), lambda p: p.destination),
    Column(_lazy("事由"), lambda p: p.purpose),
    Column(_lazy("处置"), lambda p: p.get_disposition_display()),
    Column(_lazy("未移交原因"), lambda p: p.override_reason),
    Column(
        _lazy("绿色通道"), lambda p: p.get_green_channel_kind_display() if p.green_channel else ""
    ),
    Column(
        _lazy("人员"),
        lambda p: _occupants(p, full=True),
        masked=lambda p: _occupants(p, full=False),
    ),
    Column(_lazy("登记人"), lambda p: str(p.recorded_by)),
    Column(_lazy("状态"), lambda p: "已作废：" + p.void_reason if p.is_void else ""),
)


@guarded(CHECKPOINT_RECORDS.with_all(Capability.EXPORT_DATA))
@login_required
def passage_export(request):
    return PASSAGES.export(
        request,
        passages_listed(request.user),
        filename=_("通行登记.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Passage,
        limit=EXPORT_LIMIT,
        prepare=lambda passages: passages.prefetch_related("occupants"),
    )


def _visible_passage(request, pk: int) -> Passage:
    return get_visible_or_404(
        Passage.objects.select_related("checkpoint__unit", "recorded_by", "key_area"),
        request.user,
        pk=pk,
    )


@guarded(CHECKPOINT_RECORDS)
@login_required
def passage_detail(request, pk: int):
    passage = _visible_passage(request, pk)
    return render(
        request,
        "checkpoints/passage_detail.html",
        {
            "passage": passage,
            "occupants": passage.occupants.all(),
            "may_reveal": may_view_personal_data(request.user),
            "dispositions": Disposition.choices,
            "directions": Direction.choices,
            "vehicle_kinds": VehicleKind.choices,
            "health_codes": HealthCode.choices,
            "green_channel_kinds": GreenChannelKind.choices,
        },
    )


def _field_label(name: str) -> str:
    labels = {"temperature": _("体温"), "reason": _("修改原因"), "__all__": _("登记")}
    if name in labels:
        return str(labels[name])
    try:
        return str(Passage._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@guarded(Capability.REGISTER_PASSAGES)
@require_POST
def passage_edit(request, pk: int):
    passage = _visible_passage(request, pk)
    changes = {name: request.POST[name] for name in CORRECTABLE if name in request.POST}
    try:
        passage_update(
            actor=request.user,
            passage=passage,
            changes=changes,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            messages.error(request, f"{_field_label(field)}：{field_messages[0]}")
    else:
        messages.success(request, _("已修改，修改记录已保留"))
    return redirect("checkpoints:passage", pk=pk)


@guarded(Capability.REGISTER_PASSAGES)
@require_POST
def passage_void_view(request, pk: int):
    passage = _visible_passage(request, pk)
    try:
        passage_void(actor=request.user, passage=passage, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("已作废"))
    return redirect("checkpoints:passage", pk=pk)


@guarded(CHECKPOINT_RECORDS.with_all(Capability.VIEW_PERSONAL_DATA))
@require_POST
def occupant_reveal(request, pk: int):
    occupant = get_visible_or_404(Occupant, request.user, pk=pk)
    try:
        values = personal_data_reveal(
            actor=request.user,
            record=occupant,
            fields=["id_number", "phone"],
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ValidationError as error:
        return render(
            request, "accounts/_reveal_error.html", {"errors": error.messages}, status=422
        )
    return render(request, "accounts/_revealed.html", {"values": values})
