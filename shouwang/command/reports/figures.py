"""Every figure of scenario 5 the records hold, for a unit and a period, as integers.

Each figure is counted from the records by the area that keeps them (its selectors where it has
them) and means, for the unit and the units below it, within the local days from..to:

- checkpoints: active checkpoints now; vehicles passed, out-of-town vehicles registered, vehicle
  turn-backs, people checked with the health service, people turned back and handed over
  (`checkpoints.figures`, from the kept hourly counts);
- stations: police stations now;
- people: people with a watch record opened in the period; people isolating at the end of the
  period (an episode begun by then and neither ended nor released by then); isolations begun;
  follow-ups due in the period (up to today) and those done;
- venues: venues ordered closed with effect in the period, in total and for KTVs, internet cafés,
  hotels and mahjong/card rooms; inspections, violations found, price-gouging findings, cases
  opened (`venues.selectors.venue_figures`);
- screening: visitor person-times of household visits (voided ones left out), screening points
  visited and households visited (each once) in the period;
- intake: residents' reports received in the period, resolved, and past their targets.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.checkpoints.figures import checkpoint_totals
from shouwang.checkpoints.models import Checkpoint, CheckpointStatus
from shouwang.community.models import Visit
from shouwang.intake.figures import late_condition, reports_of
from shouwang.intake.models import OUTCOME_STATUSES
from shouwang.people.models import EpisodeStatus, FollowUp, IsolationEpisode, WatchRecord
from shouwang.shell.periods import period_q
from shouwang.units.models import Unit, UnitKind
from shouwang.venues.models import VenueKind
from shouwang.venues.selectors import venue_figures

from .reader import UnitReader


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any  # lazy
    group: str


FIGURES: tuple[Figure, ...] = (
    Figure("checkpoints", _("卡点（个）"), "checkpoints"),
    Figure("vehicles_passed", _("放行车辆（辆）"), "checkpoints"),
    Figure("vehicles_registered", _("登记外地车辆（辆）"), "checkpoints"),
    Figure("vehicle_turn_backs", _("劝返车辆（辆次）"), "checkpoints"),
    Figure("people_checked", _("检测人员（人次）"), "checkpoints"),
    Figure("people_turned_back", _("劝返人员（人次）"), "checkpoints"),
    Figure("people_handed_over", _("移交卫健人员（人次）"), "checkpoints"),
    Figure("watched_people", _("新增重点人员（人）"), "people"),
    Figure("isolating", _("隔离中人员（人）"), "people"),
    Figure("isolations_started", _("新增隔离（人次）"), "people"),
    Figure("followups_done", _("完成随访（人次）"), "people"),
    Figure("followups_due", _("应随访（人次）"), "people"),
    Figure("stations", _("派出所（个）"), "venues"),
    Figure("venues_closed", _("关停场所（家）"), "venues"),
    Figure("ktv_closed", _("关停KTV（家）"), "venues"),
    Figure("internet_cafes_closed", _("关停网吧（家）"), "venues"),
    Figure("hotels_closed", _("关停宾馆旅店（家）"), "venues"),
    Figure("mahjong_rooms_closed", _("关停麻将馆棋牌室（家）"), "venues"),
    Figure("inspections", _("场所检查（次）"), "venues"),
    Figure("violations", _("发现违规（起）"), "venues"),
    Figure("price_gouging", _("查获哄抬物价（起）"), "venues"),
    Figure("cases", _("涉疫案件（起）"), "venues"),
    Figure("screening_person_times", _("入户排查（人次）"), "screening"),
    Figure("screening_points", _("排查点（个）"), "screening"),
    Figure("households_screened", _("排查住户（户）"), "screening"),
    Figure("reports_received", _("受理群众线索求助（件）"), "intake"),
    Figure("reports_resolved", _("办结（件）"), "intake"),
    Figure("reports_overdue", _("超时（件）"), "intake"),
)
KEYS = tuple(figure.key for figure in FIGURES)
CLOSED_KINDS = {
    "ktv_closed": VenueKind.KTV,
    "internet_cafes_closed": VenueKind.INTERNET_CAFE,
    "hotels_closed": VenueKind.HOTEL,
    "mahjong_rooms_closed": VenueKind.MAHJONG_ROOM,
}


def _unit_ids(unit: Unit) -> list[int]:
    """The unit and those below it: a few hundred ids, matched through each table's unit index
    instead of a join on the units' paths."""
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def _people(unit: Unit, date_from: date, date_to: date) -> dict[str, int]:
    ids = _unit_ids(unit)
    watched = (
        WatchRecord.objects.filter(unit_id__in=ids, person__merged_into__isnull=True)
        .filter(period_q("created_at", date_from, date_to))
        .values("person_id")
        .distinct()
        .count()
    )
    episodes = IsolationEpisode.objects.filter(unit_id__in=ids).exclude(
        status=EpisodeStatus.PLANNED
    )
    isolating = (
        episodes.filter(start_date__lte=date_to)
        .filter(
            Q(status=EpisodeStatus.ISOLATING, actual_end__isnull=True) | Q(actual_end__gt=date_to)
        )
        .values("person_id")
        .distinct()
        .count()
    )
    started = episodes.filter(start_date__gte=date_from, start_date__lte=date_to).count()
    last_due = min(date_to, timezone.localdate())
    followups = FollowUp.objects.filter(
        episode__unit_id__in=ids, due_date__gte=date_from, due_date__lte=last_due
    ).aggregate(due=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    return {
        "watched_people": watched,
        "isolating": isolating,
        "isolations_started": started,
        "followups_done": followups["done"],
        "followups_due": followups["due"],
    }


def _venues(reader: UnitReader, unit: Unit, date_from: date, date_to: date) -> dict[str, int]:
    found = venue_figures(reader, unit=unit, date_from=date_from, date_to=date_to)
    closed = found["venues_closed_by_kind"]
    return {
        "stations": Unit.objects.filter(
            path__startswith=unit.path, kind=UnitKind.STATION, is_active=True
        ).count(),
        "venues_closed": found["venues_closed"],
        **{key: closed.get(kind, 0) for key, kind in CLOSED_KINDS.items()},
        "inspections": found["inspections"],
        "violations": found["violations"],
        "price_gouging": found["price_gouging"],
        "cases": found["cases"],
    }


def _screening(unit: Unit, date_from: date, date_to: date) -> dict[str, int]:
    visits = (
        Visit.objects.filter(unit__path__startswith=unit.path, voided_at__isnull=True)
        .filter(period_q("visited_at", date_from, date_to))
        .aggregate(
            times=Sum("visitor_count"),
            points=Count("point_id", distinct=True),
            households=Count("household_id", distinct=True),
        )
    )
    return {
        "screening_person_times": visits["times"] or 0,
        "screening_points": visits["points"],
        "households_screened": visits["households"],
    }


def _intake(unit: Unit, date_from: date, date_to: date) -> dict[str, int]:
    counts = reports_of(unit, date_from, date_to).aggregate(
        received=Count("id"),
        resolved=Count("id", filter=Q(status__in=list(OUTCOME_STATUSES))),
        overdue=Count("id", filter=late_condition(timezone.now())),
    )
    return {
        "reports_received": counts["received"],
        "reports_resolved": counts["resolved"],
        "reports_overdue": counts["overdue"],
    }


Period = tuple[date, date]


def report_figures(unit: Unit, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """{name: {figure: integer}} for each period of the unit (one query per area and period,
    the checkpoint counts of every period in one)."""
    reader = UnitReader(unit)
    checkpoint = checkpoint_totals(user=reader, unit=unit, periods=periods)
    checkpoints_now = Checkpoint.objects.filter(
        unit__path__startswith=unit.path, status=CheckpointStatus.ACTIVE
    ).count()
    result = {}
    for name, (date_from, date_to) in periods.items():
        parts: list[Callable[[], dict[str, int]]] = [
            lambda: {"checkpoints": checkpoints_now, **checkpoint[name]},  # noqa: B023
            lambda: _people(unit, date_from, date_to),  # noqa: B023
            lambda: _venues(reader, unit, date_from, date_to),  # noqa: B023
            lambda: _screening(unit, date_from, date_to),  # noqa: B023
            lambda: _intake(unit, date_from, date_to),  # noqa: B023
        ]
        values: dict[str, int] = {}
        for part in parts:
            values.update(part())
        result[name] = {key: int(values.get(key, 0)) for key in KEYS}
    return result


def previous_period(unit: Unit, date_from: date, date_to: date) -> Period:
    """The period a report is compared with: the same number of days just before; for a
    cumulative report (from the day the emergency began) the same report a day earlier."""
    if date_from == emergency_start(unit) and date_to > date_from:
        return date_from, date_to - timedelta(days=1)
    days = (date_to - date_from).days + 1
    return date_from - timedelta(days=days), date_from - timedelta(days=1)


def emergency_start(unit: Unit) -> date | None:
    began = unit.emergency_began_at()
    return timezone.localdate(began) if began else None
