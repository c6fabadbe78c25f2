"""Help dispatch: a green channel through the route's checkpoints, and the delivery record."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.checkpoints.models import Checkpoint, CheckpointStatus, GreenChannelKind
from shouwang.identity.event_dates import CLOCK_SKEW
from shouwang.units.scoping import bureau_of, unit_is_visible_to

from ..models import Delivery, EventKind, GreenChannelMovement, Report, ReportType
from ..sla import elapsed_seconds
from .common import clean_plate, clean_text, record_event
from .triage import require_handle

# A green channel is for one journey: a day at most.
MAX_VALIDITY = timedelta(hours=24)


@transaction.atomic
def movement_open(
    *,
    actor: Any,
    report: Report,
    plate: str,
    kind: str,
    reason: str,
    checkpoint_ids: list[int],
    valid_from: datetime | None = None,
    valid_to: datetime | None = None,
) -> GreenChannelMovement:
    """Open a green channel for a help request: the vehicle, its route and its validity; each
    checkpoint on the route sees it on its registration page while it is valid."""
    require_handle(actor, report)
    errors: dict[str, str] = {}
    if report.type != ReportType.HELP:
        errors["report"] = _("只有求助可以开通绿色通道")
    plate = clean_plate(plate, errors)
    if not plate and "plate" not in errors:
        errors["plate"] = _("请填写车牌号")
    if kind not in GreenChannelKind.values:
        errors["kind"] = _("请选择绿色通道类型（病人、药品或物资）")
    reason = clean_text(reason, "reason", errors, limit=200, required=_("请填写事由"))
    now = timezone.now()
    valid_from = valid_from or now
    valid_to = valid_to or valid_from + timedelta(hours=4)
    if valid_to <= valid_from:
        errors["valid_to"] = _("失效时间应晚于生效时间")
    elif valid_to - valid_from > MAX_VALIDITY:
        errors["valid_to"] = _("绿色通道最长有效24小时")
    elif valid_to <= now:
        errors["valid_to"] = _("失效时间已过")
    bureau = bureau_of(report.unit)
    wanted = {int(pk) for pk in checkpoint_ids if str(pk).isdigit() and len(str(pk)) < 19}
    checkpoints = list(
        Checkpoint.objects.filter(
            pk__in=wanted,
            status=CheckpointStatus.ACTIVE,
            unit__path__startswith=bureau.path,
        )
    )
    if not checkpoints:
        errors["checkpoints"] = _("请选择途经的卡点")
    elif len(checkpoints) != len(wanted) or len(wanted) != len(checkpoint_ids):
        errors["checkpoints"] = _("只能选择本局启用中的卡点")
    if errors:
        raise ValidationError(errors)
    movement = GreenChannelMovement.objects.create(
        report=report,
        unit=report.unit,
        plate=plate,
        kind=kind,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=actor,
    )
    movement.checkpoints.set(checkpoints)
    names = "、".join(checkpoint.name for checkpoint in checkpoints)
    record_event(
        report,
        EventKind.MOVEMENT,
        actor,
        note=_("开通绿色通道：%(plate)s，途经 %(names)s，至 %(to)s")
        % {
            "plate": plate,
            "names": names,
            "to": timezone.localtime(valid_to).strftime("%m-%d %H:%M"),
        },
    )
    return movement


@transaction.atomic
def movement_end(
    *, actor: Any, movement: GreenChannelMovement, note: str = ""
) -> GreenChannelMovement:
    """The vehicle has arrived: the checkpoints stop expecting it."""
    require_handle(actor, movement.report)
    movement = GreenChannelMovement.objects.select_for_update().get(pk=movement.pk)
    if movement.ended_at is None:
        movement.ended_at = timezone.now()
        movement.save(update_fields=["ended_at"])
        record_event(
            movement.report,
            EventKind.MOVEMENT,
            actor,
            note=_("绿色通道结束：%(plate)s %(note)s") % {"plate": movement.plate, "note": note},
        )
    return movement


@transaction.atomic
def delivery_record(
    *,
    actor: Any,
    report: Report,
    what: str,
    delivered_at: datetime | None = None,
    delivered_by: Any = None,
    note: str = "",
) -> Delivery:
    """What reached the resident, who brought it and when; the first delivery fixes the
    request's time to delivery."""
    require_handle(actor, report)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    errors: dict[str, str] = {}
    if report.type != ReportType.HELP:
        errors["report"] = _("只有求助可以登记送达")
    what = clean_text(what, "what", errors, limit=200, required=_("请填写送达的物品或服务"))
    note = clean_text(note, "note", errors, limit=300)
    now = timezone.now()
    delivered_at = delivered_at or now
    if delivered_at > now + CLOCK_SKEW:
        errors["delivered_at"] = _("送达时间不能晚于现在")
    elif delivered_at < report.received_at:
        errors["delivered_at"] = _("送达时间不能早于求助时间")
    delivered_by = delivered_by or actor
    if delivered_by != actor and not unit_is_visible_to(getattr(delivered_by, "unit", None), actor):
        errors["delivered_by"] = _("送达人须为本单位或下级单位人员")
    if errors:
        raise ValidationError(errors)
    delivery = Delivery.objects.create(
        report=report,
        what=what,
        delivered_by=delivered_by,
        delivered_at=delivered_at,
        note=note,
        recorded_by=actor,
    )
    if report.first_delivered_at is None or delivered_at < report.first_delivered_at:
        report.first_delivered_at = delivered_at
        report.deliver_seconds = elapsed_seconds(report.received_at, delivered_at)
        report._history_user = actor
        report.save(update_fields=["first_delivered_at", "deliver_seconds", "updated_at"])
    record_event(
        report,
        EventKind.DELIVERED,
        actor,
        officer=delivered_by,
        note=_("%(what)s，%(at)s 送达")
        % {"what": what, "at": timezone.localtime(delivered_at).strftime("%m-%d %H:%M")},
    )
    return delivery
