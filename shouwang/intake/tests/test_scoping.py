"""Jurisdiction: a station sees its own reports and those of its communities, never a sibling's;
the bureau sees all; a unit filter outside one's reach finds nothing."""

import pytest

from shouwang.intake.filters import ReportFilter
from shouwang.intake.selectors import reports_listed
from shouwang.shell.listing import filtered

from .factories import at_station, body, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(bureau):
    return {
        "station": at_station(bureau),
        "community": at_station(bureau, station="北门社区", contact_phone="13700000001"),
        "sibling": at_station(bureau, station="白云村", contact_phone="13700000002"),
        "bureau": submit(unit=None, contact_phone="13700000003"),
    }


def names(queryset) -> set[str]:
    return {report.unit.name for report in queryset}


def test_each_user_sees_his_unit_and_below(staff, reports):
    assert names(reports_listed(staff["duty1"])) == {"城关派出所", "北门社区"}
    assert names(reports_listed(staff["chief2"])) == {"白云村"}
    assert names(reports_listed(staff["commander"])) == {
        "城关派出所",
        "北门社区",
        "白云村",
        "清河县公安局",
    }
    assert names(reports_listed(staff["volunteer1"])) == set()


def test_a_unit_filter_outside_ones_reach_finds_nothing(bureau, staff, reports):
    duty = staff["duty1"]
    mine = filtered(ReportFilter, reports_listed(duty), {"unit": bureau["北门社区"].pk}, user=duty)
    theirs = filtered(
        ReportFilter, reports_listed(duty), {"unit": bureau["白云山派出所"].pk}, user=duty
    )
    junk = filtered(ReportFilter, reports_listed(duty), {"unit": "abc"}, user=duty)
    assert (names(mine), names(theirs), len(junk)) == ({"北门社区"}, set(), 2)


def test_the_export_holds_only_the_users_reports(login_as, reports):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login_as("chief2").post("/intake/export/?status=all", {})
    rows = list(load_workbook(BytesIO(body(response))).active.iter_rows(values_only=True))
    assert [row[6] for row in rows[1:]] == ["白云村"]
