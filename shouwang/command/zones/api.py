"""/zones: list (by unit), draw one, read one, change its level, report a case, lift it."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Zone
from ..rules import MANAGE_ZONES, ZONE_RECORDS
from .selectors import zone_readable_or_404, zone_search, zones_with_lifting
from .services import zone_case_report, zone_change_level, zone_create, zone_lift, zone_update

router = Router(tags=["封控区域"])


class ZoneOut(Schema):
    id: int
    unit: int
    unit_name: str
    level: str
    status: str
    name: str
    # Any JSON: the service checks it and names what is wrong in Chinese.
    geometry: Any
    started_on: date
    lifted_on: date | None
    lift_after_days: int
    last_case_on: date | None
    note: str
    checkpoints: list[int]
    buildings: list[int]
    households: list[int]

    @staticmethod
    def resolve_unit(zone: Zone) -> int:
        return zone.unit_id

    @staticmethod
    def resolve_unit_name(zone: Zone) -> str:
        return zone.unit.name

    @staticmethod
    def resolve_checkpoints(zone: Zone) -> list[int]:
        return sorted(item.pk for item in zone.checkpoints.all())

    @staticmethod
    def resolve_buildings(zone: Zone) -> list[int]:
        return sorted(item.pk for item in zone.buildings.all())

    @staticmethod
    def resolve_households(zone: Zone) -> list[int]:
        return sorted(item.pk for item in zone.households.all())


class ZoneDetailOut(ZoneOut):
    days_without_case: int
    meets_lifting_rule: bool


class ZoneListQuery(InputSchema):
    unit: Id | None = None
    level: str = ""
    status: str = ""


class ZoneIn(InputSchema):
    lengths_from = (Zone,)

    unit: Id
    level: str
    name: str
    # Any JSON: the service checks it and names what is wrong in Chinese.
    geometry: Any
    started_on: Day | None = None
    lift_after_days: int | None = None
    note: str = ""
    checkpoints: list[Id] = []
    buildings: list[Id] = []
    households: list[Id] = []


class ZonePatch(InputSchema):
    lengths_from = (Zone,)

    name: str | None = None
    geometry: Any = None
    lift_after_days: int | None = None
    note: str | None = None
    checkpoints: list[Id] | None = None
    buildings: list[Id] | None = None
    households: list[Id] | None = None
    reason: str = ""


# Fields the services check (and name in their Chinese errors) are optional here, so that a
# zone out of reach is refused (404) before its body is judged.
class ZoneLevelIn(InputSchema):
    level: str = ""
    reason: str = ""


class ZoneCaseIn(InputSchema):
    on: Day | None = None
    reason: str = ""


class ZoneLiftIn(InputSchema):
    on: Day | None = None
    reason: str = ""


def _prefetched(zones):
    return zones.prefetch_related("checkpoints", "buildings", "households")


@router.get(
    "",
    auth=api_guard(ZONE_RECORDS),
    response={200: list[ZoneOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="封控区域（本单位、下级及上级划定）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def zone_list(request: HttpRequest, filters: Query[ZoneListQuery]):
    unit = get_visible_or_404(Unit, request.auth, pk=filters.unit) if filters.unit else None
    zones = zone_search(request.auth, unit=unit, level=filters.level, status=filters.status)
    return _prefetched(zones).order_by("id")


def _detail(zone: Zone) -> Zone:
    [zone] = zones_with_lifting(
        _prefetched(Zone.objects.filter(pk=zone.pk)).select_related("unit"), timezone.localdate()
    )
    return zone


@router.post(
    "",
    auth=api_guard(MANAGE_ZONES),
    response={201: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="划定区域（GeoJSON Polygon 或 MultiPolygon）",
)
def zone_add(request: HttpRequest, payload: ZoneIn):
    data = payload.dict()
    unit = get_visible_or_404(Unit, request.auth, pk=data.pop("unit"))
    zone = zone_create(actor=request.auth, unit=unit, data=data)
    return Status(201, _detail(zone))


@router.get(
    "/{zone_id}",
    auth=api_guard(ZONE_RECORDS),
    response={200: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="区域详情（含无新增病例天数与是否满足解除条件）",
)
def zone_detail(request: HttpRequest, zone_id: Id):
    return _detail(zone_readable_or_404(request.auth, zone_id))


def _managed(request: HttpRequest, zone_id: int) -> Zone:
    return get_visible_or_404(Zone.objects.select_related("unit"), request.auth, pk=zone_id)


@router.patch(
    "/{zone_id}",
    auth=api_guard(MANAGE_ZONES),
    response={200: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="修改区域范围、关联与解除条件",
)
def zone_patch(request: HttpRequest, zone_id: Id, payload: ZonePatch):
    zone = zone_update(
        actor=request.auth, zone=_managed(request, zone_id), data=payload.dict(exclude_unset=True)
    )
    return _detail(zone)


@router.post(
    "/{zone_id}/level",
    auth=api_guard(MANAGE_ZONES),
    response={200: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="调整管控级别",
)
def zone_level(request: HttpRequest, zone_id: Id, payload: ZoneLevelIn):
    zone = zone_change_level(
        actor=request.auth,
        zone=_managed(request, zone_id),
        level=payload.level,
        reason=payload.reason,
    )
    return _detail(zone)


@router.post(
    "/{zone_id}/cases",
    auth=api_guard(MANAGE_ZONES),
    response={200: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记新增病例（无新增天数重新计算）",
)
def zone_case(request: HttpRequest, zone_id: Id, payload: ZoneCaseIn):
    zone = zone_case_report(
        actor=request.auth, zone=_managed(request, zone_id), on=payload.on, reason=payload.reason
    )
    return _detail(zone)


@router.post(
    "/{zone_id}/lift",
    auth=api_guard(MANAGE_ZONES),
    response={200: ZoneDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="解除区域",
)
def zone_lift_api(request: HttpRequest, zone_id: Id, payload: ZoneLiftIn):
    zone = zone_lift(
        actor=request.auth, zone=_managed(request, zone_id), on=payload.on, reason=payload.reason
    )
    return _detail(zone)
