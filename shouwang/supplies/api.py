"""/supplies: items, the ledger of movements, stock with days left, donors."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.privacy.masking import mask_phone
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .filters import DonorFilter, ItemFilter, MovementFilter
from .models import Donor, Item, Movement
from .policy import SUPPLY_RECORDS, SUPPLY_WRITE
from .selectors import (
    donors_listed,
    items_readable,
    movements_listed,
    stock_with_days_left,
)
from .services import (
    MAX_QUANTITY,
    item_create,
    item_threshold_set,
    movement_record,
    movement_reverse,
)

router = Router(tags=["防护物资"])


class ItemIn(InputSchema):
    lengths_from = (Item,)

    unit: Id | None = None
    name: str
    unit_of_measure: str
    category: str
    low_stock_threshold: int = Field(0, ge=0, le=MAX_QUANTITY)


class ThresholdIn(InputSchema):
    low_stock_threshold: int = Field(..., ge=0, le=MAX_QUANTITY)


class ItemOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    unit_of_measure: str
    category: str
    low_stock_threshold: int


class DonorIn(InputSchema):
    name: str = Field(..., max_length=60)
    organisation: str = Field("", max_length=100)
    contact: str = Field("", max_length=20)


class MovementIn(InputSchema):
    lengths_from = (Movement,)

    unit: Id
    item: Id
    kind: str
    quantity: int = Field(..., ge=1, le=MAX_QUANTITY)
    to_unit: Id | None = None
    # A donor already registered (his id), or a new one's details.
    donor: Id | DonorIn | None = None
    recipient: str = ""
    reason: str = ""
    note: str = ""
    occurred_at: datetime | None = None


class MovementOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    item: int = Field(..., alias="item_id")
    kind: str
    quantity: int
    delta: int
    to_unit: int | None = Field(None, alias="other_unit_id")
    donor: int | None = Field(None, alias="donor_id")
    recipient: str
    reason: str
    note: str
    reverses: int | None = Field(None, alias="reverses_id")
    occurred_at: datetime
    recorded_at: datetime


class MovementQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    item: Id | None = None
    kind: str = ""
    date_from: Day | None = None
    date_to: Day | None = None


class ReverseIn(InputSchema):
    reason: str = Field(..., max_length=200)


class StockOut(Schema):
    item: int
    quantity: int
    days_left: int | None


class DonorOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    organisation: str
    contact: str
    thanked_at: datetime | None
    gifts: int

    @staticmethod
    def resolve_contact(donor: Donor) -> str:
        return mask_phone(donor.contact)


def _item(request: HttpRequest, item_id: int) -> Item:
    item = items_readable(request.auth).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


@router.get(
    "/supplies/items",
    auth=api_guard(SUPPLY_RECORDS),
    response={200: list[ItemOut], 403: ErrorOut, 422: ErrorOut},
    summary="物资目录（本单位、上级及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def item_list(request: HttpRequest, q: str = "", category: str = ""):
    return filtered(
        ItemFilter, items_readable(request.auth), {"q": q, "category": category}, user=request.auth
    )


@router.post(
    "/supplies/items",
    auth=api_guard(SUPPLY_WRITE),
    response={201: ItemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="添加物资",
)
def item_add(request: HttpRequest, payload: ItemIn):
    data = payload.dict()
    unit_id = data.pop("unit")
    unit = get_visible_or_404(Unit, request.auth, pk=unit_id) if unit_id else request.auth.unit
    return Status(201, item_create(actor=request.auth, unit=unit, **data))


@router.patch(
    "/supplies/items/{item_id}",
    auth=api_guard(SUPPLY_WRITE),
    response={200: ItemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="修改低库存警戒值（本单位或下级的物资）",
)
def item_threshold(request: HttpRequest, item_id: Id, payload: ThresholdIn):
    item = get_visible_or_404(Item.objects.select_related("unit"), request.auth, pk=item_id)
    return item_threshold_set(
        actor=request.auth, item=item, low_stock_threshold=payload.low_stock_threshold
    )


@router.post(
    "/supplies/movements",
    auth=api_guard(SUPPLY_WRITE),
    response={201: MovementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记出入库（入库、受赠、发放、调拨、报损）；库存不足时 409",
)
def movement_create(request: HttpRequest, payload: MovementIn):
    actor = request.auth
    donor = donor_details = None
    if isinstance(payload.donor, int):
        donor = get_visible_or_404(Donor, actor, pk=payload.donor)
    elif payload.donor is not None:
        donor_details = payload.donor.dict()
    movement = movement_record(
        actor=actor,
        unit=get_visible_or_404(Unit, actor, pk=payload.unit),
        item=_item(request, payload.item),
        kind=payload.kind,
        quantity=payload.quantity,
        to_unit=get_visible_or_404(Unit, actor, pk=payload.to_unit) if payload.to_unit else None,
        donor=donor,
        donor_details=donor_details,
        recipient=payload.recipient,
        reason=payload.reason,
        note=payload.note,
        occurred_at=payload.occurred_at,
    )
    return Status(201, movement)


@router.get(
    "/supplies/movements",
    auth=api_guard(SUPPLY_RECORDS),
    response={200: list[MovementOut], 403: ErrorOut, 422: ErrorOut},
    summary="出入库台账（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def movement_list(request: HttpRequest, filters: Query[MovementQuery]):
    return filtered(
        MovementFilter, movements_listed(request.auth), filters.dict(), user=request.auth
    )


@router.post(
    "/supplies/movements/{movement_id}/reverse",
    auth=api_guard(SUPPLY_WRITE),
    response={201: MovementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="冲正一条记录（调拨两侧一并冲正）",
)
def movement_reverse_create(request: HttpRequest, movement_id: Id, payload: ReverseIn):
    movement = get_visible_or_404(Movement, request.auth, pk=movement_id)
    return Status(
        201, movement_reverse(actor=request.auth, movement=movement, reason=payload.reason)
    )


@router.get(
    "/supplies/stock",
    auth=api_guard(SUPPLY_RECORDS),
    response={200: list[StockOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="库存与可用天数（单位及其下级合计；按近7天发放量计）",
)
def stock(request: HttpRequest, unit: Id | None = None):
    target = get_visible_or_404(Unit, request.auth, pk=unit) if unit else request.auth.unit
    return [
        {"item": line.item_id, "quantity": line.quantity, "days_left": line.days_left}
        for line in stock_with_days_left(actor=request.auth, unit=target)
    ]


@router.get(
    "/supplies/donors",
    auth=api_guard(SUPPLY_RECORDS),
    response={200: list[DonorOut], 403: ErrorOut, 422: ErrorOut},
    summary="捐赠人（联系电话脱敏）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def donor_list(request: HttpRequest, q: str = "", unit: Id | None = None):
    return filtered(
        DonorFilter, donors_listed(request.auth), {"q": q, "unit": unit}, user=request.auth
    )
