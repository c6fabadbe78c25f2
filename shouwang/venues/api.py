"""/venues, /closure-orders, /inspections/due, /price-items and /stats/venues."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.privacy.masking import mask_phone
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .models import (
    MAX_INSPECTION_EVERY_DAYS,
    ClosureOrder,
    ClosureOrderVenue,
    Inspection,
    PriceCheck,
    PriceItem,
    Venue,
)
from .policy import PRICE_SETTINGS, VENUE_FIELD_WORK, VENUE_FIGURES, VENUE_RECORDS
from .selectors import (
    closure_orders_readable,
    inspections_due,
    order_entries,
    price_items_readable,
    venue_figures,
    venue_search,
)
from .services import (
    closure_acknowledge,
    closure_order_issue,
    inspection_record,
    price_check_record,
    price_item_save,
    venue_register,
    venue_transition,
)

router = Router(tags=["场所管控"])
MAX_PRICE = 99_999_999.99


class VenueIn(InputSchema):
    lengths_from = (Venue,)

    unit: Id
    kind: str
    name: str
    address: str
    owner_name: str = ""
    owner_phone: str = Field("", max_length=20)
    credit_code: str = ""
    note: str = ""
    officer: Id | None = None
    inspection_every_days: int | None = Field(None, ge=1, le=MAX_INSPECTION_EVERY_DAYS)


class VenueOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    name: str
    address: str
    owner_name: str
    owner_phone: str
    credit_code: str
    status: str
    status_changed_at: datetime | None
    officer: int | None = Field(None, alias="officer_id")
    inspection_every_days: int | None
    next_inspection_on: date | None
    note: str

    @staticmethod
    def resolve_owner_phone(venue: Venue) -> str:
        return mask_phone(venue.owner_phone)


class VenueQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    kind: str = ""
    status: str = ""
    officer: Id | None = None


class VenueTransitionIn(InputSchema):
    status: str
    note: str = Field("", max_length=300)


def _officer(request: HttpRequest, officer_id: int | None) -> User | None:
    if officer_id is None:
        return None
    return get_visible_or_404(User, request.auth, pk=officer_id)


def _venue(request: HttpRequest, venue_id: int) -> Venue:
    return get_visible_or_404(
        Venue.objects.select_related("unit", "officer"), request.auth, pk=venue_id
    )


@router.post(
    "/venues",
    auth=api_guard(Capability.MANAGE_VENUES),
    response={201: VenueOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记场所",
)
def venue_create(request: HttpRequest, payload: VenueIn):
    data = payload.dict()
    venue = venue_register(
        actor=request.auth,
        unit=get_visible_or_404(Unit, request.auth, pk=data.pop("unit")),
        officer=_officer(request, data.pop("officer")),
        inspection_every_days=data.pop("inspection_every_days"),
        data=data,
    )
    return Status(201, _venue(request, venue.pk))


@router.get(
    "/venues",
    auth=api_guard(VENUE_RECORDS),
    response={200: list[VenueOut], 403: ErrorOut, 422: ErrorOut},
    summary="场所名册（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def venue_list(request: HttpRequest, filters: Query[VenueQuery]):
    return venue_search(request.auth, filters.dict())


@router.get(
    "/venues/{venue_id}",
    auth=api_guard(VENUE_RECORDS),
    response={200: VenueOut, 403: ErrorOut, 404: ErrorOut},
    summary="场所详情",
)
def venue_detail(request: HttpRequest, venue_id: Id):
    return _venue(request, venue_id)


@router.post(
    "/venues/{venue_id}/transitions",
    auth=api_guard(VENUE_RECORDS),
    response={200: VenueOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="变更场所状态（复业须经批准：所长、指挥部）",
)
def venue_status(request: HttpRequest, venue_id: Id, payload: VenueTransitionIn):
    venue = _venue(request, venue_id)
    venue_transition(actor=request.auth, venue=venue, status=payload.status, note=payload.note)
    return _venue(request, venue_id)


# --- closure orders ------------------------------------------------------------------------------


class ClosureOrderIn(InputSchema):
    lengths_from = (ClosureOrder,)

    unit: Id
    kinds: list[str] = Field(default_factory=list, max_length=20)
    venues: list[Id] = Field(default_factory=list, max_length=5000)
    legal_basis: str
    effective_at: datetime
    document_number: str = ""
    note: str = ""


class ClosureOrderOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    document_number: str
    legal_basis: str
    effective_at: datetime
    kinds: list[str]
    issued_at: datetime
    venues_count: int


class ClosureEntryOut(Schema):
    venue: int = Field(..., alias="venue_id")
    venue_name: str = Field(..., alias="venue.name")
    unit_name: str = Field(..., alias="venue.unit.name")
    acknowledged_at: datetime | None
    acknowledged_name: str


class ClosureOrderDetailOut(ClosureOrderOut):
    entries: list[ClosureEntryOut]

    @staticmethod
    def resolve_entries(order: ClosureOrder, context) -> list[ClosureOrderVenue]:
        # The order's venues the caller may see: a station reads its own of a county order.
        return list(order_entries(order, context["request"].auth))


class ClosureAcknowledgeIn(InputSchema):
    lengths_from = (ClosureOrderVenue,)

    venue: Id
    name: str = Field(..., max_length=50)
    acknowledged_at: datetime | None = None
    note: str = Field("", max_length=200)


def _order(request: HttpRequest, order_id: int) -> ClosureOrder:
    order = closure_orders_readable(request.auth).filter(pk=order_id).first()
    if order is None:
        raise Http404
    return order


@router.post(
    "/closure-orders",
    auth=api_guard(Capability.ORDER_CLOSURES),
    response={201: ClosureOrderOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="下达关停令（按类别和单位，或指定场所）",
)
def closure_order_create(request: HttpRequest, payload: ClosureOrderIn):
    order = closure_order_issue(
        actor=request.auth,
        unit=get_visible_or_404(Unit, request.auth, pk=payload.unit),
        kinds=payload.kinds,
        venue_ids=payload.venues,
        legal_basis=payload.legal_basis,
        effective_at=payload.effective_at,
        document_number=payload.document_number,
        note=payload.note,
    )
    return Status(201, _order(request, order.pk))


@router.get(
    "/closure-orders",
    auth=api_guard(VENUE_RECORDS),
    response={200: list[ClosureOrderOut], 403: ErrorOut, 422: ErrorOut},
    summary="关停令（本单位下达或涉及本单位场所）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def closure_order_list(request: HttpRequest):
    return closure_orders_readable(request.auth)


@router.get(
    "/closure-orders/{order_id}",
    auth=api_guard(VENUE_RECORDS),
    response={200: ClosureOrderDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="关停令及各场所签收情况",
)
def closure_order_detail(request: HttpRequest, order_id: Id):
    return _order(request, order_id)


@router.post(
    "/closure-orders/{order_id}/acknowledgements",
    auth=api_guard(VENUE_FIELD_WORK),
    response={200: ClosureEntryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记场所签收关停令",
)
def closure_order_acknowledge(request: HttpRequest, order_id: Id, payload: ClosureAcknowledgeIn):
    order = _order(request, order_id)
    entry = get_visible_or_404(
        ClosureOrderVenue.objects.select_related("venue__unit"),
        request.auth,
        order=order,
        venue_id=payload.venue,
    )
    return closure_acknowledge(
        actor=request.auth,
        entry=entry,
        name=payload.name,
        acknowledged_at=payload.acknowledged_at,
        note=payload.note,
    )


# --- inspections and price checks ----------------------------------------------------------------


class InspectionIn(InputSchema):
    lengths_from = (Inspection,)

    inspected_at: datetime | None = None
    result: str
    notes: str = ""
    unannounced: bool = False
    case_kind: str | None = Field(None, max_length=20)


class InspectionOut(Schema):
    id: int
    venue: int = Field(..., alias="venue_id")
    inspected_at: datetime
    result: str
    notes: str
    unannounced: bool
    case: int | None = Field(None, alias="case_id")


@router.post(
    "/venues/{venue_id}/inspections",
    auth=api_guard(Capability.INSPECT_VENUES),
    response={201: InspectionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="记录检查（违规即立案）",
)
def inspection_create(request: HttpRequest, venue_id: Id, payload: InspectionIn):
    inspection = inspection_record(
        actor=request.auth, venue=_venue(request, venue_id), **payload.dict()
    )
    return Status(201, inspection)


class InspectionDueQuery(InputSchema):
    unit: Id | None = None
    date: Day | None = None
    officer: Id | None = None


class InspectionDueItemOut(Schema):
    venue: int
    name: str
    kind: str
    status: str
    unit_name: str
    officer: int | None
    next_inspection_on: date
    days_overdue: int


class InspectionDueOut(Schema):
    date: date
    count: int
    overdue: int
    done: int
    items: list[InspectionDueItemOut]


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


class PriceCheckIn(InputSchema):
    lengths_from = (PriceCheck,)

    item: Id | None = None
    item_name: str = ""
    unit_of_sale: str = ""
    observed_price: float = Field(..., ge=0, le=MAX_PRICE)
    reference_price: float | None = Field(None, gt=0, le=MAX_PRICE)
    threshold_percent: int | None = Field(None, ge=0, le=1000)
    quality_issue: str = ""
    notes: str = ""
    checked_at: datetime | None = None


class PriceCheckOut(Schema):
    id: int
    venue: int = Field(..., alias="venue_id")
    item_name: str
    unit_of_sale: str
    observed_price: float
    reference_price: float
    threshold_percent: int
    gouging: bool
    quality_issue: str
    finding: bool = Field(..., alias="is_finding")
    case: int | None = Field(None, alias="case_id")


@router.post(
    "/venues/{venue_id}/price-checks",
    auth=api_guard(Capability.INSPECT_VENUES),
    response={201: PriceCheckOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="价格质量检查（哄抬或质量问题即立案）",
)
def price_check_create(request: HttpRequest, venue_id: Id, payload: PriceCheckIn):
    venue = _venue(request, venue_id)
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


class PriceItemIn(InputSchema):
    lengths_from = (PriceItem,)

    name: str
    unit_of_sale: str
    reference_price: float = Field(..., gt=0, le=MAX_PRICE)
    threshold_percent: int = Field(..., ge=0, le=1000)
    note: str = ""


class PriceItemOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    unit_of_sale: str
    reference_price: float
    threshold_percent: int
    note: str


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


# --- figures -------------------------------------------------------------------------------------


class VenueStatsQuery(InputSchema):
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


class VenueStatsOut(Schema):
    venues_closed_by_kind: dict[str, int]
    venues_closed: int
    venues_closed_now: int
    inspections: int
    violations: int
    unannounced_inspections: int
    price_checks: int
    price_gouging: int
    cases_by_kind: dict[str, int]
    cases: int
    fines_total: int


@router.get(
    "/stats/venues",
    auth=api_guard(VENUE_FIGURES),
    response={200: VenueStatsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="场所统计（关停、检查、违规、案件、罚款）",
)
def venue_stats(request: HttpRequest, filters: Query[VenueStatsQuery]):
    unit = get_visible_or_404(Unit, request.auth, pk=filters.unit) if filters.unit else None
    return venue_figures(
        request.auth, unit=unit, date_from=filters.date_from, date_to=filters.date_to
    )
