from datetime import date

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.units.scoping import get_visible_or_404

from .models import KeyArea
from .selectors import key_area_search
from .services import key_area_create, key_area_end, key_area_update

router = Router(tags=["重点地区"])


class KeyAreaOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    region_code: str
    name: str
    risk_level: str
    plate_prefixes: list[str]
    valid_from: date
    valid_to: date | None
    note: str

    @staticmethod
    def resolve_unit_name(area: KeyArea) -> str:
        return area.unit.name


class KeyAreaIn(InputSchema):
    lengths_from = (KeyArea,)

    region_code: str
    risk_level: str
    valid_from: date
    valid_to: date | None = None
    note: str = ""


class KeyAreaPatch(InputSchema):
    lengths_from = (KeyArea,)

    risk_level: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    note: str | None = None


class KeyAreaEndIn(InputSchema):
    on: date | None = None
    reason: str = ""


@router.get("", response=list[KeyAreaOut], summary="重点地区（本单位及上级发布）")
@paginate(BoundedPageNumberPagination, page_size=100)
def key_area_list(request: HttpRequest, q: str = "", risk_level: str = "", on: Day | None = None):
    return key_area_search(request.auth, query=q, risk_level=risk_level, on=on)


@router.post(
    "",
    auth=api_guard(Capability.MANAGE_CHECKPOINTS),
    response={201: KeyAreaOut, 403: ErrorOut, 422: ErrorOut},
    summary="添加重点地区",
)
def key_area_add(request: HttpRequest, payload: KeyAreaIn):
    area = key_area_create(actor=request.auth, **payload.dict())
    return Status(201, area)


@router.get("/{area_id}", response=KeyAreaOut, summary="重点地区详情")
def key_area_detail(request: HttpRequest, area_id: Id):
    areas = KeyArea.objects.readable_by(request.auth).select_related("unit")
    area = areas.filter(pk=area_id).first()
    if area is None:
        raise Http404
    return area


@router.patch(
    "/{area_id}",
    auth=api_guard(Capability.MANAGE_CHECKPOINTS),
    response={200: KeyAreaOut, 403: ErrorOut, 422: ErrorOut},
    summary="修改风险等级或有效期",
)
def key_area_patch(request: HttpRequest, area_id: Id, payload: KeyAreaPatch):
    # Only the publishing unit (or one above it) edits a list; stations read the bureau's.
    area = get_visible_or_404(KeyArea.objects.select_related("unit"), request.auth, pk=area_id)
    changes = payload.dict(exclude_unset=True)
    return key_area_update(
        actor=request.auth,
        area=area,
        risk_level=changes.get("risk_level") or area.risk_level,
        valid_from=changes.get("valid_from") or area.valid_from,
        valid_to=changes.get("valid_to", area.valid_to),
        note=changes["note"] if changes.get("note") is not None else area.note,
    )


@router.post(
    "/{area_id}/end",
    auth=api_guard(Capability.MANAGE_CHECKPOINTS),
    response={200: KeyAreaOut, 403: ErrorOut, 422: ErrorOut},
    summary="终止有效期",
)
def key_area_end_validity(request: HttpRequest, area_id: Id, payload: KeyAreaEndIn):
    area = get_visible_or_404(KeyArea.objects.select_related("unit"), request.auth, pk=area_id)
    return key_area_end(actor=request.auth, area=area, on=payload.on, reason=payload.reason)
