"""Reading venues: the scoped lists, a venue's record, the due list and the figures."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from shouwang.cases.selectors import case_figures, cases_of_subject, evidence_of
from shouwang.shell.listing import filtered
from shouwang.shell.periods import period_q
from shouwang.units.models import Unit

from .filters import VenueFilter
from .models import (
    ClosureOrder,
    ClosureOrderVenue,
    Inspection,
    InspectionResult,
    PriceCheck,
    PriceItem,
    Venue,
    VenueEvent,
    VenueKind,
    VenueStatus,
)


def venues_listed(user: Any) -> QuerySet[Venue]:
    return Venue.objects.visible_to(user).select_related("unit", "officer")


def venue_search(user: Any, params: dict[str, Any]) -> QuerySet[Venue]:
    return filtered(VenueFilter, venues_listed(user), params, user=user)


def closure_orders_readable(user: Any) -> QuerySet[ClosureOrder]:
    """Orders issued within the user's jurisdiction, and those closing one of his venues (a
    county order read by the station that delivers it)."""
    touching = ClosureOrderVenue.objects.visible_to(user).values("order")
    return ClosureOrder.objects.filter(
        Q(pk__in=ClosureOrder.objects.visible_to(user).values("pk")) | Q(pk__in=touching)
    ).select_related("unit", "issued_by")


def order_entries(order: ClosureOrder, user: Any) -> QuerySet[ClosureOrderVenue]:
    """The order's venues the user may see, with their acknowledgement."""
    return (
        ClosureOrderVenue.objects.visible_to(user)
        .filter(order=order)
        .select_related("venue__unit", "recorded_by")
        .order_by("venue__unit__path", "venue__name", "pk")
    )


@dataclass
class VenueRecord:
    """What a venue's page shows besides the venue itself."""

    events: QuerySet
    entries: QuerySet
    inspections: list
    price_checks: QuerySet
    cases: QuerySet


def venue_record(venue: Venue, user: Any) -> VenueRecord:
    inspections = list(venue.inspections.select_related("inspector", "case")[:50])
    photos: dict[int, list] = {}
    for file in evidence_of(*inspections).order_by("uploaded_at", "pk"):
        photos.setdefault(file.subject_id, []).append(file)
    for inspection in inspections:
        inspection.photos = photos.get(inspection.pk, [])
    return VenueRecord(
        events=venue.events.select_related("actor", "order", "case"),
        entries=venue.closure_entries.select_related("order", "recorded_by"),
        inspections=inspections,
        price_checks=venue.price_checks.select_related("checker", "case")[:50],
        cases=cases_of_subject(venue, user),
    )


def price_items_readable(user: Any) -> QuerySet[PriceItem]:
    """The watched items of the user's unit and of the units above it (the bureau's list)."""
    return PriceItem.objects.readable_by(user).select_related("unit").order_by("name", "unit__path")


# --- the due list --------------------------------------------------------------------------------


@dataclass
class DueList:
    day: date
    venues: list[Venue]
    overdue: int
    done_today: int


def inspections_due(
    user: Any, *, day: date, unit: Unit | None = None, officer_id: int | None = None
) -> DueList:
    """Venues whose re-inspection falls due on or before `day` and has not been done; a venue
    due before `day` is overdue by `days_overdue`. Also: venues inspected on `day`."""
    venues = Venue.objects.visible_to(user).filter(next_inspection_on__lte=day)
    inspected = Inspection.objects.visible_to(user).filter(period_q("inspected_at", day, day))
    if unit is not None:
        venues = venues.filter(unit__path__startswith=unit.path)
        inspected = inspected.filter(venue__unit__path__startswith=unit.path)
    if officer_id is not None:
        venues = venues.filter(officer_id=officer_id)
        inspected = inspected.filter(venue__officer_id=officer_id)
    due = list(
        venues.select_related("unit", "officer").order_by(
            "next_inspection_on", "unit__path", "name"
        )
    )
    for venue in due:
        venue.days_overdue = (day - venue.next_inspection_on).days
    return DueList(
        day=day,
        venues=due,
        overdue=sum(1 for venue in due if venue.days_overdue > 0),
        done_today=inspected.values("venue").distinct().count(),
    )


# --- figures -------------------------------------------------------------------------------------


def venue_figures(
    user: Any,
    *,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[str, Any]:
    """The venue figures of the daily report for a unit (default the user's) and period.

    Closed: venues ordered closed with effect in the period (each once), by kind; inspections
    and violations made in the period; the cases of the period by kind and their fines
    (cases.selectors.case_figures, by the day each case happened).
    """
    unit = unit or user.unit
    path = unit.path
    closures = (
        VenueEvent.objects.visible_to(user)
        .filter(
            venue__unit__path__startswith=path,
            to_status=VenueStatus.ORDERED_CLOSED,
        )
        .filter(period_q("effective_at", date_from, date_to))
        .values("venue__kind")
        .annotate(n=Count("venue", distinct=True))
        .order_by()
    )
    closed = dict.fromkeys(VenueKind.values, 0) | {row["venue__kind"]: row["n"] for row in closures}
    checks = (
        Inspection.objects.visible_to(user)
        .filter(venue__unit__path__startswith=path)
        .filter(period_q("inspected_at", date_from, date_to))
        .aggregate(
            inspections=Count("pk"),
            violations=Count("pk", filter=Q(result=InspectionResult.VIOLATION)),
            unannounced=Count("pk", filter=Q(unannounced=True)),
        )
    )
    prices = (
        PriceCheck.objects.visible_to(user)
        .filter(venue__unit__path__startswith=path)
        .filter(period_q("checked_at", date_from, date_to))
        .aggregate(
            price_checks=Count("pk"),
            gouging=Count("pk", filter=Q(gouging=True)),
        )
    )
    cases = case_figures(user, unit=unit, date_from=date_from, date_to=date_to)
    now_closed = (
        Venue.objects.visible_to(user)
        .filter(
            unit__path__startswith=path,
            status__in=(VenueStatus.ORDERED_CLOSED, VenueStatus.CLOSURE_CONFIRMED),
        )
        .count()
    )
    return {
        "venues_closed_by_kind": closed,
        "venues_closed": sum(closed.values()),
        "venues_closed_now": now_closed,
        "inspections": checks["inspections"],
        "violations": checks["violations"],
        "unannounced_inspections": checks["unannounced"],
        "price_checks": prices["price_checks"],
        "price_gouging": prices["gouging"],
        "cases_by_kind": cases.by_kind,
        "cases": cases.count,
        "fines_total": cases.fines_total,
    }
