"""Passage records: filtered list per checkpoint or unit, export, detail, edit, void."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.privacy.masking import mask_id_number, mask_name, mask_phone
from shouwang.privacy.services import (
    may_view_personal_data,
    personal_data_export_record,
    personal_data_reveal,
)
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .models import (
    Direction,
    Disposition,
    GreenChannelKind,
    HealthCode,
    Occupant,
    Passage,
    VehicleKind,
)
from .selectors import PassageFilters, checkpoints_visible, passages_filtered
from .services import CORRECTABLE, passage_update, passage_void

EXPORT_LIMIT = 50_000


def _bool(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


def _filters(request) -> tuple[PassageFilters, dict]:
    get = request.GET
    raw = {
        name: get.get(name, "")
        for name in (
            "checkpoint",
            "unit",
            "from",
            "to",
            "disposition",
            "out_of_town",
            "origin",
            "plate",
            "health_code",
            "green_channel",
            "q",
            "void",
        )
    }
    unit = None
    if raw["unit"].isdigit():
        unit = get_visible_or_404(Unit, request.user, pk=int(raw["unit"]))
    filters = PassageFilters(
        checkpoint=int(raw["checkpoint"]) if raw["checkpoint"].isdigit() else None,
        unit=unit,
        date_from=parse_date(raw["from"]) if raw["from"] else None,
        date_to=parse_date(raw["to"]) if raw["to"] else None,
        disposition=raw["disposition"],
        out_of_town=_bool(raw["out_of_town"]),
        origin=raw["origin"],
        plate=raw["plate"],
        health_code=raw["health_code"],
        green_channel=_bool(raw["green_channel"]),
        query=raw["q"],
        include_void=raw["void"] != "0",
    )
    return filters, raw


@login_required
def passage_list(request):
    try:
        filters, raw = _filters(request)
    except ValueError:
        filters, raw = PassageFilters(), {}
    queryset = passages_filtered(request.user, filters).select_related("key_area")
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "checkpoints/passage_list.html",
        {
            "page_obj": page,
            "filters": raw,
            "query_without_page": query.urlencode(),
            "checkpoints": checkpoints_visible(request.user),
            "units": Unit.objects.visible_to(request.user),
            "dispositions": Disposition.choices,
            "health_codes": HealthCode.choices,
            "may_see_full": may_view_personal_data(request.user),
        },
    )


@login_required
def passage_export(request):
    filters, _raw = _filters(request)
    passages = list(
        passages_filtered(request.user, filters).prefetch_related("occupants")[:EXPORT_LIMIT]
    )
    full = request.GET.get("full") == "1" and may_view_personal_data(request.user)
    personal_data_export_record(
        actor=request.user,
        model=Passage,
        ids=[p.pk for p in passages],
        full=full,
        reason=request.GET.get("reason", ""),
        request=request,
    )

    def people(passage: Passage) -> str:
        shown = []
        for person in passage.occupants.all():
            id_number = (
                person.id_number
                if full
                else (mask_id_number(person.id_number) if person.id_number else "")
            )
            phone = person.phone if full else (mask_phone(person.phone) if person.phone else "")
            name = person.name if full else mask_name(person.name)
            shown.append(" ".join(part for part in (name, id_number, phone) if part))
        return "；".join(shown)

    rows = (
        (
            p.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            p.checkpoint.name,
            p.get_direction_display(),
            p.plate,
            p.get_vehicle_kind_display(),
            "是" if p.out_of_town else "",
            "是" if p.is_key_area else "",
            p.occupants_count,
            p.max_temperature,
            p.get_health_code_display(),
            p.origin_province,
            p.origin_city,
            p.origin,
            p.destination,
            p.purpose,
            p.get_disposition_display(),
            p.override_reason,
            p.get_green_channel_kind_display() if p.green_channel else "",
            people(p),
            str(p.recorded_by),
            "已作废：" + p.void_reason if p.is_void else "",
        )
        for p in passages
    )
    headers = [
        _("时间"),
        _("卡点"),
        _("方向"),
        _("车牌"),
        _("类型"),
        _("外地"),
        _("重点地区"),
        _("人数"),
        _("最高体温"),
        _("健康码"),
        _("来源省份"),
        _("来源城市"),
        _("来自"),
        _("去往"),
        _("事由"),
        _("处置"),
        _("未移交原因"),
        _("绿色通道"),
        _("人员"),
        _("登记人"),
        _("状态"),
    ]
    return xlsx_response(_("通行登记.xlsx"), headers, rows)


def _visible_passage(request, pk: int) -> Passage:
    return get_visible_or_404(
        Passage.objects.select_related("checkpoint__unit", "recorded_by", "key_area"),
        request.user,
        pk=pk,
    )


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


@login_required
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


@login_required
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


@login_required
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
