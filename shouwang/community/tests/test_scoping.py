"""Outsiders: a sibling station finds none of our households, buildings, campaigns or logs, and
changes nothing by trying."""

import pytest
from django.urls import reverse

from shouwang.community.models import BuildingActivity, BuildingCaptain, HouseholdMember, Visit
from shouwang.community.selectors.addresses import households_listed
from shouwang.community.selectors.captains import buildings_listed
from shouwang.community.selectors.coverage import campaigns_listed
from shouwang.community.services import activity_record

from .factories import campaign, household, visit


@pytest.fixture
def ours(bureau, staff):
    chief = staff["chief1"]
    home = household(chief, bureau["北门社区"], members=[{"name": "刘芳"}])
    drive = campaign(chief, [bureau["城关派出所"]])
    visit(staff["officer1"], drive, home)
    activity = activity_record(actor=chief, building=home.building, kind="group_notice")
    return {"household": home, "campaign": drive, "activity": activity}


def test_sibling_lists_are_empty(ours, staff):
    sibling = staff["chief2"]
    assert not households_listed(sibling).exists()
    assert not buildings_listed(sibling).exists()
    assert not campaigns_listed(sibling).exists()
    assert households_listed(staff["commander"]).count() == 1  # the bureau above sees it


def test_sibling_pages_answer_404_and_change_nothing(ours, staff, login_as):
    home, drive = ours["household"], ours["campaign"]
    client = login_as("chief2")
    gets = [
        reverse("community:household", kwargs={"pk": home.pk}),
        reverse("community:household_move", kwargs={"pk": home.pk}),
        reverse("community:building", kwargs={"pk": home.building_id}),
        reverse("community:campaign", kwargs={"pk": drive.pk}),
        reverse("community:walk", kwargs={"pk": drive.pk}),
        reverse("community:visit_new", kwargs={"pk": drive.pk}) + f"?household={home.pk}",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("community:member_new", kwargs={"pk": home.pk}), {"name": "外人"}),
        (reverse("community:activity_new", kwargs={"pk": home.building_id}), {"kind": "other"}),
        (
            reverse("community:captain_new", kwargs={"pk": home.building_id}),
            {"officer": staff["officer2"].pk},
        ),
        (reverse("community:activity_void", kwargs={"pk": ours["activity"].pk}), {"reason": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert HouseholdMember.objects.count() == 1
    assert BuildingActivity.objects.filter(voided_at__isnull=True).count() == 1
    assert not BuildingCaptain.objects.exists()
    assert Visit.objects.count() == 1


def test_a_station_reads_the_bureaus_campaign_and_works_in_it(bureau, staff, login_as):
    home = household(staff["chief1"], bureau["北门社区"])
    drive = campaign(staff["commander"], [bureau["清河县公安局"]], name="全县入户排查")
    assert list(campaigns_listed(staff["officer1"])) == [drive]
    visit(staff["officer1"], drive, home)
    page = login_as("chief2").get(reverse("community:campaign", kwargs={"pk": drive.pk}))
    # The sibling station reads the bureau's campaign, with its own (empty) figures only.
    assert page.status_code == 200
    assert "<strong>0</strong> / 0" in page.content.decode()
