"""/checkpoints, /passages, /plates/{plate}/lookup and /stats/checkpoints."""

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.schemas import ErrorOut, Id, InputSchema, PageNumber
from shouwang.identity import IdentityError, mask_id_number, mask_phone
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_FIGURES, CHECKPOINT_RECORDS
from shouwang.units.scoping import get_visible_or_404

from .figures import checkpoint_figures
from .filters import PassageFilter
from .models import Passage
from .selectors import checkpoints_visible, passages_listed, plate_lookup
from .services import (
    BATCH_LIMIT,
    passage_batch_register,
    passage_register,
    passage_update,
    passage_void,
)

router = Router(tags=["卡点与通行登记"])
PAGE_SIZE = 50


class CheckpointOut(Schema):
    id: int
    name: str
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    location: str
    latitude: float | None
    longitude: float | None
    is_24h: bool
    party_member_post: bool
    status: str


class OccupantIn(InputSchema):
    name: str = ""
    id_number: str = ""
    phone: str = ""
    temperature: float | str | None = None
    health_code: str = ""


class PassageIn(InputSchema):
    """Types are loose on purpose: the service answers each field in Chinese."""

    client_id: str | None = None
    checkpoint: int | str | None = None
    occurred_at: str | None = None
    direction: str = "in"
    plate: str | None = None
    vehicle_kind: str = ""
    occupants_count: int | str | None = None
    occupants: list[OccupantIn] = []
    temperature: float | str | None = None
    health_code: str = ""
    origin: str = ""
    origin_region_code: str = ""
    destination: str = ""
    purpose: str = ""
    disposition: str = ""
    override_reason: str = ""
    green_channel: bool = False
    green_channel_kind: str = ""
    green_channel_reason: str = ""
    pass_code: str = ""


class OccupantOut(Schema):
    name: str
    id_number: str
    phone: str
    temperature: float | None
    health_code: str


class PassageOut(Schema):
    id: int
    client_id: str
    checkpoint: int
    checkpoint_name: str
    occurred_at: datetime
    direction: str
    plate: str | None
    vehicle_kind: str
    occupants_count: int
    occupants: list[OccupantOut]
    max_temperature: float | None
    health_code: str
    origin: str
    origin_region_code: str
    origin_province: str
    origin_city: str
    destination: str
    purpose: str
    disposition: str
    override_reason: str
    green_channel: bool
    green_channel_kind: str
    green_channel_reason: str
    pass_code: str
    pass_result: str | None
    plate_region: str
    plate_city: str
    plate_region_code: str
    out_of_town: bool
    key_area: bool
    key_area_name: str | None
    key_area_risk_level: str | None
    recorded_by: str
    voided: bool
    void_reason: str


def passage_out(passage: Passage) -> dict:
    """A passage as the API shows it; ID numbers and phones always masked."""
    verification = getattr(passage, "pass_verification", None)
    return {
        "id": passage.pk,
        "client_id": str(passage.client_id),
        "checkpoint": passage.checkpoint_id,
        "checkpoint_name": passage.checkpoint.name,
        "occurred_at": passage.occurred_at,
        "direction": passage.direction,
        "plate": passage.plate or None,
        "vehicle_kind": passage.vehicle_kind,
        "occupants_count": passage.occupants_count,
        "occupants": [
            {
                "name": person.name,
                "id_number": mask_id_number(person.id_number) if person.id_number else "",
                "phone": _masked_phone(person.phone),
                "temperature": person.temperature,
                "health_code": person.health_code,
            }
            for person in passage.occupants.all()
        ],
        "max_temperature": passage.max_temperature,
        "health_code": passage.health_code,
        "origin": passage.origin,
        "origin_region_code": passage.origin_region_code,
        "origin_province": passage.origin_province,
        "origin_city": passage.origin_city,
        "destination": passage.destination,
        "purpose": passage.purpose,
        "disposition": passage.disposition,
        "override_reason": passage.override_reason,
        "green_channel": passage.green_channel,
        "green_channel_kind": passage.green_channel_kind,
        "green_channel_reason": passage.green_channel_reason,
        "pass_code": passage.pass_code,
        "pass_result": getattr(verification, "result", None),
        "plate_region": passage.plate_province,
        "plate_city": passage.plate_city,
        "plate_region_code": passage.plate_region_code,
        "out_of_town": passage.out_of_town,
        "key_area": passage.is_key_area,
        "key_area_name": passage.key_area.name if passage.key_area else None,
        "key_area_risk_level": passage.key_area.risk_level if passage.key_area else None,
        "recorded_by": str(passage.recorded_by),
        "voided": passage.is_void,
        "void_reason": passage.void_reason,
    }


def _masked_phone(phone: str) -> str:
    try:
        return mask_phone(phone) if phone else ""
    except IdentityError:
        return ""


def _with_relations(queryset):
    return queryset.select_related(
        "checkpoint", "recorded_by", "key_area", "pass_verification"
    ).prefetch_related("occupants")


class PassagePatch(PassageIn):
    direction: str | None = None
    reason: str = ""


class VoidIn(InputSchema):
    reason: str = ""


class BatchIn(Schema):
    # Items stay plain objects so one malformed item fails alone, not the whole batch.
    items: list[Any] = Field(..., max_length=BATCH_LIMIT)


class BatchResult(Schema):
    client_id: str | None
    status: str
    id: int | None = None
    errors: list[dict[str, str]] | None = None


class BatchOut(Schema):
    results: list[BatchResult]


class PlateLastOut(Schema):
    id: int
    occurred_at: datetime
    checkpoint_name: str
    direction: str
    disposition: str
    origin: str
    destination: str


class PlateLookupOut(Schema):
    valid: bool
    error: str
    plate: str | None
    plate_prefix: str | None
    plate_region: str | None
    plate_city: str | None
    out_of_town: bool | None
    key_area: bool
    key_area_name: str | None
    summary: str
    last_passages: list[PlateLastOut]
    prefill: dict[str, Any]


@router.get(
    "/checkpoints",
    auth=api_guard(CHECKPOINT_RECORDS),
    response=list[CheckpointOut],
    summary="卡点列表（本单位及下级）",
)
def checkpoint_list(request: HttpRequest, active: bool = False):
    return list(checkpoints_visible(request.auth, active_only=active))


@router.post(
    "/passages",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response={201: PassageOut, 403: ErrorOut, 422: ErrorOut},
    summary="登记一次通行",
)
def passage_create(request: HttpRequest, payload: PassageIn):
    passage = passage_register(actor=request.auth, data=payload.dict())
    return Status(201, passage_out(_with_relations(Passage.objects).get(pk=passage.pk)))


@router.post(
    "/passages/batch",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response={200: BatchOut, 403: ErrorOut, 422: ErrorOut},
    summary="批量登记（离线补传，每批最多1000条）",
)
def passage_batch(request: HttpRequest, payload: BatchIn):
    return {"results": passage_batch_register(actor=request.auth, items=payload.items)}


class PassageQuery(InputSchema):
    checkpoint: int | None = None
    unit: int | None = None
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")
    disposition: str = ""
    plate: str = ""
    out_of_town: bool | None = None
    health_code: str = ""
    green_channel: bool | None = None
    q: str = ""


class PassagePage(Schema):
    items: list[PassageOut]
    count: int
    page: int
    page_size: int


@router.get(
    "/passages",
    auth=api_guard(CHECKPOINT_RECORDS),
    response=PassagePage,
    summary="通行登记列表（每页50条）",
)
def passage_list(request: HttpRequest, filters: Query[PassageQuery], page: PageNumber = 1):
    # The records page's filters, read from the typed and bounded query parameters.
    queryset = filtered(
        PassageFilter, passages_listed(request.auth), filters.dict(by_alias=True), user=request.auth
    )
    page = max(page, 1)
    start = (page - 1) * PAGE_SIZE
    items = [passage_out(p) for p in _with_relations(queryset)[start : start + PAGE_SIZE]]
    return {"items": items, "count": queryset.count(), "page": page, "page_size": PAGE_SIZE}


@router.get(
    "/passages/{passage_id}",
    auth=api_guard(CHECKPOINT_RECORDS),
    response=PassageOut,
    summary="通行登记详情",
)
def passage_detail(request: HttpRequest, passage_id: Id):
    return passage_out(
        get_visible_or_404(_with_relations(Passage.objects), request.auth, pk=passage_id)
    )


@router.patch(
    "/passages/{passage_id}",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response={200: PassageOut, 403: ErrorOut, 422: ErrorOut},
    summary="更正通行登记（保留修改记录）",
)
def passage_patch(request: HttpRequest, passage_id: Id, payload: PassagePatch):
    passage = get_visible_or_404(
        Passage.objects.select_related("checkpoint__unit"), request.auth, pk=passage_id
    )
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason", "")
    passage_update(actor=request.auth, passage=passage, changes=changes, reason=reason)
    return passage_out(_with_relations(Passage.objects).get(pk=passage.pk))


@router.post(
    "/passages/{passage_id}/void",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response={200: PassageOut, 403: ErrorOut, 422: ErrorOut},
    summary="作废通行登记",
)
def passage_void_endpoint(request: HttpRequest, passage_id: Id, payload: VoidIn):
    passage = get_visible_or_404(Passage, request.auth, pk=passage_id)
    passage_void(actor=request.auth, passage=passage, reason=payload.reason)
    return passage_out(_with_relations(Passage.objects).get(pk=passage.pk))


@router.get(
    "/plates/{plate}/lookup",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response=PlateLookupOut,
    summary="车牌识别与回头车查询",
)
def plate_lookup_endpoint(request: HttpRequest, plate: str):
    lookup = plate_lookup(user=request.auth, text=plate)
    parsed = lookup.plate
    return {
        "valid": parsed is not None,
        "error": lookup.error,
        "plate": parsed.number if parsed else None,
        "plate_prefix": parsed.prefix if parsed else None,
        "plate_region": parsed.province if parsed else None,
        "plate_city": parsed.city if parsed else None,
        "out_of_town": parsed.out_of_town if parsed else None,
        "key_area": lookup.key_area is not None,
        "key_area_name": lookup.key_area.name if lookup.key_area else None,
        "summary": lookup.summary,
        "last_passages": [
            {
                "id": p.pk,
                "occurred_at": p.occurred_at,
                "checkpoint_name": p.checkpoint.name,
                "direction": p.direction,
                "disposition": p.disposition,
                "origin": p.origin,
                "destination": p.destination,
            }
            for p in lookup.last_passages
        ],
        "prefill": lookup.prefill,
    }


class StatsQuery(InputSchema):
    unit: int | None = None
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")


@router.get(
    "/stats/checkpoints",
    auth=api_guard(CHECKPOINT_FIGURES),
    response={200: dict, 403: ErrorOut, 422: ErrorOut},
    summary="卡点统计（放行、登记、劝返、检测、移交）",
)
def checkpoint_stats(request: HttpRequest, filters: Query[StatsQuery]):
    user = request.auth
    unit = get_visible_or_404(Unit, user, pk=filters.unit) if filters.unit else user.unit
    date_to = filters.date_to or timezone.localdate()
    date_from = filters.date_from or date_to - timedelta(days=29)
    if unit is None:
        raise ValidationError({"unit": "请选择单位"})
    return checkpoint_figures(user=user, unit=unit, date_from=date_from, date_to=date_to)
