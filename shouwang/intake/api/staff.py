"""The duty desk's API: the scoped queue, one report with its history, assigning, transitions,
merging, and the figures of a unit for a period."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.privacy.masking import mask_name, mask_phone
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..figures import intake_figures
from ..filters import ReportFilter
from ..models import REPLY_LIMIT, Report
from ..rules import CASE_FROM_REPORT, INTAKE_HANDLE, INTAKE_RECORDS, RUMOUR_FROM_REPORT
from ..selectors import report_for, report_history, reports_listed
from ..services import (
    report_assign,
    report_case_open,
    report_merge,
    report_rumour_create,
    report_transition,
)

router = Router(tags=["线索与求助"])


class IntakeReportOut(Schema):
    id: int
    tracking_code: str
    type: str
    category: str
    urgency: str
    channel: str
    status: str
    unit_id: int
    unit_name: str
    text: str
    place: str
    plate: str
    subject_name: str
    anonymous: bool
    contact_name: str
    contact_phone: str
    received_at: datetime
    due_assign_at: datetime
    due_resolve_at: datetime
    assigned_at: datetime | None
    closed_at: datetime | None
    first_delivered_at: datetime | None
    handler_id: int | None
    handler_name: str
    merged_into_id: int | None
    watch_record_id: int | None
    reply: str
    overdue: bool

    @staticmethod
    def resolve_unit_name(report: Report) -> str:
        return report.unit.name

    @staticmethod
    def resolve_handler_name(report: Report) -> str:
        return str(report.handler) if report.handler_id else ""

    @staticmethod
    def resolve_contact_name(report: Report) -> str:
        return mask_name(report.contact_name)

    @staticmethod
    def resolve_contact_phone(report: Report) -> str:
        return mask_phone(report.contact_phone)

    @staticmethod
    def resolve_overdue(report: Report) -> bool:
        return report.overdue_now()


class IntakeEventOut(Schema):
    kind: str
    at: datetime
    actor: str
    from_status: str
    to_status: str
    unit_id: int | None
    officer_id: int | None
    other_id: int | None
    note: str

    @staticmethod
    def resolve_actor(event) -> str:
        return str(event.actor) if event.actor_id else ""


class IntakeReportDetailOut(IntakeReportOut):
    history: list[IntakeEventOut]
    duplicates: list[int]

    @staticmethod
    def resolve_history(report: Report) -> list:
        return report_history(report)

    @staticmethod
    def resolve_duplicates(report: Report) -> list[int]:
        return list(report.duplicates.order_by("pk").values_list("pk", flat=True))


class IntakeAssignIn(InputSchema):
    unit: Id | None = None
    officer: Id | None = None
    note: str = ""


class IntakeTransitionIn(InputSchema):
    status: str
    note: str = ""
    reply: str | None = None

    @classmethod
    def text_limits(cls) -> dict[str, int]:
        return {"note": 1000, "reply": REPLY_LIMIT}


class IntakeMergeIn(InputSchema):
    into: Id


class IntakeCaseIn(InputSchema):
    kind: str
    facts: str = ""

    @classmethod
    def text_limits(cls) -> dict[str, int]:
        return {"facts": 2000}


class IntakeCaseOut(Schema):
    case: int


class IntakeRumourIn(InputSchema):
    claim: str
    rebuttal: str
    category: str = "other"
    sources: list[str] = []
    publish: bool = False

    @classmethod
    def text_limits(cls) -> dict[str, int]:
        return {"claim": 300, "rebuttal": 2000, "category": 16, "sources": 300}


class IntakeRumourOut(Schema):
    rumour: int


class IntakeTypeFiguresOut(Schema):
    received: int
    resolved: int
    overdue: int
    assign_minutes_p50: float | None
    assign_minutes_p90: float | None
    resolve_hours_p50: float | None
    resolve_hours_p90: float | None
    delivered: int
    deliver_minutes_p50: float | None
    deliver_minutes_p90: float | None


class IntakeStatsOut(Schema):
    received: int
    resolved: int
    overdue: int
    assign_minutes_p50: float | None
    assign_minutes_p90: float | None
    resolve_hours_p50: float | None
    resolve_hours_p90: float | None
    by_type: dict[str, IntakeTypeFiguresOut]


class IntakeStatsQuery(InputSchema):
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


YES_NO = {"1": "1", "true": "1", "0": "0", "false": "0"}


@router.get(
    "/intake/reports",
    auth=api_guard(INTAKE_RECORDS),
    response=list[IntakeReportOut],
    summary="线索与求助队列（紧急在前、先到先办；本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def intake_report_list(
    request: HttpRequest,
    status: str = "",
    type: str = "",
    unit: str = "",
    overdue: str = "",
    urgency: str = "",
    q: str = "",
):
    params = {
        "status": status,
        "type": type,
        "unit": unit,
        "overdue": YES_NO.get(overdue.strip().lower(), ""),
        "urgency": urgency,
        "q": q,
    }
    return filtered(ReportFilter, reports_listed(request.auth), params, user=request.auth)


@router.get(
    "/intake/reports/{report_id}",
    auth=api_guard(INTAKE_RECORDS),
    response=IntakeReportDetailOut,
    summary="线索或求助详情（含查询码与办理经过）",
)
def intake_report_detail(request: HttpRequest, report_id: Id):
    return report_for(request.auth, report_id)


def _unit(pk: int | None) -> Unit | None:
    if pk is None:
        return None
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"unit": _("未找到该单位")})
    return unit


def _officer(pk: int | None) -> User | None:
    if pk is None:
        return None
    officer = User.objects.select_related("unit").filter(pk=pk).first()
    if officer is None or officer.unit is None:
        raise ValidationError({"officer": _("未找到该人员")})
    return officer


@router.post(
    "/intake/reports/{report_id}/assign",
    auth=api_guard(INTAKE_HANDLE),
    response={200: IntakeReportDetailOut, 409: ErrorOut, 422: ErrorOut},
    summary="指派给单位或人员；都不填则由本人受理（已由他人处理时 409）",
)
def intake_report_assign(request: HttpRequest, report_id: Id, payload: IntakeAssignIn):
    report = report_for(request.auth, report_id)
    report_assign(
        actor=request.auth,
        report=report,
        unit=_unit(payload.unit),
        officer=_officer(payload.officer),
        note=payload.note,
    )
    return report_for(request.auth, report_id)


@router.post(
    "/intake/reports/{report_id}/transitions",
    auth=api_guard(INTAKE_HANDLE),
    response={200: IntakeReportDetailOut, 422: ErrorOut},
    summary="变更状态（处理中、已办结、查无实据、已移交、重新办理），办结须有答复",
)
def intake_report_transition(request: HttpRequest, report_id: Id, payload: IntakeTransitionIn):
    report = report_for(request.auth, report_id)
    report_transition(
        actor=request.auth,
        report=report,
        status=payload.status,
        note=payload.note,
        reply=payload.reply,
    )
    return report_for(request.auth, report_id)


@router.post(
    "/intake/reports/{report_id}/merge",
    auth=api_guard(INTAKE_HANDLE),
    response={200: IntakeReportDetailOut, 409: ErrorOut, 422: ErrorOut},
    summary="把本条并入另一条（保留原记录，群众看到合并后记录的答复）",
)
def intake_report_merge(request: HttpRequest, report_id: Id, payload: IntakeMergeIn):
    report = report_for(request.auth, report_id)
    into = (
        Report.objects.visible_to(request.auth)
        .select_related("unit")
        .filter(pk=payload.into)
        .first()
    )
    if into is None:
        raise ValidationError({"into": _("未找到该线索")})
    report_merge(actor=request.auth, report=report, into=into)
    return report_for(request.auth, report_id)


@router.post(
    "/intake/reports/{report_id}/case",
    auth=api_guard(CASE_FROM_REPORT),
    response={201: IntakeCaseOut, 409: ErrorOut, 422: ErrorOut},
    summary="据线索立案（案情默认为线索描述），案件与线索互相关联；已立案时 409",
)
def intake_report_case(request: HttpRequest, report_id: Id, payload: IntakeCaseIn):
    report = report_for(request.auth, report_id)
    case = report_case_open(
        actor=request.auth, report=report, kind=payload.kind, facts=payload.facts
    )
    return Status(201, {"case": case.pk})


@router.post(
    "/intake/reports/{report_id}/rumour",
    auth=api_guard(RUMOUR_FROM_REPORT),
    response={201: IntakeRumourOut, 409: ErrorOut, 422: ErrorOut},
    summary="线索转为谣言辟谣条目，条目与线索互相关联；已转过时 409",
)
def intake_report_rumour(request: HttpRequest, report_id: Id, payload: IntakeRumourIn):
    report = report_for(request.auth, report_id)
    rumour = report_rumour_create(actor=request.auth, report=report, **payload.dict())
    return Status(201, {"rumour": rumour.pk})


@router.get(
    "/stats/intake",
    auth=api_guard(INTAKE_RECORDS),
    response=IntakeStatsOut,
    summary="线索与求助统计：收到、办结、超时，指派与办结用时的中位数和90%分位数",
)
def intake_stats(request: HttpRequest, filters: Query[IntakeStatsQuery]):
    user = request.auth
    target = get_visible_or_404(Unit, user, pk=filters.unit) if filters.unit else user.unit
    date_to = filters.date_to or timezone.localdate()
    date_from = filters.date_from or date_to - timedelta(days=6)
    if date_to < date_from:
        raise ValidationError({"to": _("结束日期不能早于开始日期")})
    return intake_figures(target, max(date_from, date(1900, 1, 2)), date_to)
