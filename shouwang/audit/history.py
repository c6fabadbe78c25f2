"""Reading the change history kept by django-simple-history: who changed what, old → new."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from encrypted_fields.fields import EncryptedFieldMixin
from simple_history.models import registered_models

HIDDEN_VALUE = "••••"


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ChangeEntry:
    when: datetime
    who: str
    kind: str
    target_type: str
    target_id: Any
    target: str
    changes: list[FieldChange] = field(default_factory=list)


KIND_LABELS = {"+": "新建", "~": "修改", "-": "删除"}


def _is_secret(model: type[models.Model], name: str) -> bool:
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return False
    # Personal data stays masked in the history too; that a change happened is enough here.
    return isinstance(model_field, EncryptedFieldMixin) or name.endswith("_index")


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def entry_of(historical: Any) -> ChangeEntry:
    model = historical.instance_type
    entry = ChangeEntry(
        when=historical.history_date,
        who=str(historical.history_user) if historical.history_user_id else "系统",
        kind=KIND_LABELS.get(historical.history_type, historical.history_type),
        target_type=str(model._meta.verbose_name),
        target_id=historical.instance.pk,
        target=str(historical.instance),
    )
    previous = historical.prev_record
    if previous is not None:
        for change in historical.diff_against(previous).changes:
            secret = _is_secret(model, change.field)
            if change.field.endswith("_index"):
                continue
            entry.changes.append(
                FieldChange(
                    field=_label(model, change.field),
                    old=HIDDEN_VALUE
                    if secret
                    else str(change.old if change.old is not None else ""),
                    new=HIDDEN_VALUE
                    if secret
                    else str(change.new if change.new is not None else ""),
                )
            )
    return entry


def history_record_creation(
    record: models.Model, *, when: datetime, user: Any, reason: str
) -> None:
    """Give a record written in bulk (see `shouwang.bulk`) its creation entry, if it has none.

    Call before the record's first change, while it still holds the values it was created
    with, so that the change shows old → new like any other.
    """
    if record.history.exists():
        return
    type(record).history.bulk_history_create(
        [record], default_user=user, default_change_reason=reason, default_date=when
    )


def record_history(record: models.Model, limit: int = 50) -> list[ChangeEntry]:
    return [entry_of(historical) for historical in record.history.all()[:limit]]


def history_search(
    *, user: Any, actor: str = "", target_type: str = "", since=None, until=None, limit: int = 200
) -> list[ChangeEntry]:
    """Recent changes across every tracked model the user may see, newest first."""
    found = []
    for model in registered_models.values():
        historical_model = model.history.model
        if target_type and target_type != model._meta.label_lower:
            continue
        manager = model._default_manager
        if not hasattr(manager, "visible_to"):
            continue
        rows = historical_model.objects.filter(
            **{f"{model._meta.pk.attname}__in": manager.visible_to(user).values("pk")}
        )
        if actor:
            rows = rows.filter(history_user__username__icontains=actor)
        if since:
            rows = rows.filter(history_date__gte=since)
        if until:
            rows = rows.filter(history_date__lt=until)
        found.extend(rows.select_related("history_user").order_by("-history_date")[:limit])
    found.sort(key=lambda row: row.history_date, reverse=True)
    return [entry_of(row) for row in found[:limit]]


def tracked_models() -> list[tuple[str, str]]:
    return sorted(
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in registered_models.values()
    )
