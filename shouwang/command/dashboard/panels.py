"""The command dashboard's panels: each a chart (an ECharts option) and the same figures as a
table, for a unit the user sees, read through each area's own selectors.

A panel is rendered with the page and again by itself every minute (htmx polling of
`command:panel`), so the page never reloads. Panels of areas a role may not read are left out.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.checkpoints.figures import checkpoint_figures
from shouwang.community.selectors.coverage import campaign_coverage, campaigns_listed
from shouwang.intake.figures import late_condition, period_bounds
from shouwang.intake.models import OUTCOME_STATUSES, Report
from shouwang.people.models import FollowUp, WatchStatus
from shouwang.people.selectors.figures import people_figures
from shouwang.people.selectors.followups import episodes_ending
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_FIGURES
from shouwang.venues.models import VenueKind
from shouwang.venues.selectors import venue_figures

from .. import optional_areas
from ..reports.figures import in_subtree, subtree_ids
from ..zones.selectors import zone_counts, zone_search, zones_with_lifting

RECENT_DAYS = 7


@dataclass
class Panel:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    chart: dict | None = None
    note: str = ""
    tiles: list[tuple[str, Any]] = field(default_factory=list)


def _bars(
    categories: list[str],
    series: dict[str, list[int]],
    *,
    stack: bool = False,
    horizontal: bool = False,
) -> dict:
    category = {"type": "category", "data": categories}
    value = {"type": "value", "minInterval": 1}
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},
        "grid": {"left": 8, "right": 8, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": value if horizontal else category,
        "yAxis": category if horizontal else value,
        "series": [
            {"name": name, "type": "bar", "data": data, **({"stack": "all"} if stack else {})}
            for name, data in series.items()
        ],
    }


def passages_panel(user: Any, unit: Unit, today: date) -> Panel:
    found = checkpoint_figures(user=user, unit=unit, date_from=today, date_to=today)
    names = {
        "vehicles_passed": _("放行车辆"),
        "vehicles_registered": _("其中登记外地车辆"),
        "vehicle_turn_backs": _("劝返车辆"),
        "people_turned_back": _("劝返人员"),
        "people_handed_over": _("移交卫健"),
    }
    by_hour = {row["hour"]: row for row in found["by_hour"]}
    hours = list(range(timezone.localtime().hour + 1))
    rows = [[f"{hour}时"] + [by_hour.get(hour, {}).get(key, 0) for key in names] for hour in hours]
    rows.append([_("合计")] + [found[key] for key in names])
    chart = _bars(
        [f"{hour}时" for hour in hours],
        {
            label: [by_hour.get(hour, {}).get(key, 0) for hour in hours]
            for key, label in names.items()
        },
    )
    return Panel(
        "passages", _("今日卡点通行（按处置结果、小时）"), [_("小时"), *names.values()], rows, chart
    )


def origins_panel(user: Any, unit: Unit, today: date) -> Panel:
    start = today - timedelta(days=RECENT_DAYS - 1)
    found = checkpoint_figures(user=user, unit=unit, date_from=start, date_to=today)
    origins = sorted(
        (row for row in found["by_origin"] if row["vehicles_registered"]),
        key=lambda row: -row["vehicles_registered"],
    )[:15]
    rows = [
        [
            f"{row['province']}{row['city']}" or _("未知"),
            row["vehicles_registered"],
            row["vehicle_turn_backs"],
        ]
        for row in origins
    ]
    chart = _bars(
        [row[0] for row in reversed(rows)],
        {
            _("登记外地车辆"): [row[1] for row in reversed(rows)],
            _("劝返车辆"): [row[2] for row in reversed(rows)],
        },
        horizontal=True,
    )
    return Panel(
        "origins",
        _("近%(days)s日外地车辆来源地") % {"days": RECENT_DAYS},
        [_("来源地"), _("登记外地车辆"), _("劝返车辆")],
        rows,
        chart,
    )


def people_panel(user: Any, unit: Unit, today: date) -> Panel:
    reader = _within(user, unit)
    found = people_figures(reader, today=today)
    labels = dict(WatchStatus.choices)
    rows = [[str(labels[status]), count] for status, count in found["watched"].items()]
    ending_1 = episodes_ending(reader, today, days=1).count()
    ending_3 = episodes_ending(reader, today, days=3).count()
    rows += [[_("24小时内期满解除"), ending_1], [_("3日内期满解除"), ending_3]]
    rows.append([_("卡点移交待核实"), found["handovers_waiting"]])
    chart = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "data": [{"name": str(labels[s]), "value": n} for s, n in found["watched"].items()],
            }
        ],
    }
    return Panel("people", _("重点人员（按状态）与解除隔离"), [_("项目"), _("人数")], rows, chart)


def followups_panel(user: Any, unit: Unit, today: date) -> Panel:
    start = today - timedelta(days=RECENT_DAYS - 1)
    days = [start + timedelta(days=n) for n in range(RECENT_DAYS)]
    counts = {
        row["due_date"]: row
        # `unit` is the user's or below it (checked by the page): its ids bound the rows.
        for row in FollowUp.objects.filter(
            in_subtree("episode__unit_id", subtree_ids(unit)),
            due_date__gte=start,
            due_date__lte=today,
        )
        .values("due_date")
        .annotate(due=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
        .order_by()
    }
    rows = [
        [
            day.strftime("%m-%d"),
            counts.get(day, {}).get("done", 0),
            counts.get(day, {}).get("due", 0),
        ]
        for day in days
    ]
    chart = _bars(
        [row[0] for row in rows],
        {_("已随访"): [row[1] for row in rows], _("应随访"): [row[2] for row in rows]},
    )
    return Panel(
        "followups", _("随访完成情况（近7日）"), [_("日期"), _("已随访"), _("应随访")], rows, chart
    )


def screening_panel(user: Any, unit: Unit, today: date) -> Panel:
    rows = []
    for campaign in campaigns_listed(user).filter(starts_on__lte=today, ends_on__gte=today)[:5]:
        coverage = campaign_coverage(campaign, user=user, unit=unit, points=False)
        rows.append(
            [
                campaign.name,
                coverage.households_visited,
                coverage.households_total,
                coverage.percent,
                coverage.staff_person_times,
            ]
        )
    chart = _bars(
        [row[0] for row in rows],
        {
            _("已排查户数"): [row[1] for row in rows],
            _("未排查户数"): [max(0, row[2] - row[1]) for row in rows],
        },
        stack=True,
    )
    return Panel(
        "screening",
        _("入户排查覆盖（进行中的排查活动）"),
        [_("排查活动"), _("已排查户数"), _("总户数"), _("覆盖率%"), _("排查人次")],
        rows,
        chart,
    )


def intake_panel(user: Any, unit: Unit, today: date) -> Panel:
    """Received, resolved and late reports of the unit and of each unit below it that received
    any (the intake area's own conditions), no percentiles: one query, each branch's counts
    aggregates filtered by its units' ids."""
    start, end = period_bounds(today - timedelta(days=RECENT_DAYS - 1), today)
    branches = [unit, *unit.children.filter(is_active=True).order_by("path")]
    paths = Unit.objects.filter(path__startswith=unit.path).values_list("pk", "path")
    ids = {
        branch.pk: [pk for pk, path in paths if path.startswith(branch.path)] for branch in branches
    }
    resolved, late = Q(status__in=list(OUTCOME_STATUSES)), late_condition(timezone.now())
    reports = Report.objects.filter(
        in_subtree("unit_id", subtree_ids(unit)), received_at__gte=start, received_at__lt=end
    )
    counts = reports.aggregate(
        **{
            f"{name}{pk}": Count("id", filter=Q(unit_id__in=units) & condition)
            for pk, units in ids.items()
            for name, condition in (("received", Q()), ("resolved", resolved), ("overdue", late))
        }
    )
    rows = [
        [
            branch.name,
            *(counts[f"{name}{branch.pk}"] for name in ("received", "resolved", "overdue")),
        ]
        for index, branch in enumerate(branches)
        if index == 0 or counts[f"received{branch.pk}"]
    ]
    chart = _bars(
        [row[0] for row in rows],
        {
            _("受理"): [row[1] for row in rows],
            _("办结"): [row[2] for row in rows],
            _("超时"): [row[3] for row in rows],
        },
    )
    return Panel(
        "intake",
        _("群众线索与求助办理时限（近7日）"),
        [_("单位"), _("受理"), _("办结"), _("超时")],
        rows,
        chart,
    )


def venues_panel(user: Any, unit: Unit, today: date) -> Panel:
    start = today - timedelta(days=29)
    found = venue_figures(_within(user, unit), unit=unit, date_from=start, date_to=today)
    kinds = dict(VenueKind.choices)
    closed = [(str(kinds[kind]), n) for kind, n in found["venues_closed_by_kind"].items() if n]
    rows = [[label, n] for label, n in closed]
    rows += [
        [_("目前关停"), found["venues_closed_now"]],
        [_("检查"), found["inspections"]],
        [_("发现违规"), found["violations"]],
        [_("哄抬物价"), found["price_gouging"]],
        [_("涉疫案件"), found["cases"]],
    ]
    chart = _bars([label for label, _n in closed], {_("关停场所"): [n for _l, n in closed]})
    return Panel("venues", _("场所关停与违规（近30日）"), [_("项目"), _("数量")], rows, chart)


def zones_panel(user: Any, unit: Unit, today: date) -> Panel:
    zones = zones_with_lifting(zone_search(user, unit=unit, status="active"), today)
    counts = zone_counts(zones)
    rows = [
        [_("封控区"), counts["sealed"]],
        [_("管控区"), counts["controlled"]],
        [_("防范区"), counts["prevention"]],
        [_("满足解除条件"), counts["lifting_due"]],
    ]
    return Panel("zones", _("封控区域"), [_("项目"), _("个数")], rows)


def supplies_panel(user: Any, unit: Unit, today: date) -> Panel | None:
    lines = optional_areas.supplies_days_left(user, unit)
    if lines is None:
        return None
    rows = [
        [line.name, line.quantity, "—" if line.days_left is None else line.days_left]
        for line in lines[:15]
    ]
    chart = _bars(
        [row[0] for row in rows if row[2] != "—"],
        {_("可用天数"): [row[2] for row in rows if row[2] != "—"]},
        horizontal=True,
    )
    return Panel(
        "supplies", _("防护物资可用天数"), [_("物资"), _("库存"), _("可用天数")], rows, chart
    )


def duty_panel(user: Any, unit: Unit, today: date) -> Panel | None:
    gaps = optional_areas.duty_gaps(user, unit)
    if gaps is None:
        return None
    rows = [
        [
            gap.post.name,
            timezone.localtime(gap.starts_at).strftime("%m-%d %H:%M"),
            timezone.localtime(gap.ends_at).strftime("%m-%d %H:%M"),
            gap.missing,
        ]
        for gap in gaps[:20]
    ]
    return Panel(
        "duty", _("未来24小时勤务缺岗"), [_("岗位"), _("开始"), _("结束"), _("缺少人数")], rows
    )


def _within(user: Any, unit: Unit):
    """Selectors scoping by the user's unit read `unit` instead (already checked visible)."""
    from ..reports.reader import UnitReader

    return UnitReader(unit, capabilities=frozenset(user.capabilities))


PANELS: dict[str, Callable[[Any, Unit, date], Panel | None]] = {
    "passages": passages_panel,
    "origins": origins_panel,
    "people": people_panel,
    "followups": followups_panel,
    "screening": screening_panel,
    "intake": intake_panel,
    "venues": venues_panel,
    "zones": zones_panel,
    "supplies": supplies_panel,
    "duty": duty_panel,
}


def panel_allowed(user: Any, key: str) -> bool:
    """Panels of areas the role reads; the dashboard itself is for VIEW_REPORTS."""
    if key in ("passages", "origins"):
        return CHECKPOINT_FIGURES.allows(user)
    if key == "supplies":
        return user.has_capability("manage_supplies")
    if key == "duty":
        return user.has_capability("manage_duty")
    return True


def panel(user: Any, unit: Unit, key: str, today: date | None = None) -> Panel | None:
    if key not in PANELS or not panel_allowed(user, key):
        return None
    return PANELS[key](user, unit, today or timezone.localdate())
