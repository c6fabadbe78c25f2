"""Finding people: search, key-area flag, likely duplicates."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from shouwang.areas.models import KeyArea
from shouwang.areas.selectors import key_area_for_region, most_severe
from shouwang.shell.listing import filtered
from shouwang.units.scoping import bureau_of

from ..filters import PersonFilter
from ..models import Person

# Names this close (0–100, rapidfuzz ratio) at the same address are proposed as one person.
NAME_SIMILARITY = 60


def person_key_area(person: Person, on: date) -> KeyArea | None:
    """The most severe key area in force that the person's ID region, origin or travel lies in."""
    codes = {person.id_region_code}
    if person.pk:
        codes |= set(person.watch_records.values_list("origin_region_code", flat=True))
        codes |= set(person.travels.values_list("region_code", flat=True))
    return most_severe(key_area_for_region(person.unit, code, on) for code in sorted(codes - {""}))


def people_listed(user: Any, *, include_merged: bool = False) -> QuerySet[Person]:
    """The people the user may see, newest first; merged records only when asked for."""
    people = Person.objects.visible_to(user).select_related("unit", "flagged_area")
    if not include_merged:
        people = people.filter(merged_into__isnull=True)
    return people.order_by("-created_at", "-id")


def person_search(
    user: Any,
    *,
    query: str = "",
    unit_id: str = "",
    flagged: str = "",
    reason: str = "",
    status: str = "",
    include_merged: bool = False,
) -> QuerySet[Person]:
    """People the user may see; `query` is a name (either script), a full ID number or a phone."""
    return filtered(
        PersonFilter,
        people_listed(user, include_merged=include_merged),
        {"q": query, "unit": unit_id, "flagged": flagged, "reason": reason, "status": status},
        user=user,
    )


@dataclass
class DuplicateCandidate:
    person: Person
    reasons: list[str]
    score: int


def person_duplicates(person: Person, user: Any | None = None) -> list[DuplicateCandidate]:
    """Other live records that may be the same person: same ID, same phone, or a similar name
    at the same address."""
    live = (
        (
            Person.objects.visible_to(user)
            if user is not None
            else Person.objects.filter(unit__path__startswith=bureau_of(person.unit).path)
        )
        .filter(merged_into__isnull=True)
        .exclude(pk=person.pk)
        .select_related("unit")
    )
    clauses = Q(pk__in=[])
    if person.id_number_index:
        clauses |= Q(id_number_index=person.id_number_index)
    if person.phone_index:
        clauses |= Q(phone_index=person.phone_index)
    if person.current_address:
        clauses |= Q(current_address=person.current_address)
    candidates: dict[int, DuplicateCandidate] = {}
    for other in live.filter(clauses)[:200]:
        reasons = []
        if person.id_number_index and other.id_number_index == person.id_number_index:
            reasons.append("same_id")
        if person.phone_index and other.phone_index == person.phone_index:
            reasons.append("same_phone")
        similarity = int(fuzz.ratio(person.name, other.name))
        if (
            person.current_address
            and other.current_address == person.current_address
            and similarity >= NAME_SIMILARITY
        ):
            reasons.append("similar_name_same_address")
        if reasons:
            candidates[other.pk] = DuplicateCandidate(other, reasons, similarity)
    return sorted(candidates.values(), key=lambda c: (-len(c.reasons), -c.score, c.person.pk))


DUPLICATE_REASON_LABELS = {
    "same_id": "身份证号相同",
    "same_phone": "手机号相同",
    "similar_name_same_address": "姓名相近且住址相同",
}
