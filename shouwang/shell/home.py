"""What each role lands on: the figures of the unit (commander, station chief), the post's work
(volunteer), or the menu of its work (everyone else).

The figures are a few aggregate queries whatever the size of the unit (each area's selectors
count; nothing here loops over rows), and each figure links to the list that shows exactly its
rows: the checkpoint figures page for a period, the people list by watch status or source, the
due and overdue follow-ups, the passes valid now that end within a day or three.
A figure is shown only to a role that may open the list it links to (units.policy.may).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Role
from shouwang.checkpoints.figures import MAX_DAYS, checkpoint_counts_on, checkpoint_totals
from shouwang.checkpoints.selectors import checkpoints_visible
from shouwang.passes.figures import passes_expiring
from shouwang.people.models import WatchSource, WatchStatus
from shouwang.people.selectors.figures import people_figures
from shouwang.people.services import followups_catch_up
from shouwang.units.models import Unit
from shouwang.units.policy import may

# Roles that land on their unit's figures.
FIGURES_ROLES = frozenset({Role.COMMANDER, Role.STATION_CHIEF})
# Without an emergency under way (or one never logged), the second column covers these days.
RECENT_DAYS = 30
# The checkpoint figures of scenario 5, in its order (labels in `_checkpoint_labels`).
CHECKPOINT_ROWS = (
    "vehicles_passed",
    "vehicles_registered",
    "vehicle_turn_backs",
    "people_checked",
    "people_turned_back",
)
EXPIRING_DAYS = (1, 3)


@dataclass(frozen=True)
class Tile:
    label: str
    value: int | str
    url: str
    note: str = ""
    alert: bool = False  # a figure asking for action today (shown highlighted when not zero)
    key: str = ""  # stable name for tests and the browser


def _url(name: str, **params: Any) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in ("", None)})
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _checkpoint_labels() -> dict[str, str]:
    return {
        "vehicles_passed": _("放行车辆"),
        "vehicles_registered": _("外地车辆登记"),
        "vehicle_turn_backs": _("劝返车辆"),
        "people_checked": _("检测人员"),
        "people_turned_back": _("劝返人员"),
    }


def _since(unit: Unit, today: date) -> tuple[date, str]:
    """The first day of the second column and its heading."""
    began = unit.emergency_began_at()
    earliest = today - timedelta(days=MAX_DAYS - 1)  # the longest period the figures page takes
    if began is None:
        start = today - timedelta(days=RECENT_DAYS - 1)
        return start, _("近%(days)s日") % {"days": RECENT_DAYS}
    start = max(timezone.localdate(began), earliest)
    return start, _("响应以来（%(date)s起）") % {"date": start.strftime("%m-%d")}


def checkpoint_rows(user: Any, unit: Unit, today: date) -> dict[str, Any] | None:
    if not may(user, "checkpoints:figures", "GET"):
        return None
    since, since_label = _since(unit, today)
    totals = checkpoint_totals(
        user=user, unit=unit, periods={"today": (today, today), "since": (since, today)}
    )
    labels = _checkpoint_labels()

    def link(start: date) -> str:
        return _url("checkpoints:figures", unit=unit.pk, **{"from": start, "to": today})

    return {
        "since_label": since_label,
        "since": since,
        "rows": [
            {
                "key": name,
                "label": labels[name],
                "today": totals["today"][name],
                "today_url": link(today),
                "since_value": totals["since"][name],
                "since_url": link(since),
            }
            for name in CHECKPOINT_ROWS
        ],
    }


def people_tiles(user: Any, today: date) -> list[Tile]:
    if not may(user, "people:list", "GET"):
        return []
    followups_catch_up(reader=user)  # as the due list does: the rows of today exist
    figures = people_figures(user, today=today)
    watched = figures["watched"]
    followups = figures["followups"]
    tiles = [
        Tile(
            _("今日随访"),
            followups["to_do"],
            _url("people:due"),
            note=_("已完成 %(done)s/%(due)s") % followups,
            alert=bool(followups["to_do"]),
            key="followups_due",
        ),
        Tile(
            _("逾期未随访"),
            followups["overdue"],
            _url("people:overdue"),
            alert=bool(followups["overdue"]),
            key="followups_overdue",
        ),
        Tile(
            _("卡点移交待核实"),
            figures["handovers_waiting"],
            _url(
                "people:list",
                source=WatchSource.CHECKPOINT_HANDOVER.value,
                watch_status=WatchStatus.OPEN.value,
            ),
            alert=bool(figures["handovers_waiting"]),
            key="handovers_waiting",
        ),
    ]
    labels = dict(WatchStatus.choices)
    tiles += [
        Tile(
            str(labels[status]),
            count,
            _url("people:list", watch_status=status),
            note=_("重点人员"),
            key=f"watched_{status}",
        )
        for status, count in watched.items()
    ]
    return tiles


def pass_tiles(user: Any) -> list[Tile]:
    if not may(user, "passes:list", "GET"):
        return []
    counts = passes_expiring(user, now=timezone.now(), days=EXPIRING_DAYS)
    labels = {1: _("24小时内到期"), 3: _("3日内到期")}
    return [
        Tile(
            labels[days],
            counts[days],
            _url("passes:list", expiring=days),
            note=_("通行证"),
            key=f"passes_expiring_{days}",
        )
        for days in EXPIRING_DAYS
    ]


def figures_context(user: Any) -> dict[str, Any]:
    """The commander's and the station chief's home: today's figures of their unit."""
    today = timezone.localdate()
    unit = user.unit
    return {
        "unit": unit,
        "today": today,
        "checkpoint": checkpoint_rows(user, unit, today),
        "tiles": people_tiles(user, today) + pass_tiles(user),
        "level_changes": unit.level_changes.select_related("changed_by")[:3],
    }


def volunteer_context(user: Any, shift_checkpoint: int | None) -> dict[str, Any]:
    """A volunteer's post: where to register, the scanner, and today's count at each checkpoint."""
    today = timezone.localdate()
    checkpoints = sorted(
        checkpoints_visible(user),
        key=lambda checkpoint: (checkpoint.pk != shift_checkpoint, not checkpoint.is_active),
    )
    counts = (
        checkpoint_counts_on(user=user, checkpoints=checkpoints, day=today)
        if may(user, "checkpoints:figures", "GET")
        else {}
    )
    day = today.isoformat()
    posts = [
        {
            "checkpoint": checkpoint,
            "counts": counts.get(checkpoint.pk),
            "passages_url": _url(
                "checkpoints:passages",
                checkpoint=checkpoint.pk,
                date_from=day,
                date_to=day,
                void="0",
            ),
        }
        for checkpoint in checkpoints
    ]
    return {"unit": user.unit, "today": today, "posts": posts}


def home_kind(user: Any) -> str:
    if not user.unit_id:
        return "menu"
    if user.role in FIGURES_ROLES:
        return "figures"
    if user.role == Role.VOLUNTEER:
        return "volunteer"
    return "menu"
