"""A campaign's coverage for any unit of the tree, from the counts kept as visits are recorded.

Households visited are the kept rows of `CampaignHousehold` (one per household, however often
visited), counted where each household lives now; households in total are counted by unit
through the household-unit index. Both are grouped by unit in the database and rolled up here:
a bureau's board is a few hundred small groups, not a million visits.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.http import Http404

from shouwang.bulk import any_of
from shouwang.shell.listing import MAX_ID
from shouwang.units.models import Unit
from shouwang.units.scoping import unit_is_visible_to

from ..models import Campaign, CampaignHousehold, Household, ScreeningPoint, VisitFinding


@dataclass
class UnitCoverage:
    unit_id: int
    name: str
    path: str
    households_total: int = 0
    households_visited: int = 0
    people_seen: int = 0
    staff_person_times: int = 0
    visits: int = 0

    @property
    def percent(self) -> int:
        """Visited share, rounded down: 99% until the last household is done."""
        if not self.households_total:
            return 0
        return self.households_visited * 100 // self.households_total

    @property
    def remaining(self) -> int:
        return max(0, self.households_total - self.households_visited)


@dataclass
class PointCoverage:
    point_id: int
    name: str
    unit_name: str
    visits: int
    staff_person_times: int
    staff: int


@dataclass
class CampaignCoverage:
    campaign: Campaign
    unit: Unit
    households_total: int = 0
    households_visited: int = 0
    people_seen: int = 0
    watched_found: int = 0
    staff_person_times: int = 0
    visits: int = 0
    by_unit: list[UnitCoverage] = field(default_factory=list)
    by_point: list[PointCoverage] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.households_total:
            return 0
        return self.households_visited * 100 // self.households_total

    @property
    def remaining(self) -> int:
        return max(0, self.households_total - self.households_visited)


def campaign_units(campaign: Campaign, within: Unit) -> list[dict[str, Any]]:
    """The units both in the campaign's targets and at or below `within` (id, name, path)."""
    reach = Q()
    for path in campaign.units.values_list("path", flat=True):
        if path.startswith(within.path):
            reach |= Q(path__startswith=path)
        elif within.path.startswith(path):
            reach |= Q(path__startswith=within.path)
    if not reach:
        return []
    return list(Unit.objects.filter(reach).order_by("path").values("pk", "name", "path"))


def campaign_coverage(
    campaign: Campaign, *, user: Any, unit: Unit | None = None, points: bool = True
) -> CampaignCoverage:
    """The campaign's figures in `unit` (the user's own by default), by community, least
    covered first. A unit outside the user's jurisdiction is not found (404)."""
    unit = unit or user.unit
    if not unit_is_visible_to(unit, user):
        raise Http404
    units = campaign_units(campaign, unit)
    ids = [row["pk"] for row in units]
    coverage = CampaignCoverage(campaign=campaign, unit=unit)
    if not ids:
        return coverage
    by_id = {row["pk"]: UnitCoverage(row["pk"], row["name"], row["path"]) for row in units}
    for unit_id, total in (
        Household.objects.filter(any_of("unit_id", ids))
        .order_by()
        .values("unit_id")
        .annotate(total=Count("*"))  # the unit index alone answers it
        .values_list("unit_id", "total")
    ):
        by_id[unit_id].households_total = total
    for unit_id, visited, seen, times, visits in (
        CampaignHousehold.objects.filter(any_of("unit_id", ids), campaign_id=campaign.pk)
        .order_by()
        .values("unit_id")
        .annotate(
            visited=Count("*"),
            seen=Sum("residents_present"),
            times=Sum("staff_person_times"),
            number=Sum("visits"),
        )
        .values_list("unit_id", "visited", "seen", "times", "number")
    ):
        row = by_id[unit_id]
        row.households_visited, row.people_seen = visited, seen or 0
        row.staff_person_times, row.visits = times or 0, visits or 0
    for row in by_id.values():
        coverage.households_total += row.households_total
        coverage.households_visited += row.households_visited
        coverage.people_seen += row.people_seen
        coverage.staff_person_times += row.staff_person_times
        coverage.visits += row.visits
    # The board: units holding households, the least covered (then the most left) first.
    coverage.by_unit = sorted(
        (row for row in by_id.values() if row.households_total),
        key=lambda row: (row.households_visited / row.households_total, -row.remaining, row.path),
    )
    coverage.watched_found = (
        VisitFinding.objects.filter(any_of("unit_id", ids), campaign_id=campaign.pk)
        .values("watch_record_id")
        .distinct()
        .count()
    )
    if points:
        coverage.by_point = points_of(campaign, ids)
    return coverage


def points_of(campaign: Campaign, unit_ids: list[int]) -> list[PointCoverage]:
    """The campaign's points in the units, busiest first: one grouped query, no instances."""
    rows = (
        ScreeningPoint.objects.filter(any_of("unit_id", unit_ids), campaign_id=campaign.pk)
        .values("pk", "name", "unit__name", "visit_count", "staff_person_times")
        .annotate(staff_count=Count("staff"))
        .order_by("-visit_count", "name")
        .values_list("pk", "name", "unit__name", "visit_count", "staff_person_times", "staff_count")
    )
    return [PointCoverage(*row) for row in rows]


def campaigns_listed(user: Any):
    """Campaigns the user works in: his unit's, those below it, and those launched above it."""
    return Campaign.objects.readable_by(user).select_related("unit").order_by("-starts_on", "-id")


def campaign_readable_or_404(user: Any, pk: Any) -> Campaign:
    """A campaign the user works in (his unit's, below or above it); 404 for any other."""
    campaign = campaigns_listed(user).filter(pk=pk).first() if 0 < int(pk) <= MAX_ID else None
    if campaign is None:
        raise Http404
    return campaign
