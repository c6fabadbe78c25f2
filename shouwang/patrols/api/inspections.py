"""/post-inspections: unannounced inspections of checkpoints, followed to closure."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.checkpoints.models import Checkpoint
from shouwang.shell.listing import filtered
from shouwang.units.scoping import get_visible_or_404

from ..filters import PostInspectionFilter
from ..models import PostInspection
from ..policy import INSPECTION_MANAGE, INSPECTION_RECORDS, INSPECTION_RECTIFY
from ..selectors import inspections_listed
from ..services import post_inspection_close, post_inspection_record, post_inspection_report

router = Router(tags=["卡点督查"])


class ChecklistItemIn(InputSchema):
    item: str = Field(..., max_length=16)
    passed: bool
    note: str = Field("", max_length=200)


class ChecklistItemOut(Schema):
    item: str
    passed: bool
    note: str


class PostInspectionIn(InputSchema):
    lengths_from = (PostInspection,)

    checkpoint: Id
    checklist: list[ChecklistItemIn] = Field(..., min_length=1, max_length=20)
    inspected_at: datetime | None = None
    unannounced: bool = True
    team: str = ""
    staff_present: int | None = Field(None, ge=0, le=1000)
    findings: str = Field("", max_length=1000)
    deadline: Day | None = None


class PostInspectionOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    checkpoint: int = Field(..., alias="checkpoint_id")
    checkpoint_name: str = Field(..., alias="checkpoint.name")
    inspected_at: datetime
    unannounced: bool
    team: str
    staff_present: int | None
    findings: str
    status: str
    deadline: date | None
    overdue: bool
    rectification: str
    reported_at: datetime | None
    closed_at: datetime | None
    closing_note: str
    checklist: list[ChecklistItemOut]

    @staticmethod
    def resolve_overdue(inspection: PostInspection) -> bool:
        return inspection.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_checklist(inspection: PostInspection) -> list:
        return list(inspection.items.all())


class PostInspectionQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    status: str = ""
    overdue: str = ""
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")


class PostInspectionRectificationIn(InputSchema):
    rectification: str = Field(..., max_length=1000)


class PostInspectionCloseIn(InputSchema):
    accepted: bool = True
    note: str = Field("", max_length=300)
    deadline: Day | None = None


def _inspection(request: HttpRequest, inspection_id: int) -> PostInspection:
    return get_visible_or_404(
        PostInspection.objects.select_related("unit", "checkpoint").prefetch_related("items"),
        request.auth,
        pk=inspection_id,
    )


@router.post(
    "/post-inspections",
    auth=api_guard(INSPECTION_MANAGE),
    response={201: PostInspectionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记卡点督查（发现问题须规定整改期限）",
)
def inspection_create(request: HttpRequest, payload: PostInspectionIn):
    checkpoint = get_visible_or_404(
        Checkpoint.objects.select_related("unit"), request.auth, pk=payload.checkpoint
    )
    items = {row.item: (row.passed, row.note) for row in payload.checklist}
    inspection = post_inspection_record(
        actor=request.auth,
        checkpoint=checkpoint,
        checklist=items,
        inspected_at=payload.inspected_at,
        unannounced=payload.unannounced,
        team=payload.team,
        staff_present=payload.staff_present,
        findings=payload.findings,
        deadline=payload.deadline,
    )
    return Status(201, _inspection(request, inspection.pk))


@router.get(
    "/post-inspections",
    auth=api_guard(INSPECTION_RECORDS),
    response={200: list[PostInspectionOut], 403: ErrorOut, 422: ErrorOut},
    summary="卡点督查（本单位及下级；overdue=1 只看逾期未整改）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def inspection_list(request: HttpRequest, filters: Query[PostInspectionQuery]):
    return filtered(PostInspectionFilter, inspections_listed(request.auth), filters.dict())


@router.get(
    "/post-inspections/{inspection_id}",
    auth=api_guard(INSPECTION_RECORDS),
    response={200: PostInspectionOut, 403: ErrorOut, 404: ErrorOut},
    summary="督查详情",
)
def inspection_detail(request: HttpRequest, inspection_id: Id):
    return _inspection(request, inspection_id)


@router.post(
    "/post-inspections/{inspection_id}/rectification",
    auth=api_guard(INSPECTION_RECTIFY),
    response={200: PostInspectionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="报告整改情况",
)
def inspection_rectify(
    request: HttpRequest, inspection_id: Id, payload: PostInspectionRectificationIn
):
    post_inspection_report(
        actor=request.auth,
        inspection=_inspection(request, inspection_id),
        rectification=payload.rectification,
    )
    return _inspection(request, inspection_id)


@router.post(
    "/post-inspections/{inspection_id}/close",
    auth=api_guard(INSPECTION_MANAGE),
    response={200: PostInspectionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="复查销号，或退回整改（accepted=false 并给出新期限）",
)
def inspection_close(request: HttpRequest, inspection_id: Id, payload: PostInspectionCloseIn):
    post_inspection_close(
        actor=request.auth,
        inspection=_inspection(request, inspection_id),
        accepted=payload.accepted,
        note=payload.note,
        deadline=payload.deadline,
    )
    return _inspection(request, inspection_id)
