from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.identity import get_region, plate_prefixes_for_region, region_name
from shouwang.units.policy import require

from .models import KeyArea, RiskLevel


def _checked(region_code: str, risk_level: str, valid_from: date, valid_to: date | None):
    errors = {}
    region = get_region(region_code.strip()) if region_code else None
    if region is None:
        errors["region_code"] = _("未知的行政区划代码")
    if risk_level not in RiskLevel.values:
        errors["risk_level"] = _("风险等级应为高、中或低")
    if valid_from is None:
        errors["valid_from"] = _("请填写生效日期")
    elif valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = _("失效日期不能早于生效日期")
    if errors:
        raise ValidationError(errors)
    return region


@transaction.atomic
def key_area_create(
    *,
    actor,
    region_code: str,
    risk_level: str,
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
) -> KeyArea:
    """Add a region to the actor's unit's key-area list; plate prefixes are derived from the code."""
    require(actor, Capability.MANAGE_CHECKPOINTS, actor.unit, message=_("您无权维护重点地区"))
    region = _checked(region_code, risk_level, valid_from, valid_to)
    area = KeyArea(
        unit=actor.unit,
        region_code=region.code,
        name=region_name(region.code) or region.name,
        risk_level=risk_level,
        plate_prefixes=plate_prefixes_for_region(region.code),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        created_by=actor,
    )
    # The API authenticates by token, which the history middleware does not see.
    area._history_user = actor
    area.save()
    return area


@transaction.atomic
def key_area_update(
    *,
    actor,
    area: KeyArea,
    risk_level: str,
    valid_from: date,
    valid_to: date | None,
    note: str = "",
) -> KeyArea:
    """Change risk level, validity or note; the change lands in the area's history.

    Only within the actor's jurisdiction: a station applies the bureau's list, never edits it.
    """
    require(
        actor,
        Capability.MANAGE_CHECKPOINTS,
        area.unit,
        message=_("您无权维护重点地区"),
        unit_message=_("只能修改本单位或下级单位发布的重点地区"),
    )
    _checked(area.region_code, risk_level, valid_from, valid_to)
    area.risk_level, area.valid_from, area.valid_to, area.note = (
        risk_level,
        valid_from,
        valid_to,
        note,
    )
    area._history_user = actor
    area.save(update_fields=["risk_level", "valid_from", "valid_to", "note"])
    return area


@transaction.atomic
def key_area_end(*, actor, area: KeyArea, on: date | None = None, reason: str = "") -> KeyArea:
    """End an area's validity on `on` (default today, its last day in force); never deleted."""
    require(actor, Capability.MANAGE_CHECKPOINTS, message=_("您无权维护重点地区"))
    on = on or timezone.localdate()
    if on < area.valid_from:
        raise ValidationError({"valid_to": _("失效日期不能早于生效日期")})
    if area.valid_to is not None and area.valid_to <= on:
        raise ValidationError({"valid_to": _("该地区在此日期前已失效")})
    note = f"{area.note}；{reason}".strip("；") if reason else area.note
    return key_area_update(
        actor=actor,
        area=area,
        risk_level=area.risk_level,
        valid_from=area.valid_from,
        valid_to=on,
        note=note[:200],
    )
