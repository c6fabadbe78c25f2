"""The bureau's service targets, set by its command."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.units.policy import require
from shouwang.units.scoping import bureau_of

from ..models import SlaTarget
from ..models.sla import MAX_ASSIGN_MINUTES, MAX_RESOLVE_HOURS
from ..rules import SLA_MANAGE
from ..sla import DEFAULT_TARGETS


@transaction.atomic
def sla_targets_save(*, actor: Any, targets: dict[tuple[str, str], tuple[Any, Any]]) -> int:
    """Save the targets of the actor's bureau; `targets` maps (type, urgency) to (minutes to
    assignment, hours to resolution). Only the bureau's own command sets them."""
    require(actor, SLA_MANAGE)
    bureau = bureau_of(actor.unit)
    if bureau.pk != actor.unit_id:
        raise PermissionDenied(_("办理时限由局指挥部统一设置"))
    errors: dict[str, str] = {}
    cleaned = {}
    for key, (minutes, hours) in targets.items():
        if key not in DEFAULT_TARGETS:
            errors["__all__"] = _("未知的类别或紧急程度")
            continue
        field = f"{key[0]}_{key[1]}"
        try:
            minutes, hours = int(minutes), int(hours)
        except (TypeError, ValueError):
            errors[field] = _("请填写整数")
            continue
        if not 1 <= minutes <= MAX_ASSIGN_MINUTES:
            errors[field] = _("指派时限应在1分钟到7天之间")
        elif not 1 <= hours <= MAX_RESOLVE_HOURS:
            errors[field] = _("办结时限应在1小时到90天之间")
        else:
            cleaned[key] = (minutes, hours)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for (report_type, urgency), (minutes, hours) in cleaned.items():
        row = SlaTarget.objects.filter(unit=bureau, type=report_type, urgency=urgency).first()
        if row is None:
            row = SlaTarget(unit=bureau, type=report_type, urgency=urgency)
        elif (row.assign_minutes, row.resolve_hours) == (minutes, hours):
            continue
        row.assign_minutes, row.resolve_hours, row.updated_by = minutes, hours, actor
        row._history_user = actor
        row.save()
        changed += 1
    return changed
