"""Reading rumours: the scoped list, one rumour, the matches of a message, the links of a tip."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404

from shouwang.units.scoping import scope_path_of

from .matching import Entry, current_index
from .models import Rumour, RumourSighting, RumourStatus

MATCH_LIMIT = 3


@dataclass(frozen=True)
class Match:
    rumour: Rumour
    score: float
    # Whether the reader may open the rumour's page (a published one of another unit is
    # shown by its text, as residents see it, without a link).
    openable: bool = False


def rumours_listed(user: Any) -> QuerySet[Rumour]:
    """The rumours of the user's unit and the units below it, latest change first."""
    return Rumour.objects.visible_to(user).select_related("unit", "created_by")


def rumour_for(user: Any, pk: Any) -> Rumour:
    """One rumour the user may see, or 404 (missing and out of reach alike)."""
    try:
        return rumours_listed(user).get(pk=int(pk))
    except (Rumour.DoesNotExist, TypeError, ValueError, OverflowError) as missing:
        raise Http404 from missing


def _matches(ids_scores: list[tuple[int, float]], path: str | None = None) -> list[Match]:
    rumours = Rumour.objects.select_related("unit").in_bulk([pk for pk, _ in ids_scores])
    return [
        Match(
            rumours[pk],
            score,
            openable=path is not None and rumours[pk].unit.path.startswith(path),
        )
        for pk, score in ids_scores
        if pk in rumours
    ]


def _published(entry: Entry) -> bool:
    return entry.status == RumourStatus.PUBLISHED


def matches_for_public(text: str, limit: int = MATCH_LIMIT) -> list[Match]:
    """Published rumours a message repeats, best first (what residents and tips are shown)."""
    return _matches(current_index().search(text, allowed=_published, limit=limit))


def matches_for_staff(text: str, user: Any, limit: int = MATCH_LIMIT) -> list[Match]:
    """For staff: published rumours of every unit, and drafts of the user's jurisdiction."""
    path = scope_path_of(user)
    if path is None:
        return []

    def allowed(entry: Entry) -> bool:
        return entry.status == RumourStatus.PUBLISHED or entry.unit_path.startswith(path)

    return _matches(current_index().search(text, allowed=allowed, limit=limit), path)


def rumour_for_source(source: Any, user: Any) -> Rumour | None:
    """The rumour entry a record (a tip) was turned into, if the user may see it."""
    return (
        rumours_listed(user)
        .filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
        .first()
    )


def sighting_for_source(source: Any) -> RumourSighting | None:
    """The match stored when a tip arrived (shown on the tip's page with its rumour)."""
    return (
        RumourSighting.objects.select_related("rumour", "rumour__unit")
        .filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
        .first()
    )


def rumour_sightings(rumour: Rumour, limit: int = 20) -> list[RumourSighting]:
    return list(rumour.sightings.select_related("unit", "actor")[:limit])


def source_of(rumour: Rumour) -> Any:
    """The record a rumour came from (a tip), or None."""
    if rumour.source_type_id is None:
        return None
    return rumour.source
