"""The health liaison's read-only lists: people handed over and people isolating, masked."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column, export_response, personal
from shouwang.privacy.masking import mask_id_number, mask_name, mask_phone
from shouwang.shell.listing import Listing
from shouwang.units.policy import EXPORT_PEOPLE, guarded

from ..models import EpisodeStatus, IsolationEpisode, WatchRecord, WatchSource


def _lists(user):
    # Made by checkpoints as they hand people over (services.handovers), newest first, with
    # the passages they came from (where, when, how hot: the checkpoints app's relation).
    handed_over = (
        WatchRecord.objects.visible_to(user)
        .filter(source=WatchSource.CHECKPOINT_HANDOVER)
        .select_related("person", "unit")
        .prefetch_related("checkpoint_occupants__passage__checkpoint")
        .order_by("-created_at", "-id")
    )
    isolating = (
        IsolationEpisode.objects.visible_to(user)
        .filter(status=EpisodeStatus.ISOLATING)
        .select_related("person", "unit", "site")
        .order_by("planned_end", "id")
    )
    return handed_over, isolating


@guarded(Capability.VIEW_PEOPLE)
def liaison(request):
    handed_over, isolating = _lists(request.user)
    tab = request.GET.get("tab", "isolating")
    rows = handed_over if tab == "handed_over" else isolating
    return render(
        request,
        "people/liaison.html",
        {
            "tab": tab,
            **Listing().page(request, rows),
            "counts": {"handed_over": handed_over.count(), "isolating": isolating.count()},
        },
    )


EXPORT_COLUMNS = (
    personal(_lazy("姓名"), lambda e: e.person.name, mask_name),  # masked on the page too
    personal(_lazy("身份证号"), lambda e: e.person.id_number, mask_id_number),
    personal(_lazy("手机号"), lambda e: e.person.phone, mask_phone),
    Column(_lazy("隔离方式"), lambda e: e.get_kind_display()),
    Column(_lazy("隔离地点"), lambda e: e.site.name if e.site_id else e.person.current_address),
    Column(_lazy("房间"), lambda e: e.room),
    Column(_lazy("开始日期"), lambda e: e.start_date),
    Column(_lazy("计划解除"), lambda e: e.planned_end),
    Column(_lazy("责任单位"), lambda e: e.unit.name),
)


@guarded(EXPORT_PEOPLE)
def liaison_export(request):
    return export_response(
        request,
        filename=_("隔离人员名单.xlsx"),
        columns=EXPORT_COLUMNS,
        records=lambda: _lists(request.user)[1],
        model=IsolationEpisode,
        default_reason=_("卫健对接隔离名单"),
    )
