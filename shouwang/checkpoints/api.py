"""/checkpoints, /passages, /plates/{plate}/lookup and /stats/checkpoints."""

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import create_model

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.schemas import ErrorOut, Id, InputSchema, PageNumber
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_FIGURES, CHECKPOINT_RECORDS
from shouwang.units.scoping import get_visible_or_404

from .figures import checkpoint_figures
from .filters import PassageFilter
from .models import Checkpoint, Passage
from .passage_schema import (
    INPUT_KEYS,
    KINDS,
    OCCUPANT_FIELDS,
    OUTPUT_FIELDS,
    PASSAGE_FIELDS,
    passage_out,
)
from .selectors import (
    RECENT_PLATE_DAYS,
    checkpoints_visible,
    passages_listed,
    plate_lookup,
    recent_plates_at,
)
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


def _api_type(field, direction: str) -> Any:
    """A declared field's (type, default) for input or type for output; occupants nest."""
    if field.kind == "occupants":
        return (list[OccupantIn], []) if direction == "in" else list[OccupantOut]
    return field.input_type if direction == "in" else field.output_type


# The API's passage schemas are built from the one declaration (passage_schema.py).
OccupantIn = create_model(
    "OccupantIn",
    __base__=InputSchema,
    **{f.name: KINDS[f.kind][:2] for f in OCCUPANT_FIELDS},
)
OccupantOut = create_model(
    "OccupantOut",
    __base__=Schema,
    **{f.name: (KINDS[f.kind][2], ...) for f in OCCUPANT_FIELDS},
)
PassageIn = create_model(
    "PassageIn",
    __base__=InputSchema,
    __doc__="Types are loose on purpose: the service answers each field in Chinese.",
    **{f.input_key: _api_type(f, "in") for f in PASSAGE_FIELDS if f.input_key in INPUT_KEYS},
)
PassageOut = create_model(
    "PassageOut",
    __base__=Schema,
    **{f.key: (_api_type(f, "out"), ...) for f in OUTPUT_FIELDS},
)


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


class RecentPlateOut(Schema):
    plate: str
    last_seen: datetime
    times: int
    prefill: dict[str, Any]


class RecentPlatesOut(Schema):
    checkpoint: int
    days: int
    generated_at: datetime
    home_prefixes: list[str]
    plates: list[RecentPlateOut]


@router.get(
    "/checkpoints/{checkpoint_id}/recent-plates",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response=RecentPlatesOut,
    summary="本卡点近几日见过的车牌（离线识别回头车）",
)
def checkpoint_recent_plates(request: HttpRequest, checkpoint_id: Id):
    checkpoint = get_visible_or_404(Checkpoint, request.auth, pk=checkpoint_id)
    return {
        "checkpoint": checkpoint.pk,
        "days": RECENT_PLATE_DAYS,
        "generated_at": timezone.now(),
        "home_prefixes": list(settings.SHOUWANG_HOME_PLATE_PREFIXES),
        "plates": recent_plates_at(checkpoint),
    }


@router.post(
    "/passages",
    auth=api_guard(Capability.REGISTER_PASSAGES),
    response={201: PassageOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记一次通行",
)
def passage_create(request: HttpRequest, payload: PassageIn):
    # The passage as written answers as read back (relations included): no second read.
    passage = passage_register(actor=request.auth, data=payload.dict())
    return Status(201, passage_out(passage))


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
