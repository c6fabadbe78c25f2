"""The residents' API, without an account: the units to choose from, submitting a report, and
reading its status by tracking code. Limited per client address and per phone (429)."""

from datetime import datetime

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status

from shouwang.api.errors import error_body
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.audit.services import client_address

from .. import throttle
from ..models import Channel, Report
from ..selectors import public_status
from ..services import report_submit
from ..services.common import choosable_units

router = Router(tags=["群众服务"])


class IntakePublicUnitOut(Schema):
    id: int
    name: str
    kind: str
    parent: int | None


class IntakePublicReportIn(InputSchema):
    lengths_from = (Report,)

    type: str
    category: str
    text: str
    place: str = ""
    plate: str | None = None
    contact_phone: str | None = None
    anonymous: bool = False
    urgency: str | None = None
    unit: Id | None = None


class IntakePublicReportOut(Schema):
    tracking_code: str
    status: str


class IntakePublicStatusOut(Schema):
    status: str
    unit_name: str
    reply: str
    updated_at: datetime


def _limited(limited: throttle.RateLimited) -> JsonResponse:
    return JsonResponse(
        error_body(limited.message), status=429, headers={"Retry-After": str(limited.retry_after)}
    )


@router.get(
    "/units", auth=None, response=list[IntakePublicUnitOut], summary="群众可选择的派出所、社区和村"
)
def public_units(request: HttpRequest):
    return [
        {"id": unit.pk, "name": unit.name, "kind": unit.kind, "parent": unit.parent_id}
        for unit in choosable_units()
    ]


@router.post(
    "/reports",
    auth=None,
    response={201: IntakePublicReportOut, 422: ErrorOut, 429: ErrorOut},
    summary="提交线索、求助或诉求（不需要账号；按来源地址和手机号限制频率）",
)
def public_report_submit(request: HttpRequest, payload: IntakePublicReportIn):
    try:
        report = report_submit(
            channel=Channel.PUBLIC_API,
            client_address=client_address(request),
            data=payload.dict(),
        )
    except throttle.RateLimited as limited:
        return _limited(limited)
    return Status(201, {"tracking_code": report.tracking_code, "status": report.status})


@router.get(
    "/reports/{tracking_code}",
    auth=None,
    response={200: IntakePublicStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="凭查询码查看办理进度：状态、办理单位、答复、更新时间",
)
def public_report_status(request: HttpRequest, tracking_code: str = Path(..., max_length=40)):
    key = throttle.client_key(client_address(request))
    try:
        throttle.check_lookups(key)
    except throttle.RateLimited as limited:
        return _limited(limited)
    found = public_status(tracking_code)
    if found is None:
        throttle.count_lookup_miss(key)
        return Status(404, error_body(_("未找到该查询码")))
    return found
