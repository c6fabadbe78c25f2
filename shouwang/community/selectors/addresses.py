"""Reads of addresses and households: scoped lists, a household's page, a building's rooms."""

import re
from typing import Any

from django.db.models import Prefetch, QuerySet

from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..filters import HouseholdFilter
from ..models import Building, Household, HouseholdMember, Visit, VisitFinding
from ..services.common import HOUSEHOLD_UNIT_KINDS

PASSAGES_SHOWN = 20


def households_listed(user: Any) -> QuerySet[Household]:
    """The households the user may see, by address (filtered by `filters.HouseholdFilter`)."""
    return (
        Household.objects.visible_to(user)
        .select_related("unit", "building")
        .prefetch_related(Prefetch("members", queryset=HouseholdMember.objects.order_by("id")))
        .order_by("unit__path", "building__name", "entrance", "room", "id")
    )


def household_search(user: Any, **params: Any) -> QuerySet[Household]:
    return filtered(HouseholdFilter, households_listed(user), params, user=user)


def household_units(user: Any) -> QuerySet[Unit]:
    """The communities and villages in the user's jurisdiction."""
    return (
        Unit.objects.visible_to(user)
        .filter(kind__in=HOUSEHOLD_UNIT_KINDS, is_active=True)
        .order_by("path")
    )


def household_for_page(user: Any, pk: int) -> Household:
    return get_visible_or_404(Household.objects.select_related("unit", "building"), user, pk=pk)


def member_for_page(user: Any, pk: int) -> HouseholdMember:
    return get_visible_or_404(
        HouseholdMember.objects.select_related("household__unit", "household__building"),
        user,
        pk=pk,
    )


def visit_for_page(user: Any, pk: int) -> Visit:
    return get_visible_or_404(Visit.objects.select_related("unit"), user, pk=pk)


def household_visits(household: Household) -> QuerySet[Visit]:
    return (
        household.visits.select_related("campaign", "point", "recorded_by", "voided_by")
        .prefetch_related("visitors")
        .order_by("-visited_at", "-id")
    )


def household_findings(household: Household) -> QuerySet[VisitFinding]:
    """Who visits found here, with the watch record each made or linked."""
    return (
        VisitFinding.objects.filter(visit__household=household)
        .select_related("visit", "watch_record", "watch_record__person")
        .order_by("-visit__visited_at", "-id")
    )


def household_members(household: Household) -> QuerySet[HouseholdMember]:
    return household.members.select_related("person").order_by("id")


def plate_passages(user: Any, plates: list[str]) -> list[Any]:
    """The last passages of the household's plates at checkpoints the user sees."""
    if not plates:
        return []
    from shouwang.checkpoints.selectors import passages_listed

    return list(passages_listed(user).filter(plate__in=plates)[:PASSAGES_SHOWN])


def _room_key(room: str) -> tuple:
    """ "1201" after "302": rooms by their numbers, as on the doors."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"\d+|\D+", room))


def building_rooms(building: Building) -> list[tuple[str, list[Household]]]:
    """The building's households by entrance (单元), rooms in door order."""
    entrances: dict[str, list[Household]] = {}
    for household in building.households.order_by("entrance", "room"):
        household.building = building
        entrances.setdefault(household.entrance, []).append(household)
    return [
        (entrance, sorted(rooms, key=lambda h: _room_key(h.room)))
        for entrance, rooms in sorted(entrances.items(), key=lambda item: _room_key(item[0]))
    ]
