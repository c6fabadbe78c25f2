"""/screening: campaigns, their points and coverage, and visits of households."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.people.models import WatchReason
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Campaign, Household, ScreeningPoint, Visit
from ..rules import COMMUNITY_RECORDS, MANAGE, WORK
from ..selectors.coverage import campaign_coverage, campaign_readable_or_404, campaigns_listed
from ..services import Finding, campaign_create, point_create, visit_record, visit_void

router = Router()


class CampaignIn(InputSchema):
    lengths_from = (Campaign,)

    name: str
    starts_on: Day
    ends_on: Day
    units: list[Id] = Field(..., max_length=200)
    questions: list[str] | None = Field(None, max_length=20)


class CampaignQuestion(Schema):
    key: str
    text: str


class CampaignOut(Schema):
    id: int
    name: str
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    starts_on: date
    ends_on: date
    units: list[int]
    questions: list[CampaignQuestion]

    @staticmethod
    def resolve_units(campaign: Campaign) -> list[int]:
        return sorted(unit.pk for unit in campaign.units.all())


def _users(request: HttpRequest, ids: list[int], field: str) -> list[User]:
    """The users named, each checked by the service; an unknown id is a field error."""
    found = {user.pk: user for user in User.objects.select_related("unit").filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError({field: _("未知的人员编号：%(id)s") % {"id": missing[0]}})
    return [found[pk] for pk in ids]


@router.post(
    "/screening/campaigns",
    auth=api_guard(MANAGE),
    response={201: CampaignOut, 403: ErrorOut, 422: ErrorOut},
    summary="发起排查活动",
)
def campaign_add(request: HttpRequest, payload: CampaignIn):
    units = [get_visible_or_404(Unit, request.auth, pk=pk) for pk in payload.units]
    campaign = campaign_create(
        actor=request.auth,
        name=payload.name,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        units=units,
        questions=payload.questions,
    )
    return Status(201, campaign)


@router.get(
    "/screening/campaigns",
    auth=api_guard(COMMUNITY_RECORDS),
    response=list[CampaignOut],
    summary="排查活动（本单位、下级及上级发起的）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def campaign_list(request: HttpRequest):
    return campaigns_listed(request.auth).prefetch_related("units")


class UnitScreeningCoverageOut(Schema):
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="name")
    households_total: int
    households_visited: int
    people_seen: int
    staff_person_times: int
    visits: int


class PointScreeningCoverageOut(Schema):
    id: int = Field(..., alias="point_id")
    name: str
    unit_name: str
    visits: int
    staff_person_times: int
    staff: int


class CampaignCoverageOut(Schema):
    campaign: int
    unit: int
    households_total: int
    households_visited: int
    people_seen: int
    watched_found: int
    staff_person_times: int
    visits: int
    by_unit: list[UnitScreeningCoverageOut]
    by_point: list[PointScreeningCoverageOut]

    @staticmethod
    def resolve_campaign(coverage) -> int:
        return coverage.campaign.pk

    @staticmethod
    def resolve_unit(coverage) -> int:
        return coverage.unit.pk


@router.get(
    "/screening/campaigns/{campaign_id}/coverage",
    auth=api_guard(COMMUNITY_RECORDS),
    response=CampaignCoverageOut,
    summary="排查进度（户数、见到人数、发现重点人员、投入人次）",
    description="by_unit 按覆盖率从低到高排列；unit 缺省为本单位。同一户多次入户只计一次。",
)
def campaign_coverage_view(request: HttpRequest, campaign_id: Id, unit: Id | None = None):
    campaign = campaign_readable_or_404(request.auth, campaign_id)
    scope = get_visible_or_404(Unit, request.auth, pk=unit) if unit else None
    return campaign_coverage(campaign, user=request.auth, unit=scope)


class ScreeningPointIn(InputSchema):
    lengths_from = (ScreeningPoint,)

    unit: Id
    name: str
    staff: list[Id] = Field([], max_length=50)


class ScreeningPointOut(Schema):
    id: int
    campaign: int = Field(..., alias="campaign_id")
    unit: int = Field(..., alias="unit_id")
    name: str
    staff: list[int]
    visit_count: int
    staff_person_times: int

    @staticmethod
    def resolve_staff(point: ScreeningPoint) -> list[int]:
        return sorted(user.pk for user in point.staff.all())


@router.post(
    "/screening/campaigns/{campaign_id}/points",
    auth=api_guard(MANAGE),
    response={201: ScreeningPointOut, 403: ErrorOut, 422: ErrorOut},
    summary="设置排查点",
)
def point_add(request: HttpRequest, campaign_id: Id, payload: ScreeningPointIn):
    campaign = campaign_readable_or_404(request.auth, campaign_id)
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit)
    point = point_create(
        actor=request.auth,
        campaign=campaign,
        unit=unit,
        name=payload.name,
        staff=_users(request, payload.staff, "staff"),
    )
    return Status(201, point)


class KeyAreaArrivalIn(InputSchema):
    name: str = Field(..., max_length=50)
    id_number: str = Field("", max_length=30)
    from_region_code: str = Field(
        ..., max_length=50, description="区划代码或地名，如 420100、湖北武汉"
    )
    arrived_on: Day | None = None


class VisitSymptomsIn(InputSchema):
    name: str = Field(..., max_length=50)
    id_number: str = Field("", max_length=30)
    note: str = Field("", max_length=200, description="症状，如“发热38.2℃”")


class VisitIn(InputSchema):
    lengths_from = (Visit,)

    campaign: Id
    household: Id
    visited_at: datetime | None = None
    visitors: list[Id] = Field([], max_length=20, description="排查人员编号；缺省为本人")
    residents_present: int = Field(0, ge=0, le=99)
    answers: dict[str, bool | str] = Field({}, max_length=20)
    point: Id | None = None
    note: str = ""
    key_area_arrival: KeyAreaArrivalIn | None = None
    symptoms: VisitSymptomsIn | None = None


class VisitOut(Schema):
    id: int
    campaign: int = Field(..., alias="campaign_id")
    household: int = Field(..., alias="household_id")
    point: int | None = Field(None, alias="point_id")
    visited_at: datetime
    visitors: list[int]
    visitor_count: int
    residents_present: int
    answers: dict
    watch_record: int | None = None
    watch_records: list[int]
    voided_at: datetime | None = None
    void_reason: str = ""

    @staticmethod
    def resolve_visitors(visit: Visit) -> list[int]:
        return sorted(user.pk for user in visit.visitors.all())

    @staticmethod
    def resolve_watch_records(visit: Visit) -> list[int]:
        return [finding.watch_record_id for finding in visit.findings.all()]

    @staticmethod
    def resolve_watch_record(visit: Visit) -> int | None:
        records = [finding.watch_record_id for finding in visit.findings.all()]
        return records[0] if records else None


def _findings(payload: VisitIn) -> list[Finding]:
    findings = []
    if payload.key_area_arrival is not None:
        arrival = payload.key_area_arrival
        findings.append(
            Finding(
                reason=WatchReason.KEY_AREA_ARRIVAL,
                name=arrival.name,
                id_number=arrival.id_number,
                from_region_code=arrival.from_region_code,
                arrived_on=arrival.arrived_on,
            )
        )
    if payload.symptoms is not None:
        findings.append(
            Finding(
                reason=WatchReason.FEVER,
                name=payload.symptoms.name,
                id_number=payload.symptoms.id_number,
                note=payload.symptoms.note,
            )
        )
    return findings


@router.post(
    "/screening/visits",
    auth=api_guard(WORK),
    response={201: VisitOut, 403: ErrorOut, 422: ErrorOut},
    summary="记录入户排查",
    description=(
        "每名排查人员计一人次；同一户多次入户在进度中只计一户。key_area_arrival 或 symptoms "
        "在同一事务中建立（或关联已有的）关注记录，同一人再次报告时关联同一条记录。"
    ),
)
def visit_add(request: HttpRequest, payload: VisitIn):
    campaign = campaign_readable_or_404(request.auth, payload.campaign)
    household = get_visible_or_404(
        Household.objects.select_related("unit"), request.auth, pk=payload.household
    )
    point = None
    if payload.point is not None:
        point = (
            ScreeningPoint.objects.filter(pk=payload.point, campaign=campaign)
            .select_related("unit")
            .first()
        )
        if point is None:
            raise ValidationError({"point": _("未知的排查点")})
    visit = visit_record(
        actor=request.auth,
        campaign=campaign,
        household=household,
        visited_at=payload.visited_at,
        visitors=_users(request, payload.visitors, "visitors"),
        residents_present=payload.residents_present,
        answers=payload.answers,
        point=point,
        note=payload.note,
        findings=_findings(payload),
    )
    return Status(201, visit)


@router.get(
    "/screening/visits",
    auth=api_guard(COMMUNITY_RECORDS),
    response=list[VisitOut],
    summary="入户记录",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def visit_list(request: HttpRequest, campaign: Id | None = None, household: Id | None = None):
    visits = Visit.objects.visible_to(request.auth).prefetch_related("visitors", "findings")
    if campaign is not None:
        visits = visits.filter(campaign_id=campaign)
    if household is not None:
        visits = visits.filter(household_id=household)
    return visits.order_by("-visited_at", "-id")


class VisitVoidIn(InputSchema):
    reason: str = Field(..., max_length=200)


@router.post(
    "/screening/visits/{visit_id}/void",
    auth=api_guard(WORK),
    response={200: VisitOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="作废入户记录",
    description="作废的入户记录不再计入排查进度，仍保留在住户页并注明原因；已作废时返回 409。",
)
def visit_cancel(request: HttpRequest, visit_id: Id, payload: VisitVoidIn):
    visit = get_visible_or_404(Visit.objects.select_related("unit"), request.auth, pk=visit_id)
    visit_void(actor=request.auth, visit=visit, reason=payload.reason)
    return get_visible_or_404(
        Visit.objects.prefetch_related("visitors", "findings"), request.auth, pk=visit_id
    )
