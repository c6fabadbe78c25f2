"""/reports/daily: a unit's figures for a period beside the previous period's, and the text."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from shouwang.api.auth import api_guard
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..rules import REPORTS
from .services import daily_report

router = Router(tags=["工作日报"])


class DailyReportQuery(InputSchema):
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


class ReportUnitOut(Schema):
    id: int
    name: str


class DailyReportOut(Schema):
    unit: ReportUnitOut
    from_: str = Field(..., alias="from")
    to: str
    figures: dict[str, int]
    previous: dict[str, int]
    text: str


@router.get(
    "/daily",
    auth=api_guard(REPORTS),
    response={200: DailyReportOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    by_alias=True,
    summary="工作日报（数据、上期对比与文字稿）",
)
def daily(request: HttpRequest, filters: Query[DailyReportQuery]):
    """Every figure an integer; a period kept by the daily job is answered as kept."""
    user = request.auth
    unit = get_visible_or_404(Unit, user, pk=filters.unit) if filters.unit else user.unit
    report = daily_report(
        user=user, unit=unit, date_from=filters.date_from, date_to=filters.date_to
    )
    return report.as_json()
