"""A bulletin's life: drafted by an officer, approved and published by a chief or the
commander, withdrawn with a reason. Every change writes a `BulletinTransition` (who, when, why)
and a history row in the same transaction.

draft → approved → published → withdrawn; an approved bulletin may be returned to draft
(with a reason) or withdrawn; a withdrawn one may be drafted again. A drafter without the
publishing capability only withdraws his own draft, or takes it up again if it never went out.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import Policy, require

from ..models import (
    BODY_MAX,
    REASON_MAX,
    TITLE_MAX,
    Bulletin,
    BulletinKind,
    BulletinStatus,
    BulletinTransition,
)
from ..rules import BULLETIN_RECORDS

S = BulletinStatus
ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.APPROVED, S.WITHDRAWN},
    S.APPROVED: {S.PUBLISHED, S.DRAFT, S.WITHDRAWN},
    S.PUBLISHED: {S.WITHDRAWN},
    S.WITHDRAWN: {S.DRAFT},
}
PUBLISHING = Policy.all(Capability.PUBLISH_BULLETINS)
# The rule of each target status for those who publish; drafters' own moves are DRAFTER_MOVES.
RULES: dict[str, Policy] = {
    S.APPROVED: PUBLISHING,
    S.PUBLISHED: PUBLISHING,
    S.DRAFT: BULLETIN_RECORDS,
    S.WITHDRAWN: BULLETIN_RECORDS,
}
DRAFTER_MOVES = {(S.DRAFT, S.WITHDRAWN), (S.WITHDRAWN, S.DRAFT)}
# Changes that undo someone's decision say why.
REASON_NEEDED = {(S.APPROVED, S.DRAFT), (S.APPROVED, S.WITHDRAWN), (S.PUBLISHED, S.WITHDRAWN)}
REFUSALS = {
    S.APPROVED: gettext_lazy("通告须由所长或指挥部审核"),
    S.PUBLISHED: gettext_lazy("通告须由所长或指挥部发布"),
    S.DRAFT: gettext_lazy("只能重新起草本人未发布过的通告"),
    S.WITHDRAWN: gettext_lazy("只能撤回本人起草的草稿；已审核或已发布的通告须由所长或指挥部撤回"),
}


def may_transition(actor: Any, bulletin: Bulletin, to: str) -> bool:
    """Whether the actor's role (and, for drafters, authorship) allows this change now."""
    if to not in ALLOWED.get(bulletin.status, ()):
        return False
    if PUBLISHING.allows(actor):
        return True
    return (
        Policy.all(Capability.DRAFT_BULLETINS).allows(actor)
        and bulletin.created_by_id == actor.pk
        and (bulletin.status, to) in DRAFTER_MOVES
        and bulletin.published_at is None
    )


def transitions_for(actor: Any, bulletin: Bulletin) -> list[tuple[str, str]]:
    """The changes this actor may make to this bulletin now (a page offers only those)."""
    return [
        (status, S(status).label)
        for status in (S.APPROVED, S.PUBLISHED, S.DRAFT, S.WITHDRAWN)
        if may_transition(actor, bulletin, status)
    ]


def may_edit(actor: Any, bulletin: Bulletin) -> bool:
    """A draft is edited by its author or by one who publishes."""
    if bulletin.status != S.DRAFT:
        return False
    if PUBLISHING.allows(actor):
        return True
    return (
        Policy.all(Capability.DRAFT_BULLETINS).allows(actor) and bulletin.created_by_id == actor.pk
    )


def _checked(title: str, body: str, kind: str) -> dict[str, str]:
    """Title, body and kind as stored, or ValidationError naming every bad one."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for field, value, limit in (("title", title, TITLE_MAX), ("body", body, BODY_MAX)):
        try:
            values[field] = check_text(value, field, limit, required=True)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if kind not in BulletinKind.values:
        errors["kind"] = _("请选择通告类别")
    if errors:
        raise ValidationError(errors)
    return {**values, "kind": kind}


def audience_of(actor: Any, unit: Unit, unit_ids: Iterable[int] | None) -> list[Unit]:
    """The audience units: the bulletin's unit by default; any, within the unit's subtree."""
    ids = sorted({int(i) for i in unit_ids or ()})
    if not ids:
        return [unit]
    units = list(
        Unit.objects.visible_to(actor).filter(
            pk__in=ids, path__startswith=unit.path, is_active=True
        )
    )
    if len(units) != len(ids):
        raise ValidationError({"audience_units": _("只能面向本单位及下级单位")})
    return units


@transaction.atomic
def bulletin_create(
    *,
    actor: Any,
    title: str,
    body: str,
    kind: str = BulletinKind.GUIDANCE,
    unit: Unit | None = None,
    audience_unit_ids: Iterable[int] | None = None,
) -> Bulletin:
    """Draft a bulletin for the actor's unit (or one below it), addressed to its audience."""
    unit = unit or actor.unit
    require(
        actor,
        Capability.DRAFT_BULLETINS,
        unit,
        message=_("您无权起草宣传通告"),
        unit_message=_("只能为本单位或下级单位起草通告"),
    )
    bulletin = Bulletin(unit=unit, created_by=actor, **_checked(title, body, kind))
    audience = audience_of(actor, unit, audience_unit_ids)
    bulletin._history_user = actor
    bulletin.save()
    bulletin.audience_units.set(audience)
    return bulletin


@transaction.atomic
def bulletin_update(
    *,
    actor: Any,
    bulletin: Bulletin,
    title: str,
    body: str,
    kind: str,
    audience_unit_ids: Iterable[int] | None = None,
) -> Bulletin:
    """Change a draft's text, kind or audience; the change lands in its history."""
    require(actor, BULLETIN_RECORDS, bulletin.unit)
    bulletin = Bulletin.objects.select_for_update().select_related("unit").get(pk=bulletin.pk)
    if bulletin.status != S.DRAFT:
        raise Conflict({"status": _("只能修改草稿；已审核的通告请先退回草稿")})
    if not may_edit(actor, bulletin):
        raise PermissionDenied(_("只能修改本人起草的通告"))
    data = _checked(title, body, kind)
    audience = audience_of(actor, bulletin.unit, audience_unit_ids)
    bulletin._history_user = actor
    model_update(bulletin, fields=("title", "body", "kind"), data=data)
    bulletin.audience_units.set(audience)
    return bulletin


@transaction.atomic
def bulletin_transition(
    *, actor: Any, bulletin: Bulletin, to: str, reason: str = ""
) -> BulletinTransition:
    """Move a bulletin to status `to`; approving and publishing are a chief's or commander's."""
    if to not in RULES:
        raise ValidationError({"to": _("不能设为该状态")})
    require(actor, RULES[to], bulletin.unit, message=str(REFUSALS[to]))
    reason = check_text(reason, "reason", REASON_MAX)
    bulletin = Bulletin.objects.select_for_update().select_related("unit").get(pk=bulletin.pk)
    if to == bulletin.status:
        raise Conflict({"to": _("通告已是“%(s)s”状态") % {"s": S(to).label}})
    if to not in ALLOWED[bulletin.status]:
        raise ValidationError(
            {
                "to": _("通告不能从“%(a)s”变为“%(b)s”")
                % {"a": S(bulletin.status).label, "b": S(to).label}
            }
        )
    if not may_transition(actor, bulletin, to):
        raise PermissionDenied(str(REFUSALS[to]))
    if (bulletin.status, to) in REASON_NEEDED and not reason:
        raise ValidationError({"reason": _("请写明原因")})
    now = timezone.now()
    previous = bulletin.status
    bulletin.status, bulletin.status_changed_at = to, now
    fields = ["status", "status_changed_at"]
    if to == S.PUBLISHED:
        bulletin.published_at = now
        fields.append("published_at")
    bulletin._history_user = actor
    bulletin._change_reason = reason[:100]
    bulletin.save(update_fields=fields)
    return BulletinTransition.objects.create(
        bulletin=bulletin, from_status=previous, to_status=to, actor=actor, reason=reason
    )
