"""Coverage kept as visits are recorded: one `CampaignHousehold` row per visited household and
the counters of each screening point, changed in the visit's transaction.

A campaign's coverage is then a count and a few sums over these rows (selectors.coverage),
whatever the number of visits. `coverage_rebuild` recounts them from the visits (after visits
loaded by SQL, and in the test proving kept and recounted counts agree).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Sum

from shouwang.bulk import insert_rows

from ..models import CampaignHousehold, ScreeningPoint, Visit


def coverage_add(visit: Visit) -> None:
    """Count `visit`; its household is locked by the caller, so its row is read and written
    by one visit at a time."""
    row = (
        CampaignHousehold.objects.filter(
            campaign_id=visit.campaign_id, household_id=visit.household_id
        )
        .only("pk", "last_visited_at")
        .first()
    )
    if row is None:
        CampaignHousehold.objects.create(
            campaign_id=visit.campaign_id,
            household_id=visit.household_id,
            unit_id=visit.unit_id,
            visits=1,
            staff_person_times=visit.visitor_count,
            residents_present=visit.residents_present,
            last_visited_at=visit.visited_at,
        )
    else:
        changes = {
            "visits": F("visits") + 1,
            "staff_person_times": F("staff_person_times") + visit.visitor_count,
        }
        if visit.visited_at >= row.last_visited_at:
            changes.update(
                residents_present=visit.residents_present, last_visited_at=visit.visited_at
            )
        CampaignHousehold.objects.filter(pk=row.pk).update(**changes)
    if visit.point_id is not None:
        ScreeningPoint.objects.filter(pk=visit.point_id).update(
            visit_count=F("visit_count") + 1,
            staff_person_times=F("staff_person_times") + visit.visitor_count,
        )


def coverage_remove(visit: Visit) -> None:
    """Uncount `visit`, just voided: its household's row is recounted from the visits left (a
    handful), and dropped when none is left; its point's counters go down by what it added.
    The household is locked by the caller, as for `coverage_add`."""
    remaining = Visit.objects.filter(
        campaign_id=visit.campaign_id, household_id=visit.household_id, voided_at__isnull=True
    ).order_by("visited_at", "id")
    latest = remaining.last()
    rows = CampaignHousehold.objects.filter(
        campaign_id=visit.campaign_id, household_id=visit.household_id
    )
    if latest is None:
        rows.delete()
    else:
        totals = remaining.aggregate(visits=Count("id"), times=Sum("visitor_count"))
        rows.update(
            visits=totals["visits"],
            staff_person_times=totals["times"],
            residents_present=latest.residents_present,
            last_visited_at=latest.visited_at,
        )
    if visit.point_id is not None:
        ScreeningPoint.objects.filter(pk=visit.point_id).update(
            visit_count=F("visit_count") - 1,
            staff_person_times=F("staff_person_times") - visit.visitor_count,
        )


BATCH = 20_000


@transaction.atomic
def coverage_rebuild(*, campaign_ids: Iterable[int] | None = None) -> int:
    """Recount the kept coverage of the campaigns (all when None) from their visits; returns
    the number of household rows written."""
    visits = Visit.objects.filter(voided_at__isnull=True)
    rows = CampaignHousehold.objects.all()
    points = ScreeningPoint.objects.all()
    if campaign_ids is not None:
        ids = list(campaign_ids)
        visits, rows, points = (
            visits.filter(campaign_id__in=ids),
            rows.filter(campaign_id__in=ids),
            points.filter(campaign_id__in=ids),
        )
    rows.delete()
    written = 0
    batch: list[dict] = []
    current: dict | None = None
    ordered = visits.order_by("campaign_id", "household_id", "visited_at", "id").values_list(
        "campaign_id", "household_id", "unit_id", "visited_at", "visitor_count", "residents_present"
    )
    for campaign_id, household_id, unit_id, at, count, residents in ordered.iterator(
        chunk_size=BATCH
    ):
        if current is None or (current["campaign_id"], current["household_id"]) != (
            campaign_id,
            household_id,
        ):
            if current is not None:
                batch.append(current)
            current = {
                "campaign_id": campaign_id,
                "household_id": household_id,
                "unit_id": unit_id,
                "visits": 0,
                "staff_person_times": 0,
            }
        current["visits"] += 1
        current["staff_person_times"] += count
        current["residents_present"] = residents  # the latest visit's, in time order
        current["last_visited_at"] = at
        if len(batch) >= BATCH:
            written += len(insert_rows(CampaignHousehold, batch))
            batch = []
    if current is not None:
        batch.append(current)
    if batch:
        written += len(insert_rows(CampaignHousehold, batch))
    points.update(visit_count=0, staff_person_times=0)
    for point_id, number, times in (
        visits.filter(point__isnull=False)
        .order_by()
        .values("point_id")
        .annotate(number=Count("id"), times=Sum("visitor_count"))
        .values_list("point_id", "number", "times")
    ):
        ScreeningPoint.objects.filter(pk=point_id).update(
            visit_count=number, staff_person_times=times
        )
    return written
