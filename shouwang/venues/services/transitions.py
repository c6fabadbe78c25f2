"""A venue's status: which change is allowed, who may make it, and its event and history rows.

open → ordered closed (the closing authority) → closure confirmed (an inspector sees it shut)
→ reopened, only by approval of the closing authority (ORDER_CLOSURES: chiefs, commander);
a reopened venue may be ordered closed again. Every change writes a `VenueEvent` (who, when,
why, the order or case behind it) and a history row, in the same transaction.
"""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity.plain_text import check_text
from shouwang.units.policy import Policy, require

from ..models import OPERATING_STATUSES, Venue, VenueEvent, VenueStatus

S = VenueStatus
ALLOWED = {
    S.OPEN: {S.ORDERED_CLOSED},
    S.ORDERED_CLOSED: {S.CLOSURE_CONFIRMED, S.REOPENED},
    S.CLOSURE_CONFIRMED: {S.REOPENED},
    S.REOPENED: {S.ORDERED_CLOSED},
}
# The rule of each target status: closing and reopening are the closing authority's.
RULES = {
    S.ORDERED_CLOSED: Policy.all(Capability.ORDER_CLOSURES),
    S.CLOSURE_CONFIRMED: Policy.any(Capability.MANAGE_VENUES, Capability.INSPECT_VENUES),
    S.REOPENED: Policy.all(Capability.ORDER_CLOSURES),
}
REFUSALS = {
    S.ORDERED_CLOSED: gettext_lazy("您无权责令关停场所"),
    S.CLOSURE_CONFIRMED: gettext_lazy("您无权确认关停"),
    S.REOPENED: gettext_lazy("复业须经所长或指挥部批准"),
}


def closing_schedule(venue: Venue, effective: datetime) -> None:
    """A venue ordered closed is re-inspected daily (or as set) from the day it takes effect."""
    venue.inspection_every_days = venue.inspection_every_days or 1
    venue.next_inspection_on = timezone.localtime(effective).date()


@transaction.atomic
def venue_transition(
    *, actor: Any, venue: Venue, status: str, note: str = "", effective_at: datetime | None = None
) -> VenueEvent:
    """Change one venue's status; reopening takes the approving capability (else 403)."""
    if status not in RULES:
        raise ValidationError({"status": _("不能设为该状态")})
    require(actor, RULES[status], venue.unit, message=str(REFUSALS[status]))
    note = check_text(note, "note", 300)
    if status == S.REOPENED and not note:
        raise ValidationError({"note": _("批准复业须写明依据（如整改验收情况）")})
    venue = Venue.objects.select_for_update().select_related("unit").get(pk=venue.pk)
    return apply_transition(
        actor=actor, venue=venue, status=status, note=note, effective_at=effective_at
    )


def apply_transition(
    *,
    actor: Any,
    venue: Venue,
    status: str,
    note: str,
    effective_at: datetime | None = None,
    case: Any = None,
) -> VenueEvent:
    """The change itself, on a locked venue whose change the caller has authorised."""
    if status == venue.status:
        raise Conflict({"status": _("场所已是“%(s)s”状态") % {"s": VenueStatus(status).label}})
    if status not in ALLOWED[venue.status]:
        raise ValidationError(
            {
                "status": _("场所不能从“%(a)s”变为“%(b)s”")
                % {"a": VenueStatus(venue.status).label, "b": VenueStatus(status).label}
            }
        )
    now = timezone.now()
    effective = effective_at or now
    previous = venue.status
    venue.status, venue.status_changed_at = status, now
    fields = ["status", "status_changed_at"]
    if status == S.ORDERED_CLOSED:
        closing_schedule(venue, effective)
        fields += ["inspection_every_days", "next_inspection_on"]
    elif status == S.REOPENED:
        venue.next_inspection_on = None  # open again: no more re-inspections due
        fields.append("next_inspection_on")
    venue._history_user = actor
    venue._change_reason = note[:100]
    venue.save(update_fields=fields)
    return VenueEvent.objects.create(
        venue=venue,
        from_status=previous,
        to_status=status,
        effective_at=effective,
        actor=actor,
        note=note,
        case=case,
    )


def close_venues_of_decided_case(*, actor: Any, case: Any) -> None:
    """A decision with forced closure closes the case's operating venue parties (cases.links)."""
    if not case.forced_closure:
        return
    venue_ids = case.parties.filter(
        subject_type=ContentType.objects.get_for_model(Venue)
    ).values_list("subject_id", flat=True)
    venues = Venue.objects.select_for_update().filter(
        pk__in=list(venue_ids), status__in=OPERATING_STATUSES
    )
    for venue in venues.order_by("pk"):
        apply_transition(
            actor=actor,
            venue=venue,
            status=S.ORDERED_CLOSED,
            note=_("案件%(n)s决定强制关停") % {"n": case.number},
            case=case,
        )
