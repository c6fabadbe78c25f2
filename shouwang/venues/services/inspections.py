"""Re-inspections and price checks; a violation or a finding opens its case in the same step.

The case is opened through the cases area's service with the inspection (or price check) as its
source, and the record points back at its case: linked both ways, written together or not at
all. A record opens at most one case (cases holds that in the database).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.cases.models import CaseKind, PartyRole
from shouwang.cases.services import Party, Upload, case_open, evidence_store
from shouwang.identity.event_dates import check_event_time
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.policy import require

from ..models import (
    CLOSED_STATUSES,
    Inspection,
    InspectionResult,
    PriceCheck,
    PriceItem,
    Venue,
)
from ..policy import PRICE_SETTINGS

MAX_PRICE = Decimal("99999999.99")
MAX_THRESHOLD_PERCENT = 1000
CENT = Decimal("0.01")


def _moment(value: datetime | None, field: str) -> datetime:
    moment = value or timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return check_event_time(moment, field)


def _venue_party(venue: Venue) -> Party:
    return Party(
        role=PartyRole.OPERATOR, name=venue.name, credit_code=venue.credit_code, subject=venue
    )


def _advance_schedule(venue: Venue, day) -> None:
    """An inspection on `day` satisfies the schedule: next due `every` days later (never earlier
    than already due, so a late entry for an old day does not bring the next one forward)."""
    if venue.next_inspection_on is None or not venue.inspection_every_days:
        return
    following = day + timedelta(days=venue.inspection_every_days)
    if following > venue.next_inspection_on:
        venue.next_inspection_on = following
        venue.save(update_fields=["next_inspection_on"])


def default_case_kind(venue: Venue) -> str:
    """A closed venue found operating defies the order; otherwise the inspector says what it is."""
    return CaseKind.DEFYING_ORDER if venue.status in CLOSED_STATUSES else CaseKind.OBSTRUCTING


@transaction.atomic
def inspection_record(
    *,
    actor: Any,
    venue: Venue,
    result: str,
    notes: str = "",
    inspected_at: datetime | None = None,
    unannounced: bool = False,
    case_kind: str | None = None,
    photos: Iterable[Upload] = (),
) -> Inspection:
    """Record an inspection with its photos; a violation opens one case, linked both ways."""
    require(actor, Capability.INSPECT_VENUES, venue.unit, message=_("您无权检查场所"))
    if result not in InspectionResult.values:
        raise ValidationError({"result": _("检查结果应为合规或违规")})
    notes = check_text(notes, "notes", 500)
    if result == InspectionResult.VIOLATION and not notes:
        raise ValidationError({"notes": _("违规须写明检查情况（将作为案情）")})
    if case_kind is not None and case_kind not in CaseKind.values:
        raise ValidationError({"case_kind": _("案件类别不正确")})
    moment = _moment(inspected_at, "inspected_at")
    venue = Venue.objects.select_for_update().select_related("unit").get(pk=venue.pk)
    inspection = Inspection.objects.create(
        venue=venue,
        inspected_at=moment,
        inspector=actor,
        result=result,
        notes=notes,
        unannounced=unannounced,
    )
    photos = list(photos)
    if photos:
        evidence_store(
            actor=actor, subject=inspection, unit=venue.unit, uploads=photos, field="photos"
        )
    _advance_schedule(venue, timezone.localtime(moment).date())
    if result == InspectionResult.VIOLATION:
        inspection.case = case_open(
            actor=actor,
            unit=venue.unit,
            kind=case_kind or default_case_kind(venue),
            facts=_("%(venue)s（%(kind)s）：%(notes)s")
            % {"venue": venue.name, "kind": venue.get_kind_display(), "notes": notes},
            occurred_at=moment,
            place=venue.address,
            parties=[_venue_party(venue)],
            source=inspection,
        )
        inspection.save(update_fields=["case"])
    return inspection


# --- prices --------------------------------------------------------------------------------------


def _price(value: Any, field: str, *, positive: bool) -> Decimal:
    try:
        price = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("请填写金额（元）")}) from None
    if not price.is_finite() or price > MAX_PRICE or price < 0 or (positive and price == 0):
        raise ValidationError({field: _("金额应为大于0且不超过1亿的数字")})
    return price


def _threshold(value: Any) -> int:
    try:
        percent = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"threshold_percent": _("请填写百分比")}) from None
    if not 0 <= percent <= MAX_THRESHOLD_PERCENT:
        raise ValidationError(
            {"threshold_percent": _("阈值应为0至%(n)s") % {"n": MAX_THRESHOLD_PERCENT}}
        )
    return percent


def is_gouging(observed: Decimal, reference: Decimal, threshold_percent: int) -> bool:
    """Whether `observed` is more than `threshold_percent` above `reference` (exact, in cents)."""
    return observed * 100 > reference * (100 + threshold_percent)


@transaction.atomic
def price_item_save(
    *,
    actor: Any,
    name: str,
    unit_of_sale: str,
    reference_price: Any,
    threshold_percent: Any,
    note: str = "",
) -> PriceItem:
    """Set an item's reference price and gouging threshold for the actor's unit and below."""
    require(actor, PRICE_SETTINGS, actor.unit, message=_("您无权设置参考价"))
    name = check_text(name, "name", 50, required=True)
    unit_of_sale = check_text(unit_of_sale, "unit_of_sale", 20, required=True)
    values = {
        "reference_price": _price(reference_price, "reference_price", positive=True),
        "threshold_percent": _threshold(threshold_percent),
        "note": check_text(note, "note", 200),
    }
    item, created = PriceItem.objects.select_for_update().get_or_create(
        unit=actor.unit, name=name, unit_of_sale=unit_of_sale, defaults=values
    )
    if not created:
        item._history_user = actor
        model_update(item, fields=values, data=values)
    return item


def _percent_over(observed: Decimal, reference: Decimal) -> int:
    return int(((observed - reference) * 100 / reference).to_integral_value(ROUND_HALF_UP))


@transaction.atomic
def price_check_record(
    *,
    actor: Any,
    venue: Venue,
    observed_price: Any,
    item: PriceItem | None = None,
    item_name: str = "",
    unit_of_sale: str = "",
    reference_price: Any = None,
    threshold_percent: Any = None,
    quality_issue: str = "",
    notes: str = "",
    checked_at: datetime | None = None,
) -> PriceCheck:
    """Record a price (and quality) check; gouging or a quality issue opens a case."""
    require(actor, Capability.INSPECT_VENUES, venue.unit, message=_("您无权检查场所"))
    if item is not None:
        item_name, unit_of_sale = item.name, item.unit_of_sale
        reference_price = item.reference_price if reference_price is None else reference_price
        threshold_percent = (
            item.threshold_percent if threshold_percent is None else threshold_percent
        )
    item_name = check_text(item_name, "item_name", 50, required=True)
    unit_of_sale = check_text(unit_of_sale, "unit_of_sale", 20, required=True)
    observed = _price(observed_price, "observed_price", positive=False)
    reference = _price(reference_price, "reference_price", positive=True)
    percent = _threshold(threshold_percent if threshold_percent is not None else 0)
    quality_issue = check_text(quality_issue, "quality_issue", 200)
    notes = check_text(notes, "notes", 300)
    moment = _moment(checked_at, "checked_at")
    check = PriceCheck.objects.create(
        venue=venue,
        item=item,
        item_name=item_name,
        unit_of_sale=unit_of_sale,
        observed_price=observed,
        reference_price=reference,
        threshold_percent=percent,
        gouging=is_gouging(observed, reference, percent),
        quality_issue=quality_issue,
        notes=notes,
        checked_at=moment,
        checker=actor,
    )
    if check.is_finding:
        facts = []
        if check.gouging:
            facts.append(
                _(
                    "%(item)s每%(per)s售价%(price)s元，参考价%(ref)s元，"
                    "高出%(over)s%%（哄抬阈值%(limit)s%%）"
                )
                % {
                    "item": item_name,
                    "per": unit_of_sale,
                    "price": observed,
                    "ref": reference,
                    "over": _percent_over(observed, reference),
                    "limit": percent,
                }
            )
        if quality_issue:
            facts.append(_("质量问题：%(q)s") % {"q": quality_issue})
        if notes:
            facts.append(notes)
        check.case = case_open(
            actor=actor,
            unit=venue.unit,
            kind=CaseKind.PRICE_GOUGING if check.gouging else CaseKind.OTHER,
            facts=f"{venue.name}：" + "；".join(facts),
            occurred_at=moment,
            place=venue.address,
            parties=[_venue_party(venue)],
            source=check,
        )
        check.save(update_fields=["case"])
    return check
