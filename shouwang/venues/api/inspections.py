"""/venues/{venue_id}/inspections, /inspections/due, /venues/{venue_id}/price-checks and
/price-items: the visits, what is due, and the prices checked against the reference."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.schemas import ErrorOut, Id
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..policy import PRICE_SETTINGS, VENUE_RECORDS
from ..selectors import inspections_due, price_items_readable
from ..services import inspection_record, price_check_record, price_item_save
from .schemas import (
    InspectionDueOut,
    InspectionDueQuery,
    InspectionIn,
    InspectionOut,
    PriceCheckIn,
    PriceCheckOut,
    PriceItemIn,
    PriceItemOut,
)
from .venues import venue_or_404

router = Router()


@router.post(
    "/venues/{venue_id}/inspections",
    auth=api_guard(Capability.INSPECT_VENUES),
    response={201: InspectionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="记录检查（违规即立案）",
)
def inspection_create(request: HttpRequest, venue_id: Id, payload: InspectionIn):
    inspection = inspection_record(
        actor=request.auth, venue=venue_or_404(request, venue_id), **payload.dict()
    )
    return Status(201, inspection)


@router.get(
    "/inspections/due",
    auth=api_guard(VENUE_RECORDS),
    response={200: InspectionDueOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="回访待办（按单位、民警和日期；逾期计数）",
)
def inspection_due(request: HttpRequest, filters: Query[InspectionDueQuery]):
    unit = get_visible_or_404(Unit, request.auth, pk=filters.unit) if filters.unit else None
    found = inspections_due(
        request.auth,
        day=filters.date or timezone.localdate(),
        unit=unit,
        officer_id=filters.officer,
    )
    return {
        "date": found.day,
        "count": len(found.venues),
        "overdue": found.overdue,
        "done": found.done_today,
        "items": [
            {
                "venue": venue.pk,
                "name": venue.name,
                "kind": venue.kind,
                "status": venue.status,
                "unit_name": venue.unit.name,
                "officer": venue.officer_id,
                "next_inspection_on": venue.next_inspection_on,
                "days_overdue": venue.days_overdue,
            }
            for venue in found.venues
        ],
    }


@router.post(
    "/venues/{venue_id}/price-checks",
    auth=api_guard(Capability.INSPECT_VENUES),
    response={201: PriceCheckOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="价格质量检查（哄抬或质量问题即立案）",
)
def price_check_create(request: HttpRequest, venue_id: Id, payload: PriceCheckIn):
    venue = venue_or_404(request, venue_id)
    data = payload.dict()
    item_id = data.pop("item")
    item = None
    if item_id is not None:
        item = price_items_readable(request.auth).filter(pk=item_id).first()
        if item is None:
            raise ValidationError({"item": _("未找到该监测商品")})
    for price in ("observed_price", "reference_price"):
        if data[price] is not None:
            data[price] = str(data[price])
    return Status(201, price_check_record(actor=request.auth, venue=venue, item=item, **data))


@router.get(
    "/price-items",
    auth=api_guard(VENUE_RECORDS),
    response={200: list[PriceItemOut], 403: ErrorOut},
    summary="价格监测商品（本单位及上级设定）",
)
def price_item_list(request: HttpRequest):
    return list(price_items_readable(request.auth))


@router.post(
    "/price-items",
    auth=api_guard(PRICE_SETTINGS),
    response={200: PriceItemOut, 403: ErrorOut, 422: ErrorOut},
    summary="设定参考价与哄抬阈值",
)
def price_item_set(request: HttpRequest, payload: PriceItemIn):
    data = payload.dict()
    data["reference_price"] = str(data["reference_price"])
    return price_item_save(actor=request.auth, **data)
