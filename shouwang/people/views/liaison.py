"""The health liaison's read-only lists: people handed over and people isolating, masked."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.privacy.services import personal_data_export_record
from shouwang.shell.spreadsheets import xlsx_response

from ..models import EpisodeStatus, IsolationEpisode, WatchRecord, WatchSource
from .common import query_without_page, require_view


def _lists(user):
    handed_over = (
        WatchRecord.objects.visible_to(user)
        .filter(source=WatchSource.CHECKPOINT_HANDOVER)
        .select_related("person", "unit")
        .order_by("-created_at")
    )
    isolating = (
        IsolationEpisode.objects.visible_to(user)
        .filter(status=EpisodeStatus.ISOLATING)
        .select_related("person", "unit", "site")
        .order_by("planned_end", "id")
    )
    return handed_over, isolating


@login_required
def liaison(request):
    require_view(request.user)
    handed_over, isolating = _lists(request.user)
    tab = request.GET.get("tab", "isolating")
    rows = handed_over if tab == "handed_over" else isolating
    return render(
        request,
        "people/liaison.html",
        {
            "tab": tab,
            "page_obj": Paginator(rows, 50).get_page(request.GET.get("page")),
            "query_without_page": query_without_page(request),
            "counts": {"handed_over": handed_over.count(), "isolating": isolating.count()},
        },
    )


@login_required
def liaison_export(request):
    require_view(request.user)
    _handed_over, isolating = _lists(request.user)
    episodes = list(isolating)
    personal_data_export_record(
        actor=request.user,
        model=IsolationEpisode,
        ids=[e.pk for e in episodes],
        full=False,
        reason=request.GET.get("reason", "") or _("卫健对接隔离名单"),
        request=request,
    )
    rows = (
        (
            e.person.name,
            mask_id_number(e.person.id_number) if e.person.id_number else "",
            mask_phone(e.person.phone) if e.person.phone else "",
            e.get_kind_display(),
            e.site.name if e.site_id else e.person.current_address,
            e.room,
            e.start_date,
            e.planned_end,
            e.unit.name,
        )
        for e in episodes
    )
    headers = [
        _("姓名"),
        _("身份证号"),
        _("手机号"),
        _("隔离方式"),
        _("隔离地点"),
        _("房间"),
        _("开始日期"),
        _("计划解除"),
        _("责任单位"),
    ]
    return xlsx_response(_("隔离人员名单.xlsx"), headers, rows)
