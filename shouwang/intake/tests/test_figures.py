"""The figures: counts, nearest-rank percentiles, local-day periods across midnight, overdue."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shouwang.intake.figures import figures_by_unit, intake_figures, percentile
from shouwang.intake.models import Report

from .factories import GRIEVANCE, HELP, at_station

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 2, 1)
NOW = datetime(2026, 2, 3, 12, 0, tzinfo=SHANGHAI)


def received(bureau, hour: int, minute: int = 0, day: date = DAY, base=None, **changes) -> Report:
    when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    return at_station(bureau, base, now=when, address=f"10.0.{hour}.{minute}", **changes)


def settle(
    report: Report,
    *,
    assign_minutes: int | None = None,
    resolve_hours: float | None = None,
    status="resolved",
):
    changes = {}
    if assign_minutes is not None:
        changes.update(
            assigned_at=report.received_at + timedelta(minutes=assign_minutes),
            assign_seconds=assign_minutes * 60,
            status="assigned",
        )
    if resolve_hours is not None:
        seconds = int(resolve_hours * 3600)
        changes.update(
            closed_at=report.received_at + timedelta(seconds=seconds),
            resolve_seconds=seconds,
            status=status,
        )
    Report.objects.filter(pk=report.pk).update(**changes)


def test_percentiles_are_nearest_rank_and_counts_exact(bureau):
    minutes = [50, 1, 10, 3, 2]
    reports = [received(bureau, 8 + n, contact_phone=f"1380000000{n}") for n in range(5)]
    for report, value in zip(reports, minutes, strict=True):
        settle(report, assign_minutes=value)
    settle(reports[0], assign_minutes=50, resolve_hours=2)
    settle(reports[1], assign_minutes=1, resolve_hours=1, status="unfounded")
    figures = intake_figures(bureau["城关派出所"], DAY, DAY, now=NOW)
    assert {key: figures[key] for key in figures if key != "by_type"} == {
        "received": 5,
        "resolved": 2,
        # All assigned within the tip's 60 minutes; the open ones are due on the 4th.
        "overdue": 0,
        "assign_minutes_p50": 3.0,
        "assign_minutes_p90": 50.0,
        "resolve_hours_p50": 1.0,
        "resolve_hours_p90": 2.0,
    }
    assert figures["by_type"]["tip"]["received"] == 5
    assert figures["by_type"]["help"]["received"] == 0
    assert figures["by_type"]["help"]["assign_minutes_p50"] is None


def test_percentile_of_one_and_of_none():
    assert percentile(Report.objects.none(), "assign_seconds", 0.5, 0) is None


def test_a_report_at_2359_belongs_to_its_local_day_and_its_time_crosses_midnight(bureau):
    late = received(bureau, 23, 59, base=HELP)
    settle(late, assign_minutes=20)
    late.refresh_from_db()
    assert timezone_day(late.assigned_at) == date(2026, 2, 2)
    on_the_day = intake_figures(bureau["城关派出所"], DAY, DAY, now=NOW)
    next_day = intake_figures(bureau["城关派出所"], date(2026, 2, 2), date(2026, 2, 2), now=NOW)
    assert (on_the_day["received"], on_the_day["assign_minutes_p50"]) == (1, 20.0)
    assert next_day["received"] == 0
    # An urgent help request is due for assignment in 5 minutes: 20 is late.
    assert on_the_day["overdue"] == 1


def timezone_day(value: datetime) -> date:
    return value.astimezone(SHANGHAI).date()


def test_overdue_counts_open_reports_past_due_and_late_closures(bureau):
    waiting = received(bureau, 9)  # a tip: 60 minutes to assignment, long past at NOW
    closed_late = received(bureau, 10, base=GRIEVANCE)
    settle(closed_late, assign_minutes=30, resolve_hours=200)  # target: 168 hours
    in_time = received(bureau, 11, base=GRIEVANCE, text="另一件")
    settle(in_time, assign_minutes=30, resolve_hours=20)
    figures = intake_figures(bureau["城关派出所"], DAY, DAY, now=NOW)
    assert (figures["received"], figures["resolved"], figures["overdue"]) == (3, 2, 1 + 1)
    in_time.refresh_from_db()
    assert waiting.overdue_now(NOW) and not in_time.overdue_now(NOW)


def test_a_station_counts_its_own_and_the_bureau_sees_each_station(bureau):
    received(bureau, 9)
    at_station(
        bureau,
        station="白云山派出所",
        now=datetime(2026, 2, 1, 9, tzinfo=SHANGHAI),
        address="10.9.9.9",
    )
    assert intake_figures(bureau["城关派出所"], DAY, DAY, now=NOW)["received"] == 1
    rows = figures_by_unit(bureau["清河县公安局"], DAY, DAY, now=NOW)
    assert [(unit.name, figures["received"]) for unit, figures in rows] == [
        ("清河县公安局", 2),
        ("城关派出所", 1),
        ("白云山派出所", 1),
    ]
