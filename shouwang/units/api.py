from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Id, InputSchema

from .models import EmergencyLevelChange, Unit
from .scoping import get_visible_or_404
from .services import unit_set_emergency_level

router = Router(tags=["单位"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    path: str
    emergency_level: int
    effective_emergency_level: int

    @staticmethod
    def resolve_effective_emergency_level(unit: Unit) -> int:
        return unit.effective_emergency_level()


class UnitListOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    path: str
    emergency_level: int


class LevelIn(InputSchema):
    lengths_from = (EmergencyLevelChange,)

    level: int
    reason: str


class LevelChangeOut(Schema):
    unit_id: int
    from_level: int
    to_level: int
    reason: str
    changed_by: str
    changed_at: datetime

    @staticmethod
    def resolve_changed_by(change: EmergencyLevelChange) -> str:
        return change.changed_by.username


@router.get("", response=list[UnitListOut], summary="管辖单位")
@paginate(BoundedPageNumberPagination, page_size=100)
def unit_list(request: HttpRequest, kind: str = ""):
    units = Unit.objects.visible_to(request.auth)
    return units.filter(kind=kind) if kind else units


@router.get("/{unit_id}", response=UnitOut, summary="单位详情")
def unit_detail(request: HttpRequest, unit_id: Id):
    return get_visible_or_404(Unit, request.auth, pk=unit_id)


@router.post(
    "/{unit_id}/emergency-level",
    auth=api_guard(Capability.SWITCH_EMERGENCY_LEVEL),
    response=LevelChangeOut,
    summary="一键平急转换",
)
def unit_emergency_level(request: HttpRequest, unit_id: Id, payload: LevelIn):
    unit = get_visible_or_404(Unit, request.auth, pk=unit_id)
    return unit_set_emergency_level(
        unit=unit, level=payload.level, actor=request.auth, reason=payload.reason
    )


@router.get(
    "/{unit_id}/emergency-level/history", response=list[LevelChangeOut], summary="响应级别变更记录"
)
def unit_emergency_history(request: HttpRequest, unit_id: Id):
    unit = get_visible_or_404(Unit, request.auth, pk=unit_id)
    return unit.level_changes.select_related("changed_by")
