"""Writes: checkpoints, and passages one at a time, in batches, edited and voided."""

import logging
import uuid
from contextlib import nullcontext
from datetime import time
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import normalize_input
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from .ingest import (
    passage_insert_one,
    passage_needs_transaction,
    passages_insert,
    stored_ids,
)
from .models import Checkpoint, CheckpointKind, CheckpointStatus, Disposition, Passage
from .pass_checks import pass_check
from .passage_schema import CORRECTABLE, CORRECTED_ATTRIBUTES, ENTERED_FIELDS
from .selectors import (
    checkpoints_registrable,
    registrable_forget,
    registrable_guard,
    registrable_reused,
)
from .tallies import TALLIED_FIELDS, tallies_add, tallies_replace
from .validation import WATCH_HANDOVER, CleanPassage, PassageContext, passage_clean
from .watch import watch_occupants

BATCH_LIMIT = 1000

logger = logging.getLogger(__name__)


# --- checkpoints -------------------------------------------------------------------------------


def _checkpoint_fields(
    *,
    actor: Any,
    unit: Unit | None,
    name: str,
    kind: str,
    location: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    is_24h: bool,
    opens_at: time | None,
    closes_at: time | None,
) -> dict:
    errors = {}
    name = normalize_input(name or "")
    if not name:
        errors["name"] = _("请填写卡点名称")
    if kind not in CheckpointKind.values:
        errors["kind"] = _("请选择卡点类型")
    if unit is None or not unit_is_visible_to(unit, actor):
        errors["unit"] = _("请选择本单位或下级单位")
    if not is_24h and (opens_at is None or closes_at is None):
        errors["opens_at"] = _("非24小时卡点请填写值守时间")
    if latitude is not None and not -90 <= latitude <= 90:
        errors["latitude"] = _("纬度应在-90至90之间")
    if longitude is not None and not -180 <= longitude <= 180:
        errors["longitude"] = _("经度应在-180至180之间")
    if errors:
        raise ValidationError(errors)
    return {
        "unit": unit,
        "name": name,
        "kind": kind,
        "location": normalize_input(location or ""),
        "latitude": latitude,
        "longitude": longitude,
        "is_24h": is_24h,
        "opens_at": None if is_24h else opens_at,
        "closes_at": None if is_24h else closes_at,
    }


def _unique_name(unit: Unit, name: str, exclude: int | None = None) -> None:
    clash = Checkpoint.objects.filter(unit=unit, name=name).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": _("本单位已有同名卡点")})


@transaction.atomic
def checkpoint_create(
    *,
    actor: Any,
    unit: Unit | None,
    name: str,
    kind: str,
    location: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    is_24h: bool = True,
    opens_at: time | None = None,
    closes_at: time | None = None,
    party_member_post: bool = False,
) -> Checkpoint:
    require(actor, Capability.MANAGE_CHECKPOINTS, message=_("您无权管理卡点"))
    fields = _checkpoint_fields(
        actor=actor,
        unit=unit,
        name=name,
        kind=kind,
        location=location,
        latitude=latitude,
        longitude=longitude,
        is_24h=is_24h,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    _unique_name(fields["unit"], fields["name"])
    return Checkpoint.objects.create(
        **fields, party_member_post=party_member_post, created_by=actor
    )


@transaction.atomic
def checkpoint_update(
    *,
    actor: Any,
    checkpoint: Checkpoint,
    name: str,
    kind: str,
    location: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    is_24h: bool = True,
    opens_at: time | None = None,
    closes_at: time | None = None,
    party_member_post: bool = False,
    unit: Unit | None = None,
) -> Checkpoint:
    require(actor, Capability.MANAGE_CHECKPOINTS, message=_("您无权管理卡点"))
    fields = _checkpoint_fields(
        actor=actor,
        unit=unit or checkpoint.unit,
        name=name,
        kind=kind,
        location=location,
        latitude=latitude,
        longitude=longitude,
        is_24h=is_24h,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    _unique_name(fields["unit"], fields["name"], exclude=checkpoint.pk)
    data = {**fields, "party_member_post": party_member_post}
    checkpoint._change_reason = _("修改卡点信息")
    model_update(checkpoint, fields=data, data=data)
    return checkpoint


def _set_status(actor: Any, checkpoint: Checkpoint, status: str, reason: str) -> Checkpoint:
    require(actor, Capability.MANAGE_CHECKPOINTS, message=_("您无权管理卡点"))
    reason = normalize_input(reason or "")
    if not reason:
        raise ValidationError({"reason": _("请填写原因")})
    if checkpoint.status == status:
        raise ValidationError(
            {
                "status": _("卡点已撤除")
                if status == CheckpointStatus.CLOSED
                else _("卡点已在启用中")
            }
        )
    checkpoint.status, checkpoint.status_reason = status, reason[:200]
    checkpoint._change_reason = reason[:100]
    checkpoint.save(update_fields=["status", "status_reason"])
    return checkpoint


@transaction.atomic
def checkpoint_close(*, actor: Any, checkpoint: Checkpoint, reason: str) -> Checkpoint:
    """Stand a post down; its records stay, no new passage can be registered there."""
    return _set_status(actor, checkpoint, CheckpointStatus.CLOSED, reason)


@transaction.atomic
def checkpoint_reopen(*, actor: Any, checkpoint: Checkpoint, reason: str) -> Checkpoint:
    return _set_status(actor, checkpoint, CheckpointStatus.ACTIVE, reason)


# --- passages ----------------------------------------------------------------------------------


def passage_context(*, actor: Any, checkpoint_ids: set[Any], reuse: bool = False) -> PassageContext:
    """Load, in one query, the checkpoints among `checkpoint_ids` the actor may register at.

    `reuse`: one checkpoint this process read before (`registrable_reused`) is taken as read,
    without a query; the write must then check it is unchanged (`_store_one`'s guard).
    """
    ids = set()
    for value in checkpoint_ids:
        try:
            ids.add(int(value.pk if isinstance(value, Checkpoint) else value))
        except (TypeError, ValueError):
            continue
    reused = registrable_reused(actor, next(iter(ids))) if reuse and len(ids) == 1 else None
    # With them, the state of the key areas: those in force then come from the process's cache.
    reads = {reused.checkpoint.pk: reused} if reused else checkpoints_registrable(actor, ids)
    context = PassageContext(checkpoints={pk: read.checkpoint for pk, read in reads.items()})
    context.reads, context.reused = reads, reused is not None
    if reads:
        context.key_areas_version = next(iter(reads.values())).key_areas_version
    return context


def passage_register(*, actor: Any, data: dict) -> Passage:
    """Register one passage; a client_id already stored (or being stored) raises a Conflict.

    No lookup before writing: the unique client_id refuses a resend, also one whose first copy
    is still being written (the database makes the second wait for the first's outcome).
    An ordinary passage on PostgreSQL is written by one statement, atomic by itself; anything
    more, or a caller's open transaction (whose savepoint a refusal must not break), takes a
    transaction.

    On PostgreSQL the checkpoint is taken as this process last read it, and the statement
    writing the passage checks that it, its unit and the key areas are unchanged: if not,
    nothing is written and the passage is validated again against them, read afresh.
    """
    require(actor, Capability.REGISTER_PASSAGES, message=_("您无权登记通行"))
    for reuse in (True, False):
        context = passage_context(actor=actor, checkpoint_ids={data.get("checkpoint")}, reuse=reuse)
        try:
            cleaned = passage_clean(data, context=context, actor=actor)
        except ValidationError:
            if context.reused:  # refused for what was read before? Not before reading again.
                continue
            raise
        checkpoint = cleaned.values["checkpoint"]
        guard = registrable_guard(context.reads[checkpoint.pk])
        alone = not (passage_needs_transaction(cleaned) or connection.in_atomic_block)
        try:
            with nullcontext() if alone else transaction.atomic():
                return _store_one(cleaned, guard=guard)
        except IntegrityError as error:
            # The transaction (or savepoint, or single statement) left nothing written.
            if _refuses_client_id(error):
                raise Conflict({"client_id": _("该登记已提交过")}) from error
            if not _refuses_checkpoint(error):
                raise
            registrable_forget(checkpoint.pk)
    raise Conflict({"checkpoint": _("卡点信息刚刚变更，请重新提交")})


def _refuses_checkpoint(error: IntegrityError) -> bool:
    """Whether the guarded write found the checkpoint changed (its guard gave no id)."""
    cause = error.__cause__
    diagnostic = getattr(cause, "diag", None)
    return (
        getattr(diagnostic, "column_name", None) == "checkpoint_id"
        and getattr(diagnostic, "table_name", None) == Passage._meta.db_table
    )


def _refuses_client_id(error: IntegrityError) -> bool:
    """Whether the database refused a passage for its client_id, stored already.

    PostgreSQL names the unique constraint (and the key), SQLite the table and column.
    """
    message = str(error.__cause__ or error)
    return Passage._meta.db_table in message and "client_id" in message


def _store_one(cleaned: CleanPassage, *, guard: tuple[str, list] | None = None) -> Passage:
    if cleaned.watch:  # handed over, or key-area arrivals to register: rare
        watch_occupants([cleaned])
    passage = passage_insert_one(cleaned, guard=guard)
    pass_check(passage)
    return passage


def passage_batch_register(*, actor: Any, items: list[dict]) -> list[dict]:
    """Register up to 1,000 passages; every item gets a result, good items are always kept.

    Idempotent on client_id: an id already stored, or repeated within the batch, is reported
    as a duplicate with the stored id. Each item is validated by `passage_clean`, the same
    code as single registration.
    """
    require(actor, Capability.REGISTER_PASSAGES, message=_("您无权登记通行"))
    if len(items) > BATCH_LIMIT:
        raise ValidationError({"items": _("每批最多 %(limit)s 条") % {"limit": BATCH_LIMIT}})
    context = passage_context(
        actor=actor, checkpoint_ids={i.get("checkpoint") for i in items if isinstance(i, dict)}
    )
    results: list[dict] = []
    good: list[tuple[int, CleanPassage]] = []
    for item in items:
        client_id = item.get("client_id") if isinstance(item, dict) else None
        result: dict = {"client_id": str(client_id) if client_id else None}
        results.append(result)
        if not isinstance(item, dict):
            result.update(status="error", errors=[{"field": "__all__", "message": _("必须是对象")}])
            continue
        if not client_id:
            result.update(status="error", errors=[{"field": "client_id", "message": _("必填")}])
            continue
        try:
            cleaned = passage_clean(item, context=context, actor=actor)
        except ValidationError as error:
            result.update(status="error", errors=_field_errors(error))
            continue
        except Exception:  # a bug met by one item must not cost the others theirs
            logger.exception("batch item %s could not be validated", len(results) - 1)
            result.update(status="error", errors=[_unstorable()])
            continue
        result["client_id"] = str(cleaned.values["client_id"])
        good.append((len(results) - 1, cleaned))

    # A repeat within the batch is a duplicate of its first occurrence.
    fresh: list[tuple[int, CleanPassage]] = []
    first_in_batch: dict[uuid.UUID, int] = {}
    for index, cleaned in good:
        client_id = cleaned.values["client_id"]
        if client_id in first_in_batch:
            results[index]["status"] = "duplicate"
            continue
        first_in_batch[client_id] = index
        fresh.append((index, cleaned))
    known: dict = {}
    # Most batches are new: write them at once, and look for earlier copies only when the
    # database refuses a client_id (a client sending a batch again after a lost answer).
    if not _store_together(fresh, results):
        known = stored_ids([cleaned.values["client_id"] for _index, cleaned in fresh])
        for index, cleaned in fresh:
            if cleaned.values["client_id"] in known:
                results[index]["status"] = "duplicate"
        fresh = [(i, c) for i, c in fresh if c.values["client_id"] not in known]
        if not _store_together(fresh, results):
            _store_one_by_one(fresh, results)
    for result in results:
        if result.get("status") == "duplicate" and "id" not in result:
            client_id = uuid.UUID(result["client_id"])
            first = results[first_in_batch[client_id]]
            if first["status"] == "error":  # the database refused the first copy
                result.update(status="error", errors=first["errors"])
            else:
                result["id"] = known.get(client_id) or first.get("id")
    return results


def _store_together(fresh: list[tuple[int, CleanPassage]], results: list[dict]) -> bool:
    """Write every passage in one transaction; False, with nothing written, on a clash or on
    any item the database refuses (then each is written on its own)."""
    try:
        with transaction.atomic():
            # The rare handovers first (their occupants are written linked), then the rows
            # in bulk, then the rare passes.
            watched = [cleaned for _index, cleaned in fresh if cleaned.watch]
            if watched:
                watch_occupants(watched)
            ids = passages_insert([cleaned for _index, cleaned in fresh])
            for (_index, cleaned), pk in zip(fresh, ids, strict=True):
                if cleaned.values["pass_code"]:
                    cleaned.passage.pk = pk
                    pass_check(cleaned.passage)
    except DatabaseError:  # IntegrityError (a client_id stored meanwhile) or DataError
        return False
    for (index, _cleaned), pk in zip(fresh, ids, strict=True):
        results[index].update(status="created", id=pk)
    return True


def _store_one_by_one(fresh: list[tuple[int, CleanPassage]], results: list[dict]) -> None:
    """Another request is storing some of these ids right now, or the database refuses an
    item that validation let through: each on its own, so only that item fails."""
    for index, cleaned in fresh:
        try:
            with transaction.atomic():
                passage = _store_one(cleaned)
            results[index].update(status="created", id=passage.pk)
        except DatabaseError as error:
            existing = Passage.objects.filter(client_id=cleaned.values["client_id"]).first()
            if isinstance(error, IntegrityError) and existing is not None:
                results[index].update(status="duplicate", id=existing.pk)
                continue
            logger.exception("batch item %s refused by the database", index)
            results[index].update(status="error", errors=[_unstorable()])


def _unstorable() -> dict:
    """The result of an item that passed validation but could not be stored."""
    return {"field": "__all__", "message": _("该条记录无法保存，请核对后重新提交")}


def _field_errors(error: ValidationError) -> list[dict]:
    return [
        {"field": name, "message": message}
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def passage_may_change(actor: Any, passage: Passage) -> bool:
    """A passage is corrected or voided by its recorder or by a checkpoint manager (beyond the
    route's rule, REGISTER_PASSAGES): the page asks this before offering either form."""
    return passage.recorded_by_id == actor.pk or actor.has_capability(Capability.MANAGE_CHECKPOINTS)


def _may_change(actor: Any, passage: Passage) -> None:
    # Lock the row and read it in the same query, working on the values as stored: the
    # figures' counts are corrected from them, so a concurrent correction must not be
    # subtracted twice.
    passage.refresh_from_db(from_queryset=Passage.objects.select_for_update())
    if not passage_may_change(actor, passage):
        raise PermissionDenied(_("只有登记人或卡点管理人员可以修改此登记"))
    if passage.is_void:
        raise ValidationError({"__all__": _("该登记已作废，不能修改")})


def passage_as_data(passage: Passage) -> dict:
    """The passage in the shape `passage_clean` reads (its registration input), for edits."""
    data = {field.input_key: getattr(passage, field.name) for field in ENTERED_FIELDS}
    data.update(client_id=passage.client_id, checkpoint=passage.checkpoint_id)
    return data


@transaction.atomic
def passage_update(*, actor: Any, passage: Passage, changes: dict, reason: str) -> Passage:
    """Correct a passage; the same rules as registration apply, history keeps the old values.

    The entered fields a correction may send and every value derived from them are declared
    in `passage_schema`; the row is read once, locked, and only changed columns are written.
    """
    require(actor, Capability.REGISTER_PASSAGES, message=_("您无权修改通行登记"))
    _may_change(actor, passage)
    reason = normalize_input(reason or "")
    if not reason:
        raise ValidationError({"reason": _("请填写修改原因")})
    data = {
        **passage_as_data(passage),
        **{k: v for k, v in changes.items() if k in CORRECTABLE},
    }
    # Handing over afterwards: whom is handed over are the occupants registered then.
    hands_over = (
        data["disposition"] == Disposition.HANDED_OVER
        and passage.disposition != Disposition.HANDED_OVER
    )
    occupants = list(passage.occupants.all()) if hands_over else []
    if hands_over:
        data["occupants"] = [{"name": o.name, "id_number": o.id_number} for o in occupants]
    if "occupants_count" not in changes and passage.occupants_count > passage.occupants.count():
        data["occupants_count"] = passage.occupants_count
    context = passage_context(actor=actor, checkpoint_ids={passage.checkpoint_id})
    # Editing an old record must not fail only because its checkpoint has since closed.
    context.allow_closed = True
    context.require_named_handover = hands_over
    cleaned = passage_clean(data, context=context, actor=passage.recorded_by)
    counted_before = _counted_values(passage)
    passage._change_reason = reason[:100]
    passage._history_user = actor
    model_update(passage, fields=CORRECTED_ATTRIBUTES, data=cleaned.values)
    if hands_over:
        watch_occupants(
            [CleanPassage(values=cleaned.values, occupants=occupants, watch=WATCH_HANDOVER)],
            actor=actor,
            stored=True,
        )
    tallies_replace(counted_before, _counted_values(passage))
    return passage


def _counted_values(passage: Passage) -> dict:
    """The stored values the figures' counts are made of."""
    return {name: getattr(passage, name) for name in TALLIED_FIELDS}


@transaction.atomic
def passage_void(*, actor: Any, passage: Passage, reason: str) -> Passage:
    """Void a wrong record (never deleted): it stays visible and counts in no figure."""
    require(actor, Capability.REGISTER_PASSAGES, message=_("您无权作废通行登记"))
    _may_change(actor, passage)
    reason = normalize_input(reason or "")
    if not reason:
        raise ValidationError({"reason": _("请填写作废原因")})
    tallies_add([_counted_values(passage)], sign=-1)
    passage.voided_at, passage.voided_by, passage.void_reason = timezone.now(), actor, reason[:200]
    passage._change_reason = reason[:100]
    passage._history_user = actor
    passage.save(update_fields=["voided_at", "voided_by", "void_reason"])
    return passage
