"""The venues API's input and output schemas, shared by its topic modules."""

from datetime import date, datetime

from ninja import Field, Schema

from shouwang.api.schemas import Day, Id, InputSchema
from shouwang.privacy.masking import mask_phone

from ..models import (
    MAX_INSPECTION_EVERY_DAYS,
    ClosureOrder,
    ClosureOrderVenue,
    Inspection,
    PriceCheck,
    PriceItem,
    Venue,
)
from ..selectors import order_entries

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
