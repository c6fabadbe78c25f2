"""Post inspections: the list (overdue flagged), its export, a new one, its page and follow-up."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.checkpoints.selectors import checkpoints_visible
from shouwang.privacy.exports import Column
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import PostInspectionFilter
from ..forms import CloseForm, InspectionForm, RectificationForm
from ..models import InspectionStatus, PostInspection
from ..policy import (
    INSPECTION_EXPORT,
    INSPECTION_MANAGE,
    INSPECTION_RECORDS,
    INSPECTION_RECTIFY,
)
from ..selectors import inspections_listed, overdue_inspections
from ..services import post_inspection_close, post_inspection_record, post_inspection_report

INSPECTIONS = Listing(PostInspectionFilter)


@guarded(INSPECTION_RECORDS)
def inspection_list(request):
    today = timezone.localdate()
    return render(
        request,
        "patrols/inspection_list.html",
        {
            **INSPECTIONS.page(request, inspections_listed(request.user)),
            "statuses": InspectionStatus.choices,
            "today": today,
            "overdue_count": overdue_inspections(request.user, today).count(),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("检查时间"), lambda i: timezone.localtime(i.inspected_at)),
    Column(_lazy("被检卡点"), lambda i: i.checkpoint.name),
    Column(_lazy("暗访"), lambda i: _("是") if i.unannounced else ""),
    Column(_lazy("督查组"), lambda i: i.team),
    Column(_lazy("在岗人数"), lambda i: "" if i.staff_present is None else i.staff_present),
    Column(
        _lazy("不合格项"),
        lambda i: "、".join(item.get_item_display() for item in i.items.all() if not item.passed),
    ),
    Column(_lazy("发现问题"), lambda i: i.findings),
    Column(_lazy("状态"), lambda i: i.get_status_display()),
    Column(_lazy("整改期限"), lambda i: i.deadline or ""),
    Column(_lazy("整改情况"), lambda i: i.rectification),
    Column(_lazy("单位"), lambda i: i.unit.name),
)


@guarded(INSPECTION_EXPORT)
def inspection_export(request):
    return INSPECTIONS.export(
        request,
        inspections_listed(request.user),
        filename=_("卡点督查.xlsx"),
        columns=EXPORT_COLUMNS,
        model=PostInspection,
    )


@guarded(INSPECTION_MANAGE)
def inspection_new(request):
    form = InspectionForm(
        request.POST or None,
        checkpoints=checkpoints_visible(request.user, active_only=True),
        initial={
            "inspected_at": timezone.localtime().replace(second=0, microsecond=0),
            "checkpoint": request.GET.get("checkpoint"),
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: post_inspection_record(
            actor=request.user,
            checkpoint=data["checkpoint"],
            checklist=form.checklist_values(),
            inspected_at=data["inspected_at"],
            unannounced=data["unannounced"],
            team=data["team"],
            staff_present=data["staff_present"],
            findings=data["findings"],
            deadline=data["deadline"],
        ),
        done=lambda inspection: reverse("patrols:inspection_detail", kwargs={"pk": inspection.pk}),
        message=_("已登记督查"),
        template="patrols/inspection_form.html",
    )


def _inspection(request, pk: int) -> PostInspection:
    return get_visible_or_404(
        PostInspection.objects.select_related("unit", "checkpoint", "inspector"),
        request.user,
        pk=pk,
    )


@guarded(INSPECTION_RECORDS)
def inspection_detail(request, pk: int):
    inspection = _inspection(request, pk)
    return render(
        request,
        "patrols/inspection_detail.html",
        {
            "inspection": inspection,
            "items": inspection.items.all(),
            "overdue": inspection.is_overdue(timezone.localdate()),
            "rectify_form": RectificationForm(),
            "close_form": CloseForm(),
        },
    )


@guarded(INSPECTION_RECTIFY)
@require_POST
def inspection_rectify(request, pk: int):
    inspection = _inspection(request, pk)
    return form_action(
        request,
        RectificationForm(request.POST),
        save=lambda data: post_inspection_report(
            actor=request.user, inspection=inspection, rectification=data["rectification"]
        ),
        done=reverse("patrols:inspection_detail", args=[inspection.pk]),
        message=_("已报告整改情况"),
        invalid=_("请填写整改情况"),
    )


@guarded(INSPECTION_MANAGE)
@require_POST
def inspection_close(request, pk: int):
    inspection = _inspection(request, pk)
    return form_action(
        request,
        CloseForm(request.POST),
        save=lambda data: post_inspection_close(
            actor=request.user,
            inspection=inspection,
            accepted=data["accepted"],
            note=data["note"],
            deadline=data["deadline"],
        ),
        done=reverse("patrols:inspection_detail", args=[inspection.pk]),
        message=_("已记录复查结论"),
        invalid=_("请选择复查结论"),
    )
