"""Closure orders: one order closing many venues, chosen by kind within a unit or by hand.

The order touches exactly the venues chosen, inside the issuing unit's jurisdiction and still
operating; their status, schedule, history and event rows are written in a fixed number of
statements whatever their number (one history row per venue is the only per-venue write).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity.event_dates import check_event_time
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.policy import require

from ..models import (
    OPERATING_STATUSES,
    ClosureOrder,
    ClosureOrderVenue,
    Venue,
    VenueEvent,
    VenueKind,
    VenueStatus,
)
from ..policy import VENUE_FIELD_WORK
from .transitions import closing_schedule

# An order may be issued ahead of the day it takes effect, not months ahead.
MAX_DAYS_AHEAD = 30
MAX_VENUES_BY_HAND = 5000


def _effective(moment: datetime | None) -> datetime:
    if moment is None:
        return timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    latest = timezone.now() + timedelta(days=MAX_DAYS_AHEAD)
    if moment > latest:
        raise ValidationError(
            {"effective_at": _("生效时间不能晚于%(n)s天后") % {"n": MAX_DAYS_AHEAD}}
        )
    # Not before 2019; in the future within the bound above.
    return check_event_time(moment, "effective_at", now=latest)


def closure_candidates(
    actor: Any, unit: Any, kinds: Sequence[str] = (), venue_ids: Sequence[int] = ()
):
    """The venues an order of `unit` would touch: of `kinds` in its subtree, or named by hand,
    within the actor's jurisdiction, and still operating."""
    kinds, venue_ids = list(dict.fromkeys(kinds)), list(dict.fromkeys(venue_ids))
    unknown = [kind for kind in kinds if kind not in VenueKind.values]
    if unknown:
        raise ValidationError({"kinds": _("未知的场所类别：%(k)s") % {"k": "、".join(unknown)}})
    if not kinds and not venue_ids:
        raise ValidationError({"kinds": _("请选择场所类别或具体场所")})
    if len(venue_ids) > MAX_VENUES_BY_HAND:
        raise ValidationError({"venues": _("一次最多选择%(n)s个场所") % {"n": MAX_VENUES_BY_HAND}})
    within = Venue.objects.visible_to(actor).filter(unit__path__startswith=unit.path)
    if venue_ids:
        found = set(within.filter(pk__in=venue_ids).values_list("pk", flat=True))
        missing = [pk for pk in venue_ids if pk not in found]
        if missing:
            raise ValidationError(
                {
                    "venues": _("以下场所不在该单位辖区内：%(ids)s")
                    % {"ids": "、".join(str(pk) for pk in missing[:20])}
                }
            )
    chosen = within.filter(status__in=OPERATING_STATUSES)
    if kinds and venue_ids:
        return chosen.filter(Q(kind__in=kinds) | Q(pk__in=venue_ids))
    if kinds:
        return chosen.filter(kind__in=kinds)
    return chosen.filter(pk__in=venue_ids)


@transaction.atomic
def closure_order_issue(
    *,
    actor: Any,
    unit: Any,
    legal_basis: str,
    kinds: Sequence[str] = (),
    venue_ids: Sequence[int] = (),
    effective_at: datetime | None = None,
    document_number: str = "",
    note: str = "",
) -> ClosureOrder:
    """Order the chosen venues closed; each gets its entry (awaiting acknowledgement), its
    status change, a daily re-inspection schedule from the effective day, an event and history."""
    require(actor, Capability.ORDER_CLOSURES, unit, message=_("您无权下达关停令"))
    legal_basis = check_text(legal_basis, "legal_basis", 300, required=True)
    document_number = check_text(document_number, "document_number", 50)
    note = check_text(note, "note", 300)
    effective = _effective(effective_at)
    venues = list(
        closure_candidates(actor, unit, kinds, venue_ids).select_for_update().order_by("pk")
    )
    if not venues:
        raise ValidationError({"venues": _("所选范围内没有正在营业的场所")})
    order = ClosureOrder.objects.create(
        unit=unit,
        document_number=document_number,
        legal_basis=legal_basis,
        effective_at=effective,
        kinds=list(dict.fromkeys(kinds)),
        note=note,
        issued_by=actor,
        venues_count=len(venues),
    )
    now = timezone.now()
    previous = {venue.pk: venue.status for venue in venues}
    for venue in venues:
        venue.status, venue.status_changed_at = VenueStatus.ORDERED_CLOSED, now
        closing_schedule(venue, effective)
    Venue.objects.bulk_update(
        venues,
        ["status", "status_changed_at", "inspection_every_days", "next_inspection_on"],
        batch_size=500,
    )
    reason = (_("关停令：%(basis)s") % {"basis": legal_basis})[:100]
    Venue.history.bulk_history_create(
        venues, update=True, default_user=actor, default_change_reason=reason, batch_size=500
    )
    ClosureOrderVenue.objects.bulk_create(
        [ClosureOrderVenue(order=order, venue=venue) for venue in venues], batch_size=500
    )
    VenueEvent.objects.bulk_create(
        [
            VenueEvent(
                venue=venue,
                from_status=previous[venue.pk],
                to_status=VenueStatus.ORDERED_CLOSED,
                effective_at=effective,
                actor=actor,
                note=legal_basis,
                order=order,
            )
            for venue in venues
        ],
        batch_size=500,
    )
    return order


@transaction.atomic
def closure_acknowledge(
    *,
    actor: Any,
    entry: ClosureOrderVenue,
    name: str,
    acknowledged_at: datetime | None = None,
    note: str = "",
) -> ClosureOrderVenue:
    """Record that the venue's owner received the order (name of who signed, when)."""
    require(actor, VENUE_FIELD_WORK, entry.venue.unit, message=_("您无权登记签收"))
    name = check_text(name, "name", 50, required=True)
    note = check_text(note, "note", 200)
    moment = acknowledged_at or timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    check_event_time(moment, "acknowledged_at")
    entry = (
        ClosureOrderVenue.objects.select_for_update().select_related("venue__unit").get(pk=entry.pk)
    )
    if entry.acknowledged_at is not None:
        raise Conflict({"name": _("该场所已签收")})
    model_update(
        entry,
        fields=("acknowledged_at", "acknowledged_name", "acknowledgement_note", "recorded_by"),
        data={
            "acknowledged_at": moment,
            "acknowledged_name": name,
            "acknowledgement_note": note,
            "recorded_by": actor,
        },
    )
    return entry
