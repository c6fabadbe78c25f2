from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability

from .models import EmergencyLevel, EmergencyLevelChange, Unit, UnitKind
from .policy import require


def _path_for(unit: Unit) -> str:
    parent_path = unit.parent.path if unit.parent_id else ""
    return f"{parent_path}{unit.pk:06d}/"


def _require_unit_manager(actor: Any, *units: Unit | None) -> None:
    """The actor manages units, and each unit named (the one changed, its parent) is his or
    below his: a unit placed outside his jurisdiction he could no longer see."""
    require(actor, Capability.MANAGE_UNITS)
    for unit in units:
        if unit is None:
            raise PermissionDenied(_("只能在本单位或下级单位之下设置单位"))
        require(actor, Capability.MANAGE_UNITS, unit, unit_message=_("您无权管理该单位"))


@transaction.atomic
def unit_create(*, actor: Any, name: str, kind: str, parent: Unit | None, code: str = "") -> Unit:
    """Create a unit below `parent`; `actor=None` only for trusted set-up code (demo, shell)."""
    if actor is not None:
        _require_unit_manager(actor, parent)
    if kind not in UnitKind.values:
        raise ValidationError({"kind": _("未知的单位类型")})
    if parent is None and kind != UnitKind.BUREAU:
        raise ValidationError({"parent": _("只有公安局可以没有上级单位")})
    unit = Unit(name=name.strip(), kind=kind, parent=parent, code=code, path="")
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _path_for(unit)
    unit.depth = len(unit.ancestor_ids) - 1
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def unit_update(
    *, actor: Any, unit: Unit, name: str, kind: str, parent: Unit | None, code: str = ""
) -> Unit:
    """Rename or move a unit; moving rewrites the paths of everything below it."""
    if actor is not None:
        # A root stays a root without reaching above the actor; any other parent is checked.
        moved_to = () if parent is None and unit.parent_id is None else (parent,)
        _require_unit_manager(actor, unit, *moved_to)
    if parent is not None and parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("不能把单位移到它自己或它的下级单位之下")})
    old_path = unit.path
    unit.name, unit.kind, unit.parent, unit.code = name.strip(), kind, parent, code
    unit.full_clean(exclude=["path"])
    new_path = _path_for(unit)
    unit.path = new_path
    unit.depth = len(unit.ancestor_ids) - 1
    unit.save()
    if new_path != old_path:
        for below in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            below.path = new_path + below.path[len(old_path) :]
            below.depth = len(below.ancestor_ids) - 1
            below.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def unit_set_emergency_level(*, unit: Unit, level: int, actor, reason: str) -> EmergencyLevelChange:
    """Switch a unit (and so every unit below it) to a response level, logging who and why."""
    refused = _("您无权调整该单位的响应级别")
    require(actor, Capability.SWITCH_EMERGENCY_LEVEL, unit, message=refused, unit_message=refused)
    if level not in EmergencyLevel.values:
        raise ValidationError({"level": _("响应级别必须是 0（平时）到 4")})
    if not reason.strip():
        raise ValidationError({"reason": _("请填写调整原因")})
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.emergency_level == level:
        raise ValidationError({"level": _("该单位已处于这一响应级别")})
    change = EmergencyLevelChange.objects.create(
        unit=locked,
        from_level=locked.emergency_level,
        to_level=level,
        reason=reason.strip(),
        changed_by=actor,
    )
    locked.emergency_level = level
    locked.save(update_fields=["emergency_level"])
    unit.emergency_level = level
    return change
