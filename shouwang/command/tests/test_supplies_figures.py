"""The supplies issued, item by item, in the daily report: each figure the sum of the item's
issues in the period (reversed ones left out), in the API, the table, the workbook and one
sentence of the paragraph, stated once and exactly as in the table."""

import re
from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from shouwang.command.reports.prose import report_text
from shouwang.command.reports.services import daily_report, daily_report_keep
from shouwang.supplies.services import movement_reverse
from shouwang.supplies.tests.factories import issue, item, receive

from .scenario import days

pytestmark = pytest.mark.django_db


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def gear(staff, bureau):
    """Scenario 5's gear at a reduced scale: masks and gloves issued by two stations over the
    two days, one issue reversed, one the day before (the previous period)."""
    first, second = days()
    chief1, chief2 = staff["chief1"], staff["chief2"]
    masks = item(staff["commander"], name="医用口罩", unit_of_measure="只")
    gloves = item(staff["commander"], name="防护手套", unit_of_measure="副")
    goggles = item(staff["commander"], name="护目镜", unit_of_measure="个")
    for chief in (chief1, chief2):
        for supply in (masks, gloves, goggles):
            receive(chief, supply, 5000, occurred_at=_at(first - timedelta(days=2)))
    issue(chief1, masks, 115, occurred_at=_at(first))
    issue(chief2, masks, 60, occurred_at=_at(second))
    issue(chief1, gloves, 53, occurred_at=_at(second))
    wrong = issue(chief2, gloves, 999, occurred_at=_at(second))
    movement_reverse(actor=chief2, movement=wrong, reason="录入错误")
    issue(chief1, goggles, 7, occurred_at=_at(first - timedelta(days=1)))  # the day before
    return {"masks": masks, "gloves": gloves, "goggles": goggles}


def test_each_item_issued_is_a_figure_of_the_report(staff, bureau, gear, api_as, login_as):
    first, second = days()
    unit = bureau["清河县公安局"]
    key = {name: f"supplies_issued_{supply.pk}" for name, supply in gear.items()}

    report = daily_report(user=staff["commander"], unit=unit, date_from=first, date_to=second)

    assert report.figures[key["masks"]] == 175
    assert report.figures[key["gloves"]] == 53  # the reversed issue left out
    assert report.figures[key["goggles"]] == 0  # issued only in the previous period
    assert report.previous[key["goggles"]] == 7
    assert report.previous[key["masks"]] == 0
    # The paragraph: one sentence, each number once and exactly as in the table.
    assert "发放物资：医用口罩175只、防护手套53副。" in report.text
    text, stated = report_text(
        unit=unit,
        date_from=first,
        date_to=second,
        figures=report.figures,
        cumulative=False,
        supplies=report.supplies,
    )
    assert text == report.text
    numbers = [int(n) for n in re.findall(r"\d+", text.split("：", 1)[1])]
    assert numbers == [report.figures[k] for k in stated]
    assert len(stated) == len(set(stated))
    assert key["masks"] in stated and key["gloves"] in stated and key["goggles"] not in stated
    # The table.
    rows = {row["key"]: row for row in report.rows()}
    assert rows[key["masks"]]["label"] == "发放医用口罩（只）"
    assert (rows[key["goggles"]]["value"], rows[key["goggles"]]["change"]) == (0, -7)

    # The API: every figure an integer, the existing keys kept.
    body = (
        api_as("commander")
        .get(f"/api/v1/reports/daily?unit={unit.pk}&from={first}&to={second}")
        .json()
    )
    assert set(body) == {"unit", "from", "to", "figures", "previous", "text"}
    assert body["figures"][key["masks"]] == 175
    assert set(body["previous"]) == set(body["figures"])
    assert "vehicles_passed" in body["figures"]
    assert all(type(v) is int for v in [*body["figures"].values(), *body["previous"].values()])

    # The workbook.
    response = login_as("commander").get(
        f"/reports/daily.xlsx?unit={unit.pk}&from={first}&to={second}"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row}
    assert values["发放医用口罩（只）"] == 175
    assert values["发放防护手套（副）"] == 53

    # A station's report holds its own issues only.
    station = daily_report(
        user=staff["chief1"], unit=bureau["城关派出所"], date_from=first, date_to=second
    )
    assert station.figures[key["masks"]] == 115


def test_a_kept_report_keeps_its_supplies_figures(staff, bureau, gear):
    _first, second = days()
    unit = bureau["清河县公安局"]
    key = f"supplies_issued_{gear['masks'].pk}"
    kept = daily_report_keep(unit=unit, date_from=second, date_to=second)
    assert kept.figures[key] == 60

    issue(staff["chief2"], gear["masks"], 40, occurred_at=_at(second, 15))  # entered late

    again = daily_report(user=staff["commander"], unit=unit, date_from=second, date_to=second)
    assert again.kept is not None and again.figures[key] == 60
    assert [line.key for line in again.supplies] == [key, f"supplies_issued_{gear['gloves'].pk}"]
    following = second + timedelta(days=1)
    nxt = daily_report(user=staff["commander"], unit=unit, date_from=following, date_to=following)
    assert nxt.previous[key] == 60 and nxt.corrections[key] == 40
