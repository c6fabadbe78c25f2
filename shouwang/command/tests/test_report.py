"""The daily report: every figure equals the count of its records; the paragraph states each
figure once and exactly; a kept report does not change after a correction, which shows as a
difference in the next report."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_void
from shouwang.command.models import DailyReport
from shouwang.command.reports.figures import KEYS
from shouwang.command.reports.prose import ALWAYS, report_text
from shouwang.command.reports.services import daily_report, daily_report_keep

from .scenario import days, passages, period, replay

pytestmark = pytest.mark.django_db


def test_every_figure_of_the_replayed_scenario_equals_its_records(staff, bureau, checkpoints):
    expected = replay(staff, bureau, checkpoints)
    date_from, date_to = period()

    report = daily_report(
        user=staff["commander"], unit=bureau["清河县公安局"], date_from=date_from, date_to=date_to
    )

    assert set(expected) == set(KEYS)
    assert report.figures == expected
    assert all(type(value) is int for value in report.figures.values())
    # The station's own report holds its share: the highway checkpoint is 白云山's.
    station = daily_report(
        user=staff["chief1"], unit=bureau["城关派出所"], date_from=date_from, date_to=date_to
    )
    assert station.figures["vehicles_registered"] == 0
    assert station.figures["vehicles_passed"] == 48
    assert station.figures["venues_closed"] == 8
    assert station.figures["stations"] == 1


def _numbers_after_heading(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text.split("：", 1)[1])]


def test_the_paragraph_states_each_figure_once_and_exactly(staff, bureau, checkpoints):
    replay(staff, bureau, checkpoints)
    date_from, date_to = period()
    report = daily_report(
        user=staff["commander"], unit=bureau["清河县公安局"], date_from=date_from, date_to=date_to
    )

    text, stated = report_text(
        unit=bureau["清河县公安局"],
        date_from=date_from,
        date_to=date_to,
        figures=report.figures,
        cumulative=False,
    )

    assert text == report.text
    assert _numbers_after_heading(text) == [report.figures[key] for key in stated]
    assert len(stated) == len(set(stated))
    assert set(stated) == {key for key in KEYS if report.figures[key] or key in ALWAYS}
    assert report.figures["stations"] == 3
    assert "放行车辆52辆" in text and "登记外地车辆4辆" in text and "劝返人员240人次" in text


def test_zero_headline_figures_are_still_stated(staff, bureau):
    today = timezone.localdate()
    report = daily_report(
        user=staff["chief2"], unit=bureau["白云山派出所"], date_from=today, date_to=today
    )
    assert _numbers_after_heading(report.text) == [0] * len(ALWAYS)


def test_a_kept_report_does_not_change_and_the_next_shows_the_correction(
    staff, bureau, checkpoints
):
    passages(staff, checkpoints)
    bureau_unit = bureau["清河县公安局"]
    _first, second = days()
    kept = daily_report_keep(unit=bureau_unit, date_from=second, date_to=second)
    assert kept.figures["vehicle_turn_backs"] == 70

    # A turn-back registered twice is voided afterwards.
    passage_void(
        actor=staff["chief2"],
        passage=Passage.objects.filter(plate="豫K30000").get(),
        reason="重复登记",
    )

    again = daily_report(
        user=staff["commander"], unit=bureau_unit, date_from=second, date_to=second
    )
    assert again.kept is not None
    assert again.figures == kept.figures
    assert again.text == kept.text
    assert daily_report_keep(unit=bureau_unit, date_from=second, date_to=second).pk == kept.pk
    assert DailyReport.objects.count() == 1

    following = second + timedelta(days=1)
    nxt = daily_report(
        user=staff["commander"], unit=bureau_unit, date_from=following, date_to=following
    )
    assert nxt.previous["vehicle_turn_backs"] == 70  # as published
    assert nxt.corrections == {"vehicle_turn_backs": -1, "people_turned_back": -3}
    rows = {row["key"]: row for row in nxt.rows()}
    assert rows["vehicle_turn_backs"]["correction"] == -1


def test_the_daily_job_keeps_each_units_report_once(staff, bureau, checkpoints):
    passages(staff, checkpoints)
    _first, second = days()
    call_command("reports_daily", date=second.isoformat())
    units = {"清河县公安局", "城关派出所", "白云山派出所", "通镇派出所"}
    assert set(DailyReport.objects.values_list("unit__name", flat=True)) == units
    assert DailyReport.objects.count() == 4
    call_command("reports_daily", date=second.isoformat())
    assert DailyReport.objects.count() == 4
    highway = DailyReport.objects.get(unit=bureau["白云山派出所"])
    assert highway.figures["vehicle_turn_backs"] == 70


def test_the_workbook_holds_the_same_figures(staff, bureau, checkpoints, login_as):
    passages(staff, checkpoints)
    first, second = days()
    unit = bureau["清河县公安局"]
    response = login_as("commander").get(
        f"/reports/daily.xlsx?unit={unit.pk}&from={first}&to={second}"
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = {
        row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]
    }
    report = daily_report(user=staff["commander"], unit=unit, date_from=first, date_to=second)
    for row in report.rows():
        assert str(values[row["label"]]) == str(row["value"])


def test_the_print_page_and_the_report_page_show_the_paragraph(
    staff, bureau, checkpoints, login_as
):
    passages(staff, checkpoints)
    first, second = days()
    unit = bureau["清河县公安局"]
    client = login_as("commander")
    for url in ("/reports/daily/", "/reports/daily/print/"):
        response = client.get(f"{url}?unit={unit.pk}&from={first}&to={second}")
        assert response.status_code == 200
        assert response.context["report"].text in response.content.decode()


def test_a_bad_period_is_a_field_error(staff, bureau, api_as, login_as):
    today = timezone.localdate()
    api = api_as("commander")
    response = api.get(f"/api/v1/reports/daily?from={today}&to={today - timedelta(days=1)}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "to"
    future = api.get(f"/api/v1/reports/daily?to={today + timedelta(days=1)}")
    assert future.status_code == 422
    page = login_as("commander").get(f"/reports/daily/?from={today}&to=2019-01-01")
    assert page.status_code == 200
    assert "截止日期不能早于起始日期" in page.content.decode()
