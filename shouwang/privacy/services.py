from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.audit.models import AccessAction
from shouwang.audit.services import access_event_record
from shouwang.units.policy import require


def may_view_personal_data(user: Any) -> bool:
    return user.is_authenticated and user.has_capability(Capability.VIEW_PERSONAL_DATA)


def may_export(user: Any) -> bool:
    return user.is_authenticated and user.has_capability(Capability.EXPORT_DATA)


def target_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


@transaction.atomic
def personal_data_reveal(
    *, actor: Any, record: models.Model, fields: Sequence[str], reason: str, request: Any = None
) -> dict[str, str]:
    """Return the full values of `fields` of one record, logging who saw them and why."""
    require(actor, Capability.VIEW_PERSONAL_DATA, message=_("您无权查看完整个人信息"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写查看事由")})
    access_event_record(
        actor=actor,
        action=AccessAction.VIEW_FULL,
        target_type=target_label(type(record)),
        target_ids=[record.pk],
        fields=fields,
        reason=reason,
        request=request,
    )
    return {field: getattr(record, field) for field in fields}


def personal_data_export_check(*, actor: Any, full: bool, reason: str) -> None:
    """Whether the actor may export personal data this way; raises when not.

    A full export shows what a reveal shows, for many records at once: it takes the same
    capability and, like a reveal, a stated reason.
    """
    require(actor, Capability.EXPORT_DATA, message=_("您无权导出数据"))
    if full and not may_view_personal_data(actor):
        raise PermissionDenied(_("您无权查看完整个人信息"))
    if full and not reason.strip():
        raise ValidationError({"reason": _("导出完整信息须填写导出事由")})


@transaction.atomic
def personal_data_export_record(
    *,
    actor: Any,
    model: type[models.Model],
    ids: Iterable[Any],
    full: bool,
    reason: str,
    request: Any = None,
) -> None:
    """Log an export; called by every export, masked or full, before the file is sent."""
    personal_data_export_check(actor=actor, full=full, reason=reason)
    access_event_record(
        actor=actor,
        action=AccessAction.EXPORT,
        target_type=target_label(model),
        target_ids=ids,
        fields=["full"] if full else ["masked"],
        reason=reason or _("导出"),
        request=request,
    )
