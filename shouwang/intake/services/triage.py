"""Taking reports in hand: claim, assign, move through the statuses, merge duplicates.

Each decision locks the report (`select_for_update`) and reads it again, so two desks acting
at once end with one winner; the other gets `Conflict` (409) naming who has it. Every change
leaves a `ReportEvent` (who, when, note) and a history version.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from ..models import (
    OPEN_STATUSES,
    OUTCOME_STATUSES,
    REPLY_LIMIT,
    EventKind,
    Report,
    Status,
)
from ..rules import INTAKE_HANDLE
from ..sla import elapsed_seconds
from .common import clean_text, record_event

S = Status
# Where a report may go by a transition (assignment and merging have their own services).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset(),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.TRANSFERRED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.UNFOUNDED, S.TRANSFERRED}),
    # Reopened when the resident says it is not done.
    S.RESOLVED: frozenset({S.IN_PROGRESS}),
    S.UNFOUNDED: frozenset({S.IN_PROGRESS}),
    S.TRANSFERRED: frozenset(),
    S.MERGED: frozenset(),
}
# A transition to these needs a note saying what was done, and a reply to the resident.
NEEDS_NOTE = frozenset({S.RESOLVED, S.UNFOUNDED, S.TRANSFERRED, S.IN_PROGRESS})


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_related("unit", "handler")
        .select_for_update(of=("self",))
        .get(pk=report.pk)
    )


def require_handle(actor: Any, report: Report) -> None:
    require(
        actor,
        INTAKE_HANDLE,
        report.unit,
        unit_message=_("该线索不在您的管辖范围内"),
    )


def _handled_by(report: Report) -> str:
    if report.handler is not None:
        return report.handler.full_name or report.handler.username
    return report.unit.name


def _mark_assigned(report: Report, now) -> list[str]:
    """First assignment, when a report is taken straight into progress."""
    if report.assigned_at is not None:
        return []
    report.assigned_at = now
    report.assign_seconds = elapsed_seconds(report.received_at, now)
    return ["assigned_at", "assign_seconds"]


@transaction.atomic
def report_assign(
    *,
    actor: Any,
    report: Report,
    unit: Unit | None = None,
    officer: Any = None,
    note: str = "",
) -> Report:
    """Give the report to a unit or an officer of the actor's jurisdiction; with neither,
    the actor claims it himself. A claim on a report someone else holds is a Conflict."""
    require_handle(actor, report)
    report = _locked(report)
    require_handle(actor, report)
    errors: dict[str, str] = {}
    note = clean_text(note, "note", errors, limit=1000)
    claim = unit is None and officer is None
    if report.status not in OPEN_STATUSES:
        raise Conflict(
            {
                "status": _("该线索已%(status)s，不能再指派")
                % {"status": report.get_status_display()}
            }
        )
    if claim:
        if report.handler_id is not None and report.handler_id != actor.pk:
            raise Conflict({"handler": _("已由%(who)s处理") % {"who": _handled_by(report)}})
        officer = actor
    if unit is not None and (not unit.is_active or not unit_is_visible_to(unit, actor)):
        errors["unit"] = _("只能指派给本单位或下级单位")
    if officer is not None and not claim:
        if (
            not officer.is_active
            or not officer.has_capability(Capability.HANDLE_INTAKE)
            or not unit_is_visible_to(officer.unit, actor)
        ):
            errors["officer"] = _("只能指派给本单位或下级单位有受理权限的人员")
        elif unit is not None and not officer.unit.path.startswith(unit.path):
            errors["officer"] = _("该人员不属于所选单位")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    target_unit = unit or report.unit
    # The report must stay where its handler sees it.
    if officer is not None and not target_unit.path.startswith(officer.unit.path):
        target_unit = officer.unit if unit is None else target_unit
    if claim and report.handler_id == actor.pk and report.status != S.NEW:
        return report  # claimed already: nothing changes
    old_status = report.status
    data = {
        "unit": target_unit,
        "handler": officer,
        "status": S.ASSIGNED if report.status == S.NEW or not claim else report.status,
        "updated_at": now,
    }
    if report.assigned_at is None:
        data.update(assigned_at=now, assign_seconds=elapsed_seconds(report.received_at, now))
    report._history_user = actor
    model_update(report, fields=list(data), data=data)
    record_event(
        report,
        EventKind.CLAIMED if claim else EventKind.ASSIGNED,
        actor,
        unit=target_unit,
        officer=officer,
        from_status=old_status,
        to_status=report.status,
        note=note,
    )
    return report


def report_claim(*, actor: Any, report: Report) -> Report:
    return report_assign(actor=actor, report=report)


@transaction.atomic
def report_transition(
    *,
    actor: Any,
    report: Report,
    status: str,
    note: str = "",
    reply: str | None = None,
) -> Report:
    """Move the report on (in progress, resolved, unfounded, transferred, or reopened), with
    a note; closing it needs the reply the resident reads on his status page."""
    require_handle(actor, report)
    report = _locked(report)
    errors: dict[str, str] = {}
    note = clean_text(note, "note", errors, limit=1000)
    reply_text = clean_text(reply, "reply", errors, limit=REPLY_LIMIT) if reply else ""
    if status == S.ASSIGNED:
        errors["status"] = _("请使用“指派”")
    elif status == S.MERGED:
        errors["status"] = _("请使用“合并”")
    elif status not in S.values:
        errors["status"] = _("未知的状态")
    elif status not in TRANSITIONS[report.status]:
        errors["status"] = (
            _("请先受理或指派")
            if report.status == S.NEW
            else _("不能从“%(old)s”改为“%(new)s”")
            % {"old": report.get_status_display(), "new": S(status).label}
        )
    if "status" not in errors and status in NEEDS_NOTE and not note:
        errors["note"] = _("请填写处理情况")
    if (
        "status" not in errors
        and status in OUTCOME_STATUSES
        and not reply_text
        and not report.reply
    ):
        errors["reply"] = _("办结前请填写给群众的答复（群众凭查询码查看）")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    old_status = report.status
    fields = ["status", "updated_at"]
    report.status = status
    if status in OUTCOME_STATUSES:
        report.closed_at = now
        report.resolve_seconds = elapsed_seconds(report.received_at, now)
        fields += ["closed_at", "resolve_seconds"]
    elif old_status in OUTCOME_STATUSES:  # reopened
        report.closed_at = report.resolve_seconds = None
        fields += ["closed_at", "resolve_seconds"]
    if report.handler_id is None:
        report.handler = actor
        fields.append("handler")
    fields += _mark_assigned(report, now)
    if reply_text:
        report.reply, report.replied_at = reply_text, now
        fields += ["reply", "replied_at"]
    report._history_user = actor
    report._change_reason = note[:100]
    report.save(update_fields=fields)
    record_event(
        report, EventKind.STATUS, actor, from_status=old_status, to_status=status, note=note
    )
    if reply_text:
        record_event(report, EventKind.REPLIED, actor, note=reply_text)
    return report


@transaction.atomic
def report_reply(*, actor: Any, report: Report, reply: str) -> Report:
    """Write (or correct) the reply the resident and every merged reporter read."""
    require_handle(actor, report)
    report = _locked(report)
    errors: dict[str, str] = {}
    text = clean_text(reply, "reply", errors, limit=REPLY_LIMIT, required=_("请填写答复内容"))
    if report.status == S.MERGED:
        errors["reply"] = _("已合并的线索由合并后的记录统一答复")
    if errors:
        raise ValidationError(errors)
    report.reply, report.replied_at = text, timezone.now()
    report._history_user = actor
    report.save(update_fields=["reply", "replied_at", "updated_at"])
    record_event(report, EventKind.REPLIED, actor, note=text)
    return report


@transaction.atomic
def report_merge(*, actor: Any, report: Report, into: Report) -> Report:
    """Fold a duplicate into the report that answers it: the duplicate is kept (status merged),
    its reporter reads the reply of `into`, and reports merged into it move along."""
    require_handle(actor, report)
    require_handle(actor, into)
    if report.pk == into.pk:
        raise ValidationError({"into": _("不能与自身合并")})
    # Both locked, in id order, then read again: two merges at once cannot cross.
    first, second = sorted((report.pk, into.pk))
    locked = {
        row.pk: row
        for row in Report.objects.select_for_update(of=("self",))
        .select_related("unit", "handler")
        .filter(pk__in=[first, second])
        .order_by("pk")
    }
    report, into = locked[report.pk], locked[into.pk]
    if report.status not in OPEN_STATUSES:
        raise Conflict(
            {"status": _("该线索已%(status)s，不能合并") % {"status": report.get_status_display()}}
        )
    if into.status == S.MERGED:
        raise ValidationError({"into": _("目标线索已合并至其他记录，请选择最终记录")})
    now = timezone.now()
    old_status = report.status
    report.status, report.merged_into, report.closed_at = S.MERGED, into, now
    report._history_user = actor
    report.save(update_fields=["status", "merged_into", "closed_at", "updated_at"])
    moved = list(Report.objects.filter(merged_into=report).values_list("pk", flat=True))
    Report.objects.filter(pk__in=moved).update(merged_into=into, updated_at=now)
    record_event(
        report,
        EventKind.MERGED,
        actor,
        from_status=old_status,
        to_status=S.MERGED,
        other=into,
        note=_("并入 %(code)s") % {"code": into.display_code},
    )
    record_event(
        into,
        EventKind.MERGED,
        actor,
        other=report,
        note=_("合并 %(code)s（共 %(n)s 条）") % {"code": report.display_code, "n": 1 + len(moved)},
    )
    Report.objects.filter(pk=into.pk).update(updated_at=now)
    return report
