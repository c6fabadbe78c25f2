"""/buildings and /stats/buildings: captains, their buildings' log, and the figures."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.models import User
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.units.scoping import get_visible_or_404

from ..models import ActivityKind, Building, BuildingActivity
from ..rules import COMMUNITY_RECORDS, MANAGE
from ..selectors.captains import building_lines, building_search, captain_figures
from ..services import activity_record, captain_assign, may_keep_log
from ..services.captains import NOT_CAPTAIN

router = Router()


class BuildingOut(Schema):
    id: int
    unit: int
    unit_name: str
    name: str
    households: int
    captain: int | None
    captain_name: str | None
    activities_this_week: int
    last_activity_at: datetime | None

    @staticmethod
    def resolve_id(line) -> int:
        return line.building.pk

    @staticmethod
    def resolve_unit(line) -> int:
        return line.building.unit_id

    @staticmethod
    def resolve_unit_name(line) -> str:
        return line.building.unit.name

    @staticmethod
    def resolve_name(line) -> str:
        return line.building.name

    @staticmethod
    def resolve_captain(line) -> int | None:
        return line.captain.officer_id if line.captain else None

    @staticmethod
    def resolve_captain_name(line) -> str | None:
        return str(line.captain.officer) if line.captain else None

    @staticmethod
    def resolve_activities_this_week(line) -> int:
        return line.week_activities

    @staticmethod
    def resolve_last_activity_at(line) -> datetime | None:
        return line.last_activity


class _Lines:
    """A page of buildings turned into lines (captain, households, week's work) once sliced."""

    def __init__(self, buildings):
        self.buildings = buildings

    def __len__(self) -> int:
        return self.buildings.count()

    def count(self) -> int:
        return self.buildings.count()

    def __getitem__(self, window):
        return building_lines(list(self.buildings[window]))


@router.get(
    "/buildings",
    auth=api_guard(COMMUNITY_RECORDS),
    response=list[BuildingOut],
    summary="楼栋（captain=me 为本人任楼长的楼栋）",
    description="captain：me 本人任楼长、any 有楼长、none 无楼长；unit：社区/村（含下级）。",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def building_list(
    request: HttpRequest,
    captain: str = "",
    unit: Id | None = None,
    q: str = "",
):
    return _Lines(building_search(request.auth, captain=captain, unit=unit, q=q))


class BuildingActivityIn(InputSchema):
    lengths_from = (BuildingActivity,)

    kind: str = Field(
        "",
        description="resident_visit 走访住户、stairwell_disinfection 楼道消毒、"
        "entrance_temperature 监督出入口测温、group_notice 楼栋群推送通知、other 其他",
    )
    happened_at: datetime | None = None
    people_count: int | None = Field(None, ge=0, le=9999)
    note: str = ""


class BuildingActivityOut(Schema):
    id: int
    building: int = Field(..., alias="building_id")
    kind: str
    kind_label: str
    happened_at: datetime
    happened_on: date
    people_count: int | None
    note: str
    recorded_by: int | None = Field(None, alias="recorded_by_id")
    voided: bool

    @staticmethod
    def resolve_kind_label(activity: BuildingActivity) -> str:
        return (
            str(ActivityKind(activity.kind).label) if activity.kind in ActivityKind.values else ""
        )

    @staticmethod
    def resolve_voided(activity: BuildingActivity) -> bool:
        return activity.voided_at is not None


def _building(request: HttpRequest, building_id: int) -> Building:
    return get_visible_or_404(Building.objects.select_related("unit"), request.auth, pk=building_id)


@router.post(
    "/buildings/{building_id}/activities",
    auth=api_guard(COMMUNITY_RECORDS),
    response={201: BuildingActivityOut, 403: ErrorOut, 422: ErrorOut},
    summary="记录楼栋工作（楼长本人的楼栋，或所长）",
)
def activity_add(request: HttpRequest, building_id: Id, payload: BuildingActivityIn):
    building = _building(request, building_id)
    if not may_keep_log(request.auth, building):
        raise PermissionDenied(_(NOT_CAPTAIN))
    activity = activity_record(actor=request.auth, building=building, **payload.dict())
    return Status(201, activity)


@router.get(
    "/buildings/{building_id}/activities",
    auth=api_guard(COMMUNITY_RECORDS),
    response=list[BuildingActivityOut],
    summary="楼栋工作记录",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def activity_list(request: HttpRequest, building_id: Id):
    building = _building(request, building_id)
    return BuildingActivity.objects.filter(building=building).order_by("-happened_at", "-id")


class BuildingCaptainIn(InputSchema):
    officer: Id


class BuildingCaptainOut(Schema):
    building: int = Field(..., alias="building_id")
    officer: int = Field(..., alias="officer_id")
    assigned_at: datetime


@router.post(
    "/buildings/{building_id}/captain",
    auth=api_guard(MANAGE),
    response={200: BuildingCaptainOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="任命楼长（原楼长卸任）",
)
def captain_set(request: HttpRequest, building_id: Id, payload: BuildingCaptainIn):
    building = _building(request, building_id)
    officer = User.objects.select_related("unit").filter(pk=payload.officer).first()
    if officer is None:
        raise ValidationError({"officer": _("未知的人员编号")})
    return captain_assign(actor=request.auth, building=building, officer=officer)


class BuildingWeekOut(Schema):
    week_starting: date
    activities: int


class BuildingFiguresOut(Schema):
    buildings: int
    with_captain: int
    captains: int
    representatives: int
    idle_this_week: int
    idle: list[int]
    weeks: list[BuildingWeekOut]
    this_week_by_kind: dict[str, int]

    @staticmethod
    def resolve_idle(figures) -> list[int]:
        return [building.pk for building in figures.idle]

    @staticmethod
    def resolve_weeks(figures) -> list[dict]:
        return [{"week_starting": monday, "activities": n} for monday, n in figures.weeks]

    @staticmethod
    def resolve_this_week_by_kind(figures) -> dict[str, int]:
        return dict(figures.by_kind)


@router.get(
    "/stats/buildings",
    auth=api_guard(COMMUNITY_RECORDS),
    response=BuildingFiguresOut,
    summary="楼长工作统计：有楼长的楼栋、每周工作、本周无工作记录的楼栋",
)
def building_figures(request: HttpRequest):
    return captain_figures(request.auth)
