"""Writing the supplies ledger: items, donors, movements and their reversals.

Every movement changes its unit's `Stock` row in the same transaction, the row locked
(`select_for_update`) while the new balance is decided: twenty officers issuing the last
masks at once end with exactly the masks there were, the others refused with `Conflict` (409).
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.identity.event_dates import check_event_time
from shouwang.identity.names import person_name_error
from shouwang.identity.plain_text import check_text
from shouwang.privacy.identifiers import identifier_values
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from .models import (
    INCOMING,
    RECORDED_KINDS,
    Donor,
    Item,
    ItemCategory,
    Movement,
    MovementKind,
    Stock,
)
from .policy import SUPPLY_WRITE

# A typing slip (an extra row of zeros) is not a delivery: no single movement exceeds this.
MAX_QUANTITY = 10_000_000
REFUSAL = _("您无权管理物资")
UNIT_REFUSAL = _("只能管理本单位或下级单位的物资")


def item_usable_at(item: Item, unit: Unit) -> bool:
    """A unit uses the items of its own catalogue and of the units above it."""
    return unit.path.startswith(item.unit.path)


@transaction.atomic
def item_create(
    *,
    actor,
    unit: Unit,
    name: str,
    unit_of_measure: str,
    category: str,
    low_stock_threshold: int = 0,
) -> Item:
    """Add an item to a unit's catalogue (its stations and posts use it too)."""
    require(actor, SUPPLY_WRITE, unit, message=REFUSAL, unit_message=UNIT_REFUSAL)
    name = check_text(name, "name", 60, required=True)
    unit_of_measure = check_text(unit_of_measure, "unit_of_measure", 10, required=True)
    errors = {}
    if category not in ItemCategory.values:
        errors["category"] = _("未知的物资类别")
    if not isinstance(low_stock_threshold, int) or not 0 <= low_stock_threshold <= MAX_QUANTITY:
        errors["low_stock_threshold"] = _("警戒值应在0至%(n)s之间") % {"n": MAX_QUANTITY}
    if Item.objects.filter(unit=unit, name=name).exists():
        errors["name"] = _("本单位已有同名物资")
    if errors:
        raise ValidationError(errors)
    return Item.objects.create(
        unit=unit,
        name=name,
        unit_of_measure=unit_of_measure,
        category=category,
        low_stock_threshold=low_stock_threshold,
        created_by=actor,
    )


@transaction.atomic
def item_threshold_set(*, actor, item: Item, low_stock_threshold: int) -> Item:
    """Change an item's low-stock threshold (by its own unit or one above it)."""
    require(actor, SUPPLY_WRITE, item.unit, message=REFUSAL, unit_message=UNIT_REFUSAL)
    if not 0 <= low_stock_threshold <= MAX_QUANTITY:
        raise ValidationError(
            {"low_stock_threshold": _("警戒值应在0至%(n)s之间") % {"n": MAX_QUANTITY}}
        )
    item, _changed = model_update(
        item, fields=["low_stock_threshold"], data={"low_stock_threshold": low_stock_threshold}
    )
    return item


def donor_find_or_create(*, actor, unit: Unit, details: Mapping[str, Any]) -> Donor:
    """The donor of a unit known by these details (by mobile when given, else by name and
    organisation), or a new one. Called inside the movement's transaction."""
    name = check_text(details.get("name"), "donor.name", 60, required=True)
    if person_name_error(name):
        raise ValidationError({"donor.name": person_name_error(name)})
    organisation = check_text(details.get("organisation"), "donor.organisation", 100)
    identifiers = identifier_values(phone=details.get("contact") or "", phone_field="donor.contact")
    known = Donor.objects.select_for_update().filter(unit=unit, name=name)
    if identifiers.phone_index:
        found = known.filter(contact_index=identifiers.phone_index).first()
    else:
        found = known.filter(organisation=organisation, contact_index="").first()
    if found is not None:
        return found
    return Donor.objects.create(
        unit=unit,
        name=name,
        organisation=organisation,
        contact=identifiers.phone,
        contact_index=identifiers.phone_index,
    )


def _checked_quantity(quantity: Any) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({"quantity": _("数量必须是整数")})
    if quantity < 1:
        raise ValidationError({"quantity": _("数量至少为1")})
    if quantity > MAX_QUANTITY:
        raise ValidationError({"quantity": _("数量过大，单次最多%(n)s") % {"n": MAX_QUANTITY}})
    return quantity


def _apply(unit: Unit, item: Item, delta: int) -> int:
    """Add `delta` to the unit's stock of the item, its row locked; Conflict below zero.

    Returns the new balance.
    """
    rows = Stock.objects.select_for_update()
    if delta >= 0:
        stock, _created = rows.get_or_create(unit=unit, item=item)
    else:
        stock = rows.filter(unit=unit, item=item).first()
    available = stock.quantity if stock is not None else 0
    if available + delta < 0:
        raise Conflict(
            {
                "quantity": _("%(unit)s的%(item)s库存不足：现有%(n)s%(uom)s，需要%(need)s%(uom)s")
                % {
                    "unit": unit.name,
                    "item": item.name,
                    "n": available,
                    "need": -delta,
                    "uom": item.unit_of_measure,
                }
            }
        )
    Stock.objects.filter(pk=stock.pk).update(
        quantity=F("quantity") + delta, updated_at=timezone.now()
    )
    return available + delta


def _apply_all(changes: list[tuple[Unit, Item, int]]) -> None:
    """Several stock changes, their rows locked in one order (unit id) so that two transfers
    in opposite directions cannot deadlock."""
    for unit, item, delta in sorted(changes, key=lambda change: (change[0].pk, change[1].pk)):
        _apply(unit, item, delta)


def _other_unit(actor, unit: Unit, to_unit: Unit | None, item: Item, kind: str) -> Unit | None:
    if to_unit is None:
        if kind == MovementKind.TRANSFERRED:
            raise ValidationError({"to_unit": _("请选择调入单位")})
        return None
    if kind not in (MovementKind.TRANSFERRED, MovementKind.ISSUED):
        raise ValidationError({"to_unit": _("只有发放和调拨需要选择对方单位")})
    if not unit_is_visible_to(to_unit, actor) or not to_unit.is_active:
        raise ValidationError({"to_unit": _("只能调拨或发放到本单位及下级单位")})
    if kind == MovementKind.TRANSFERRED:
        if to_unit.pk == unit.pk:
            raise ValidationError({"to_unit": _("调入单位不能是调出单位本身")})
        if not item_usable_at(item, to_unit):
            raise ValidationError({"to_unit": _("调入单位不使用该物资目录")})
    return to_unit


@transaction.atomic
def movement_record(
    *,
    actor,
    unit: Unit,
    item: Item,
    kind: str,
    quantity: int,
    to_unit: Unit | None = None,
    donor: Donor | None = None,
    donor_details: Mapping[str, Any] | None = None,
    recipient: str = "",
    reason: str = "",
    note: str = "",
    occurred_at: datetime | None = None,
) -> Movement:
    """Write one movement of the unit's stock (a transfer writes its two halves) and change the
    balances in the same transaction; Conflict (409) when a balance would fall below zero."""
    require(actor, SUPPLY_WRITE, unit, message=REFUSAL, unit_message=UNIT_REFUSAL)
    if kind not in RECORDED_KINDS:
        raise ValidationError({"kind": _("类型应为入库、受赠、发放、调拨或报损")})
    quantity = _checked_quantity(quantity)
    if not item_usable_at(item, unit):
        raise ValidationError({"item": _("该单位的物资目录中没有此物资")})
    other = _other_unit(actor, unit, to_unit, item, kind)
    recipient = check_text(recipient, "recipient", 60)
    if person_name_error(recipient):
        raise ValidationError({"recipient": person_name_error(recipient)})
    if recipient and kind != MovementKind.ISSUED:
        raise ValidationError({"recipient": _("只有发放需要填写领用人")})
    reason = check_text(reason, "reason", 200, required=kind == MovementKind.WRITTEN_OFF)
    note = check_text(note, "note", 200)
    now = timezone.now()
    occurred_at = check_event_time(occurred_at or now, "occurred_at", now=now)
    if kind == MovementKind.DONATED:
        if donor is None and not donor_details:
            raise ValidationError({"donor": _("受赠须填写捐赠人")})
        if donor is not None and not unit_is_visible_to(donor.unit, actor):
            raise ValidationError({"donor": _("未找到该捐赠人")})
        if donor is None:
            donor = donor_find_or_create(actor=actor, unit=unit, details=donor_details or {})
    elif donor is not None or donor_details:
        raise ValidationError({"donor": _("只有受赠需要填写捐赠人")})

    delta = quantity if kind in INCOMING else -quantity
    changes = [(unit, item, delta)]
    if kind == MovementKind.TRANSFERRED:
        changes.append((other, item, quantity))
    _apply_all(changes)
    common = {"item": item, "quantity": quantity, "occurred_at": occurred_at, "note": note}
    movement = Movement.objects.create(
        **common,
        unit=unit,
        kind=kind,
        delta=delta,
        other_unit=other,
        donor=donor,
        recipient=recipient,
        reason=reason,
        recorded_by=actor,
    )
    if kind == MovementKind.TRANSFERRED:
        Movement.objects.create(
            **common,
            unit=other,
            kind=MovementKind.TRANSFERRED_IN,
            delta=quantity,
            other_unit=unit,
            transfer_of=movement,
            recorded_by=actor,
        )
    return movement


@transaction.atomic
def movement_reverse(*, actor, movement: Movement, reason: str) -> Movement:
    """Undo a movement by its opposite, naming it and why; a transfer is undone on both sides.

    The ledger keeps both lines; a movement is reversed once (the database holds it), a
    reversal is never reversed (record the movement again instead).
    """
    original = movement.transfer_of if movement.kind == MovementKind.TRANSFERRED_IN else movement
    # Locked: of two officers reversing the same line at once, the second finds it reversed.
    targets = list(
        Movement.objects.select_for_update()
        .filter(Q(pk=original.pk) | Q(transfer_of=original.pk))
        .order_by("pk")
    )
    for target in targets:
        require(actor, SUPPLY_WRITE, target.unit, message=REFUSAL, unit_message=UNIT_REFUSAL)
    reason = check_text(reason, "reason", 200, required=True)
    if original.kind == MovementKind.REVERSAL:
        raise ValidationError({"reason": _("冲正记录不能再冲正，请重新登记")})
    if Movement.objects.filter(reverses__in=[target.pk for target in targets]).exists():
        raise Conflict({"reason": _("该记录已冲正")})
    _apply_all([(target.unit, target.item, -target.delta) for target in targets])
    now = timezone.now()
    reversals = [
        Movement.objects.create(
            unit=target.unit,
            item=target.item,
            kind=MovementKind.REVERSAL,
            quantity=target.quantity,
            delta=-target.delta,
            other_unit=target.other_unit,
            reverses=target,
            reason=reason,
            occurred_at=now,
            recorded_by=actor,
        )
        for target in targets
    ]
    return reversals[0]


@transaction.atomic
def donor_thank(*, actor, donor: Donor) -> Donor:
    """Record that the donor has been thanked (the page gives the text to send)."""
    require(actor, SUPPLY_WRITE, donor.unit, message=REFUSAL, unit_message=UNIT_REFUSAL)
    donor.thanked_at = timezone.now()
    donor.thanked_by = actor
    donor.save(update_fields=["thanked_at", "thanked_by"])
    return donor
