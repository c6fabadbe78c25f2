"""Unannounced inspections of checkpoints, followed to closure.

An inspection with a failed checklist item or a finding must set a rectification deadline; the
post's station reports what it put right; the inspectors close it, or send it back with a new
deadline. Each step is a status change kept in the record's history.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.conflicts import Conflict
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.policy import require

from ..models import ChecklistItem, InspectionStatus, PostInspection, PostInspectionItem
from ..policy import INSPECTION_MANAGE, INSPECTION_RECTIFY
from .common import moment

MAX_STAFF = 1000


def _items(checklist: Mapping[str, tuple[bool, str]]) -> list[tuple[str, bool, str]]:
    rows = []
    for item, (passed, note) in checklist.items():
        if item not in ChecklistItem.values:
            raise ValidationError({"checklist": _("未知的检查项：%(item)s") % {"item": item}})
        note = check_text(note, f"note_{item}", 200)
        rows.append((item, bool(passed), note))
    if not rows:
        raise ValidationError({"checklist": _("请至少检查一项")})
    return rows


@transaction.atomic
def post_inspection_record(
    *,
    actor: Any,
    checkpoint: Checkpoint,
    checklist: Mapping[str, tuple[bool, str]],
    inspected_at: datetime | None = None,
    unannounced: bool = True,
    team: str = "",
    staff_present: int | None = None,
    findings: str = "",
    deadline: date | None = None,
) -> PostInspection:
    """Record an inspection; anything failed opens a rectification with a deadline."""
    require(
        actor, INSPECTION_MANAGE, checkpoint.unit, unit_message=_("只能督查本单位或下级单位的卡点")
    )
    rows = _items(checklist)
    findings = check_text(findings, "findings", 1000)
    team = check_text(team, "team", 100)
    if staff_present is not None and not 0 <= staff_present <= MAX_STAFF:
        raise ValidationError({"staff_present": _("在岗人数应为0至1000")})
    when = moment(inspected_at, "inspected_at")
    failed = [item for item, passed, _note in rows if not passed]
    needs_rectification = bool(failed) or bool(findings)
    if needs_rectification:
        if deadline is None:
            raise ValidationError({"deadline": _("发现问题须规定整改期限")})
        if deadline < timezone.localtime(when).date():
            raise ValidationError({"deadline": _("整改期限不能早于检查日期")})
    if failed and not findings:
        findings = "；".join(
            f"{ChecklistItem(item).label}：{note}" if note else str(ChecklistItem(item).label)
            for item, passed, note in rows
            if not passed
        )
    inspection = PostInspection(
        checkpoint=checkpoint,
        unit=checkpoint.unit,
        inspected_at=when,
        unannounced=unannounced,
        team=team,
        staff_present=staff_present,
        findings=findings,
        status=InspectionStatus.RECTIFYING if needs_rectification else InspectionStatus.PASSED,
        deadline=deadline if needs_rectification else None,
        inspector=actor,
    )
    inspection._history_user = actor
    inspection.save()
    PostInspectionItem.objects.bulk_create(
        PostInspectionItem(inspection=inspection, item=item, passed=passed, note=note)
        for item, passed, note in rows
    )
    return inspection


def _locked(inspection: PostInspection) -> PostInspection:
    return (
        PostInspection.objects.select_for_update(of=("self",))
        .select_related("unit", "checkpoint")
        .get(pk=inspection.pk)
    )


@transaction.atomic
def post_inspection_report(
    *, actor: Any, inspection: PostInspection, rectification: str
) -> PostInspection:
    """The post's station reports what it put right (the inspectors then close it)."""
    require(actor, INSPECTION_RECTIFY, inspection.unit, unit_message=_("该督查不在您的管辖范围内"))
    text = check_text(rectification, "rectification", 1000, required=True)
    inspection = _locked(inspection)
    if inspection.status != InspectionStatus.RECTIFYING:
        raise Conflict({"status": _("只有整改中的督查可以报整改")})
    inspection._history_user = actor
    model_update(
        inspection,
        fields=("status", "rectification", "reported_at"),
        data={
            "status": InspectionStatus.REPORTED,
            "rectification": text,
            "reported_at": timezone.now(),
        },
    )
    return inspection


@transaction.atomic
def post_inspection_close(
    *,
    actor: Any,
    inspection: PostInspection,
    accepted: bool,
    note: str = "",
    deadline: date | None = None,
) -> PostInspection:
    """Close a rectification after re-checking it, or send it back with a new deadline."""
    require(actor, INSPECTION_MANAGE, inspection.unit, unit_message=_("该督查不在您的管辖范围内"))
    note = check_text(note, "closing_note", 300, required=not accepted)
    inspection = _locked(inspection)
    if inspection.status not in (InspectionStatus.RECTIFYING, InspectionStatus.REPORTED):
        raise Conflict({"status": _("该督查已销号或无需整改")})
    inspection._history_user = actor
    if accepted:
        data = {
            "status": InspectionStatus.CLOSED,
            "closing_note": note,
            "closed_at": timezone.now(),
        }
    else:
        if deadline is None or deadline < timezone.localdate():
            raise ValidationError({"deadline": _("退回整改须规定新的整改期限（不早于今天）")})
        data = {
            "status": InspectionStatus.RECTIFYING,
            "closing_note": note,
            "deadline": deadline,
        }
    model_update(inspection, fields=tuple(data), data=data)
    return inspection
