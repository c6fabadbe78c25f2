"""/venues: the registry of a unit's venues and their status."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Venue
from ..policy import VENUE_RECORDS
from ..selectors import venue_search
from ..services import venue_register, venue_transition
from .schemas import VenueIn, VenueOut, VenueQuery, VenueTransitionIn

router = Router()


def _officer(request: HttpRequest, officer_id: int | None) -> User | None:
    if officer_id is None:
        return None
    return get_visible_or_404(User, request.auth, pk=officer_id)


def venue_or_404(request: HttpRequest, venue_id: int) -> Venue:
    """The venue with its unit and officer, if the caller may see it: 404 otherwise."""
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
    return Status(201, venue_or_404(request, venue.pk))


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
    return venue_or_404(request, venue_id)


@router.post(
    "/venues/{venue_id}/transitions",
    auth=api_guard(VENUE_RECORDS),
    response={200: VenueOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="变更场所状态（复业须经批准：所长、指挥部）",
)
def venue_status(request: HttpRequest, venue_id: Id, payload: VenueTransitionIn):
    venue = venue_or_404(request, venue_id)
    venue_transition(actor=request.auth, venue=venue, status=payload.status, note=payload.note)
    return venue_or_404(request, venue_id)
