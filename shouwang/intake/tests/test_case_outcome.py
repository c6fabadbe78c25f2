"""A tip's outcome "open a case": one step, one case per tip, linked both ways."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.cases.models import Case
from shouwang.cases.selectors import case_for_source
from shouwang.conflicts import Conflict
from shouwang.intake.models import EventKind
from shouwang.intake.services import report_case_open

from .factories import HELP, at_station

pytestmark = pytest.mark.django_db


def test_a_tip_opens_one_case_with_its_text_and_place_linked_both_ways(bureau, staff):
    report = at_station(bureau, text="北门社区5号楼有人聚众打麻将", place="北门社区5号楼")
    case = report_case_open(actor=staff["officer1"], report=report, kind="gambling_gathering")
    assert (case.unit, case.kind, case.facts, case.place, case.source) == (
        report.unit,
        "gambling_gathering",
        "北门社区5号楼有人聚众打麻将",
        "北门社区5号楼",
        report,
    )
    assert case_for_source(report, staff["chief1"]) == case
    event = report.events.get(kind=EventKind.LINKED)
    assert (event.actor, event.note) == (staff["officer1"], f"已立案：{case}")
    with pytest.raises(Conflict):
        report_case_open(actor=staff["chief1"], report=report, kind="other", facts="再次立案")
    assert Case.objects.count() == 1


def test_the_facts_typed_replace_the_tip_text(bureau, staff):
    report = at_station(bureau)
    case = report_case_open(
        actor=staff["officer1"], report=report, kind="other", facts="  经核实，确有其事  "
    )
    assert case.facts == "经核实，确有其事"


def test_who_may_not_open_a_case_from_a_tip(bureau, staff):
    report = at_station(bureau)
    for username in ("duty1", "auxiliary1", "volunteer1", "commander", "chief2"):
        with pytest.raises(PermissionDenied):
            report_case_open(actor=staff[username], report=report, kind="other")
    assert Case.objects.count() == 0


def test_a_bad_kind_or_a_help_request_is_refused_with_a_field_error(bureau, staff):
    with pytest.raises(ValidationError) as error:
        report_case_open(actor=staff["officer1"], report=at_station(bureau), kind="murder")
    assert error.value.message_dict == {"kind": ["案件类别不正确"]}
    with pytest.raises(ValidationError) as error:
        report_case_open(actor=staff["officer1"], report=at_station(bureau, HELP), kind="other")
    assert error.value.message_dict == {"report": ["只有线索举报可以立案"]}
    assert Case.objects.count() == 0


def test_the_report_page_offers_the_form_then_links_the_case(bureau, staff, login_as):
    report = at_station(bureau)
    client = login_as("officer1")
    page = client.get(f"/intake/{report.pk}/").content.decode()
    assert f'action="/intake/{report.pk}/case/"' in page
    response = client.post(f"/intake/{report.pk}/case/", {"kind": "obstructing", "facts": ""})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.facts) == ("obstructing", report.text)
    page = client.get(f"/intake/{report.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/"' in page and f'action="/intake/{report.pk}/case/"' not in page
    again = client.post(f"/intake/{report.pk}/case/", {"kind": "other"})
    assert again.status_code == 409 and "该记录已立案" in again.content.decode()
    assert report.tracking_code in client.get(f"/cases/{case.pk}/").content.decode()


def test_the_desk_sees_no_case_form_and_is_refused(bureau, staff, login_as):
    report = at_station(bureau)
    client = login_as("duty1")
    assert (
        f'action="/intake/{report.pk}/case/"'
        not in client.get(f"/intake/{report.pk}/").content.decode()
    )
    assert client.post(f"/intake/{report.pk}/case/", {"kind": "other"}).status_code == 403
    assert Case.objects.count() == 0


def test_a_bad_kind_on_the_page_keeps_the_form_with_its_error(bureau, staff, login_as):
    report = at_station(bureau)
    response = login_as("officer1").post(
        f"/intake/{report.pk}/case/", {"kind": "murder", "facts": "保留的案情"}
    )
    assert response.status_code == 422
    assert "保留的案情" in response.content.decode()


def test_a_sibling_station_gets_404(bureau, staff, login_as, api_as):
    report = at_station(bureau)
    assert (
        login_as("chief2").post(f"/intake/{report.pk}/case/", {"kind": "other"}).status_code == 404
    )
    response = api_as("chief2").post_json(
        f"/api/v1/intake/reports/{report.pk}/case", {"kind": "other"}
    )
    assert response.status_code == 404
    assert Case.objects.count() == 0


def test_the_api_opens_the_case_then_answers_409(bureau, staff, api_as):
    report = at_station(bureau)
    api = api_as("officer1")
    response = api.post_json(f"/api/v1/intake/reports/{report.pk}/case", {"kind": "rumour"})
    assert response.status_code == 201
    case = Case.objects.get()
    assert response.json() == {"case": case.pk}
    assert (case.source, case.facts) == (report, report.text)
    again = api.post_json(
        f"/api/v1/intake/reports/{report.pk}/case", {"kind": "other", "facts": "再次"}
    )
    assert again.status_code == 409
    refused = api_as("auxiliary1").post_json(
        f"/api/v1/intake/reports/{report.pk}/case", {"kind": "other"}
    )
    assert refused.status_code == 403
    bad = api.post_json(f"/api/v1/intake/reports/{report.pk}/case", {"kind": ""})
    assert bad.status_code in (409, 422)
