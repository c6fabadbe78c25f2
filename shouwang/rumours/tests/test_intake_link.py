"""Residents' rumour tips: matched on arrival (the match on the report page), and turned into a
rumour entry from the report page, linked both ways in one transaction."""

import pytest
from django.core.exceptions import PermissionDenied

from shouwang.conflicts import Conflict
from shouwang.intake.models import Channel, EventKind, Report
from shouwang.intake.services import report_rumour_create, report_submit
from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour, RumourSighting
from shouwang.rumours.selectors import rumour_for_source, sighting_for_source

from .factories import make

pytestmark = pytest.mark.django_db

RUMOUR_TIP = {
    "type": "tip",
    "category": "rumour",
    "text": "小區群裡有人說甲醇可以代替酒精消毒，好多人在買，是真的嗎？",
    "place": "南关社区业主群",
    "contact_phone": "13909120099",
}


@pytest.fixture(autouse=True)
def fresh():
    forget_index()
    yield
    forget_index()


def tip(bureau, **changes) -> Report:
    return report_submit(
        channel=Channel.PUBLIC_PAGE,
        client_address="198.51.100.20",
        data={**RUMOUR_TIP, "unit": bureau["南关社区"].pk, **changes},
    )


def test_a_rumour_tip_is_matched_on_arrival(bureau, staff, login_as):
    rumour = make(staff["chief1"])
    report = tip(bureau)
    sighting = sighting_for_source(report)
    assert (sighting.rumour, sighting.kind, sighting.unit) == (rumour, "tip", bureau["南关社区"])
    rumour.refresh_from_db()
    assert rumour.times_seen == 1
    assert report.events.filter(kind=EventKind.LINKED, note__contains="甲醇").count() == 1
    page = login_as("duty1").get(f"/intake/{report.pk}/")
    assert "收到时比对到已知谣言" in page.text and "甲醇有毒" in page.text


def test_other_tips_and_unmatched_rumour_tips_store_no_match(bureau, staff):
    make(staff["chief1"])
    other = tip(bureau, category="gathering", contact_phone="13909120098")
    unmatched = tip(bureau, text="群里说明天全县停水三天", contact_phone="13909120097")
    assert RumourSighting.objects.count() == 0
    assert sighting_for_source(other) is None and sighting_for_source(unmatched) is None


def test_a_tip_becomes_a_rumour_entry_linked_both_ways(bureau, staff, login_as):
    report = tip(bureau, text="群里说喝醋能杀病毒，大家都在熏醋")
    client = login_as("duty1")
    assert "转为谣言辟谣条目" in client.get(f"/intake/{report.pk}/").text
    response = client.post(
        f"/intake/{report.pk}/rumour/",
        {
            "claim": "熏醋可以杀死空气中的病毒",
            "rebuttal": "食醋浓度低，熏醋不能消毒。",
            "category": "disinfection",
            "sources": "疾控中心",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    rumour = Rumour.objects.get()
    assert (rumour.source, rumour.unit, rumour.status) == (report, report.unit, "published")
    assert rumour_for_source(report, staff["duty1"]) == rumour
    page = client.get(f"/intake/{report.pk}/")
    assert "已转为谣言辟谣条目" in page.text and f"/rumours/{rumour.pk}/" in page.text
    assert f"/intake/{report.pk}/" in client.get(f"/rumours/{rumour.pk}/").text
    assert report.events.filter(kind=EventKind.LINKED).count() == 1


def test_a_tip_becomes_at_most_one_entry_and_a_failure_leaves_nothing(bureau, staff):
    report = tip(bureau, text="群里说喝醋能杀病毒")
    made = dict(claim="熏醋可以杀死空气中的病毒", rebuttal="不能", sources=["疾控中心"])
    report_rumour_create(actor=staff["duty1"], report=report, **made)
    with pytest.raises(Conflict) as refused:
        report_rumour_create(actor=staff["chief1"], report=report, **{**made, "claim": "另一说法"})
    assert "source" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        report_rumour_create(actor=staff["chief2"], report=report, **made)
    assert Rumour.objects.count() == 1
    assert report.events.filter(kind=EventKind.LINKED).count() == 1


def test_the_api_turns_a_tip_into_an_entry_once(bureau, staff, api_as):
    report = tip(bureau, text="群里说喝醋能杀病毒")
    api = api_as("chief1")
    body = {"claim": "熏醋可以杀死空气中的病毒", "rebuttal": "不能", "sources": ["疾控中心"]}
    response = api.post_json(f"/api/v1/intake/reports/{report.pk}/rumour", body)
    assert response.status_code == 201
    assert response.json() == {"rumour": Rumour.objects.get(source_id=report.pk).pk}
    again = api.post_json(f"/api/v1/intake/reports/{report.pk}/rumour", {**body, "claim": "另一"})
    assert again.status_code == 409
    sibling = api_as("officer2").post_json(f"/api/v1/intake/reports/{report.pk}/rumour", body)
    assert sibling.status_code == 404
    assert Rumour.objects.count() == 1
