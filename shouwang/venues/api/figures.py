"""/stats/venues: closures, inspections, violations, cases and fines of a period."""

from django.http import HttpRequest
from ninja import Query, Router

from shouwang.api.auth import api_guard
from shouwang.api.schemas import ErrorOut
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..policy import VENUE_FIGURES
from ..selectors import venue_figures
from .schemas import VenueStatsOut, VenueStatsQuery

router = Router()


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
