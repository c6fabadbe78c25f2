"""Reading the change history kept by django-simple-history: who changed what, old → new.

Rows written in bulk (`shouwang.bulk`: batch ingest of passages, list imports) carry no
history when they are created: the row itself says who made it and when. A model declared
with `history_from_first_change` gets its creation entry, from the values still stored, just
before a row's first change or deletion, whichever service makes it; until then the record's
history shows that creation entry built from the row.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.db.models.signals import pre_delete, pre_save
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


@dataclass(frozen=True)
class CreationEntry:
    """Where a bulk-written row keeps its creation: attribute names and the reason to record."""

    when: str
    user: str | None
    reason: Any  # a (lazy) translatable string


_written_in_bulk: dict[type[models.Model], CreationEntry] = {}


def history_from_first_change(
    model: type[models.Model], *, when: str, user: str | None, reason: Any
) -> None:
    """Declare that rows of `model` may be written without history (see the module's text).

    `when` and `user` name the row's creation time and creator (None: no creator column).
    """
    _written_in_bulk[model] = CreationEntry(when, user, reason)
    uid = f"history-from-first-change:{model._meta.label}"
    pre_save.connect(_before_first_change, sender=model, dispatch_uid=uid)
    pre_delete.connect(_before_first_change, sender=model, dispatch_uid=uid)


def _before_first_change(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    if kwargs.get("raw") or instance._state.adding or instance.pk is None:
        return
    if getattr(instance, "skip_history_when_saving", False):
        return
    history_record_creation(instance)


def history_record_creation(record: models.Model) -> None:
    """Write the creation entry of a bulk-written `record` from its stored values, if missing."""
    model = type(record)
    entry = _written_in_bulk[model]
    history = model.history.filter(**{model._meta.pk.attname: record.pk})
    if history.exists():  # most saves: a record saved through the ORM, or changed before
        return
    rows = model._base_manager.filter(pk=record.pk)
    if transaction.get_connection().in_atomic_block:
        # Two first changes at once: the second waits for the lock, then finds the entry.
        rows = rows.select_for_update()
    stored = rows.first()
    if stored is None or history.exists():
        return
    # Set even when None: simple-history would otherwise credit the current request's user.
    stored._history_user = getattr(stored, entry.user) if entry.user else None
    model.history.bulk_history_create(
        [stored], default_change_reason=str(entry.reason), default_date=getattr(stored, entry.when)
    )


def _creation_entry(record: models.Model) -> ChangeEntry:
    """The creation of a bulk-written record not changed since, read from the row."""
    entry = _written_in_bulk[type(record)]
    user = getattr(record, entry.user) if entry.user else None
    return ChangeEntry(
        when=getattr(record, entry.when),
        who=str(user) if user is not None else "系统",
        kind=KIND_LABELS["+"],
        target_type=str(record._meta.verbose_name),
        target_id=record.pk,
        target=str(record),
    )


def record_history(record: models.Model, limit: int = 50) -> list[ChangeEntry]:
    entries = [entry_of(historical) for historical in record.history.all()[:limit]]
    if not entries and type(record) in _written_in_bulk:
        entries.append(_creation_entry(record))
    return entries


def history_search(
    *, user: Any, actor: str = "", target_type: str = "", since=None, until=None, limit: int = 200
) -> list[ChangeEntry]:
    """Recent changes across every tracked model the user may see, newest first."""
    found = []
    for model in registered_models.values():
        # Many-to-many histories (m2m_fields) register their through model too; it has no
        # `history` of its own and is read through the model that owns the field.
        if not hasattr(model, "history"):
            continue
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
