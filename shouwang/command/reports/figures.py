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
- intake: residents' reports received in the period, resolved, and past their targets;
- supplies (when that area is installed): the quantity of each item issued in the period
  (`supplies.selectors.movement_totals`), one figure per item, keyed `supplies_issued_<item id>`
  (`SupplyLine` names it), those of either period of a report in both.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.checkpoints.figures import checkpoint_totals
from shouwang.checkpoints.models import Checkpoint, CheckpointStatus
from shouwang.community.models import Visit
from shouwang.intake.figures import late_condition, period_bounds
from shouwang.intake.models import OUTCOME_STATUSES, Report
from shouwang.people.models import EpisodeStatus, FollowUp, IsolationEpisode, Person, WatchRecord
from shouwang.shell.periods import period_q
from shouwang.units.models import Unit, UnitKind
from shouwang.venues.models import VenueKind
from shouwang.venues.selectors import venue_figures

from .. import optional_areas
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


Period = tuple[date, date]


def _unit_ids(unit: Unit) -> list[int]:
    """The unit and those below it: a few hundred ids, matched through each table's unit index
    instead of a join on the units' paths."""
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def subtree_ids(unit: Unit) -> list[int] | None:
    """`_unit_ids`, or None when the unit's subtree is every unit (a bureau at the root of the
    tree): then every row is the unit's and no filter (nor join) is needed for it."""
    if not Unit.objects.exclude(path__startswith=unit.path).exists():
        return None
    return _unit_ids(unit)


def in_subtree(field: str, ids: list[int] | None) -> Q:
    """`field` (a unit id) among `ids` (from `subtree_ids`; None: any)."""
    return Q() if ids is None else Q(**{f"{field}__in": ids})


def _bounds(periods: dict[str, Period]) -> Period:
    """The days from the first period's start to the last one's end: the rows every period's
    aggregate reads, in one pass over the table."""
    return min(f for f, _t in periods.values()), max(t for _f, t in periods.values())


def _people(ids: list[int] | None, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """Watched people, isolations and follow-ups of every period: one query per table, each
    period's figure an aggregate filtered by its days (conditional aggregation)."""
    first, last = _bounds(periods)
    today = timezone.localdate()
    named = list(periods.items())
    watched = (
        WatchRecord.objects.filter(in_subtree("unit_id", ids))
        # People merged into another left out: an anti-join on the few merged, not a join on all.
        .exclude(person_id__in=Person.objects.filter(merged_into__isnull=False).values("pk"))
        .filter(period_q("created_at", first, last))
        .aggregate(
            **{
                f"w{i}": Count("person_id", distinct=True, filter=period_q("created_at", f, t))
                for i, (_name, (f, t)) in enumerate(named)
            }
        )
    )
    episodes = (
        IsolationEpisode.objects.filter(in_subtree("unit_id", ids), start_date__lte=last)
        .exclude(status=EpisodeStatus.PLANNED)
        .aggregate(
            **{
                f"i{i}": Count(
                    "person_id",
                    distinct=True,
                    filter=Q(start_date__lte=t)
                    & (
                        Q(status=EpisodeStatus.ISOLATING, actual_end__isnull=True)
                        | Q(actual_end__gt=t)
                    ),
                )
                for i, (_name, (_f, t)) in enumerate(named)
            },
            **{
                f"s{i}": Count("pk", filter=Q(start_date__gte=f, start_date__lte=t))
                for i, (_name, (f, t)) in enumerate(named)
            },
        )
    )
    # Follow-ups are due up to today, whatever the period's end.
    due = {
        i: Q(due_date__gte=f, due_date__lte=min(t, today)) for i, (_n, (f, t)) in enumerate(named)
    }
    followups = FollowUp.objects.filter(
        in_subtree("episode__unit_id", ids), due_date__gte=first, due_date__lte=min(last, today)
    ).aggregate(
        **{f"due{i}": Count("pk", filter=q) for i, q in due.items()},
        **{f"done{i}": Count("pk", filter=q & Q(done_at__isnull=False)) for i, q in due.items()},
    )
    return {
        name: {
            "watched_people": watched[f"w{i}"],
            "isolating": episodes[f"i{i}"],
            "isolations_started": episodes[f"s{i}"],
            "followups_done": followups[f"done{i}"],
            "followups_due": followups[f"due{i}"],
        }
        for i, (name, _period) in enumerate(named)
    }


def _venues(reader: UnitReader, unit: Unit, date_from: date, date_to: date) -> dict[str, int]:
    found = venue_figures(reader, unit=unit, date_from=date_from, date_to=date_to)
    closed = found["venues_closed_by_kind"]
    return {
        "venues_closed": found["venues_closed"],
        **{key: closed.get(kind, 0) for key, kind in CLOSED_KINDS.items()},
        "inspections": found["inspections"],
        "violations": found["violations"],
        "price_gouging": found["price_gouging"],
        "cases": found["cases"],
    }


def _screening(ids: list[int] | None, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """Visitor person-times, points and households visited of every period, in one query."""
    first, last = _bounds(periods)
    named = list(periods.items())
    within = {i: period_q("visited_at", f, t) for i, (_n, (f, t)) in enumerate(named)}
    visits = (
        Visit.objects.filter(in_subtree("unit_id", ids), voided_at__isnull=True)
        .filter(period_q("visited_at", first, last))
        .aggregate(
            **{f"times{i}": Sum("visitor_count", filter=q) for i, q in within.items()},
            **{f"points{i}": Count("point_id", distinct=True, filter=q) for i, q in within.items()},
            **{
                f"households{i}": Count("household_id", distinct=True, filter=q)
                for i, q in within.items()
            },
        )
    )
    return {
        name: {
            "screening_person_times": visits[f"times{i}"] or 0,
            "screening_points": visits[f"points{i}"],
            "households_screened": visits[f"households{i}"],
        }
        for i, (name, _period) in enumerate(named)
    }


def _intake(ids: list[int] | None, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """Reports received, resolved and late of every period, in one query."""
    first, last = _bounds(periods)
    named = list(periods.items())
    now = timezone.now()
    received = {}
    for i, (_name, (f, t)) in enumerate(named):
        start, end = period_bounds(f, t)
        received[i] = Q(received_at__gte=start, received_at__lt=end)
    resolved, late = Q(status__in=list(OUTCOME_STATUSES)), late_condition(now)
    # `intake.figures.reports_of`, by the subtree's ids instead of a join on the units' paths.
    start, end = period_bounds(first, last)
    reports = Report.objects.filter(in_subtree("unit_id", ids))
    counts = reports.filter(received_at__gte=start, received_at__lt=end).aggregate(
        **{f"received{i}": Count("id", filter=q) for i, q in received.items()},
        **{f"resolved{i}": Count("id", filter=q & resolved) for i, q in received.items()},
        **{f"overdue{i}": Count("id", filter=q & late) for i, q in received.items()},
    )
    return {
        name: {
            "reports_received": counts[f"received{i}"],
            "reports_resolved": counts[f"resolved{i}"],
            "reports_overdue": counts[f"overdue{i}"],
        }
        for i, (name, _period) in enumerate(named)
    }


SUPPLY_PREFIX = "supplies_issued_"


@dataclass(frozen=True)
class SupplyLine:
    """What a per-item supplies figure counts: the item issued, in its unit of measure."""

    key: str
    item_id: int
    name: str
    unit_of_measure: str

    @property
    def label(self) -> str:
        return _("发放%(item)s（%(measure)s）") % {
            "item": self.name,
            "measure": self.unit_of_measure,
        }


def is_supply_key(key: str) -> bool:
    return key.startswith(SUPPLY_PREFIX)


def supply_lines(keys) -> list[SupplyLine]:
    """The items of supplies figures' keys (as a kept report holds them), in catalogue order."""
    ids = [int(key[len(SUPPLY_PREFIX) :]) for key in keys if is_supply_key(key)]
    names = optional_areas.item_names(ids)
    return [
        SupplyLine(f"{SUPPLY_PREFIX}{pk}", pk, name, measure)
        for pk, (name, measure) in names.items()
    ]


def _supplies(
    reader: UnitReader, unit: Unit, date_from: date, date_to: date
) -> list[tuple[SupplyLine, int]]:
    totals = optional_areas.supplies_issued(reader, unit, date_from, date_to)
    return [
        (
            SupplyLine(f"{SUPPLY_PREFIX}{t.item_id}", t.item_id, t.name, t.unit_of_measure),
            t.quantity,
        )
        for t in totals or []
    ]


def report_figures(unit: Unit, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """{name: {figure: integer}} for each period of the unit: one query per table for every
    period at once (each period's figure an aggregate filtered by its days), the venue and
    supplies selectors once per period; the supplies figures last, the same items in every
    period (see `report_figures_and_supplies`)."""
    figures, _lines = report_figures_and_supplies(unit, periods)
    return figures


def report_figures_and_supplies(
    unit: Unit, periods: dict[str, Period]
) -> tuple[dict[str, dict[str, int]], list[SupplyLine]]:
    """`report_figures`, and the items issued in any of the periods (those of the first period
    in catalogue order, then any only the others issued)."""
    reader = UnitReader(unit)
    ids = subtree_ids(unit)
    checkpoint = checkpoint_totals(user=reader, unit=unit, periods=periods)
    checkpoints_now = Checkpoint.objects.filter(
        in_subtree("unit_id", ids), status=CheckpointStatus.ACTIVE
    ).count()
    people = _people(ids, periods)
    screening = _screening(ids, periods)
    intake = _intake(ids, periods)
    stations = Unit.objects.filter(
        path__startswith=unit.path, kind=UnitKind.STATION, is_active=True
    ).count()
    result = {}
    for name, (date_from, date_to) in periods.items():
        values: dict[str, int] = {
            "checkpoints": checkpoints_now,
            **checkpoint[name],
            **people[name],
            **_venues(reader, unit, date_from, date_to),
            "stations": stations,
            **screening[name],
            **intake[name],
        }
        result[name] = {key: int(values.get(key, 0)) for key in KEYS}
    issued = {name: _supplies(reader, unit, *period) for name, period in periods.items()}
    lines: dict[str, SupplyLine] = {}
    for found in issued.values():
        for line, _quantity in found:
            lines.setdefault(line.key, line)
    for name, found in issued.items():
        quantities = {line.key: quantity for line, quantity in found}
        result[name].update({key: int(quantities.get(key, 0)) for key in lines})
    return result, list(lines.values())


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
