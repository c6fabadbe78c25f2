"""Corrections keep history: households and residents corrected or removed, visits voided out of
the coverage; the full ID number and phone are revealed only with a reason."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shouwang.audit.models import AccessEvent
from shouwang.community.models import CampaignHousehold, HouseholdMember, Visit
from shouwang.community.selectors.coverage import campaign_coverage
from shouwang.people.tests.factories import register

from .factories import campaign, household, id_number, visit

ID_A = id_number(sequence="611")
ID_B = id_number(sequence="612")


@pytest.fixture
def home(bureau, staff):
    return household(
        staff["officer1"],
        bureau["北门社区"],
        members=[
            {"name": "张三", "id_number": ID_A, "relation": "户主"},
            {"name": "李四", "relation": "配偶"},
        ],
    )


def _member(home, name):
    return home.members.get(name=name)


def test_a_household_is_corrected_over_the_api_and_the_change_has_its_history(api_as, home):
    response = api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}", {"plates": ["陕K55555"], "note": "独居老人"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["plates"] == ["陕K55555"]
    home.refresh_from_db()
    assert (home.plates, home.note, home.address_text) == (
        ["陕K55555"],
        "独居老人",
        home.address_text,
    )
    assert home.history.count() == 2


def test_a_resident_given_his_id_number_is_linked_to_the_registry_and_the_reason_kept(
    api_as, staff, home
):
    person = register(staff["officer1"], name="李四", id_number=ID_B)
    member = _member(home, "李四")

    response = api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}",
        {"id_number": ID_B, "relation": "妻子", "reason": "补录身份证号"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["id_number"] != ID_B  # masked in the answer
    member.refresh_from_db()
    assert (member.id_number, member.relation, member.person_id) == (ID_B, "妻子", person.pk)
    latest = member.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "补录身份证号",
        staff["officer1"],
    )


def test_a_resident_given_an_id_number_another_resident_has_is_refused_with_409(api_as, home):
    member = _member(home, "李四")

    response = api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}",
        {"id_number": ID_A, "reason": "更正"},
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "id_number"
    member.refresh_from_db()
    assert member.id_number == ""


def test_a_correction_without_a_reason_is_refused_field_by_field(api_as, home):
    member = _member(home, "李四")

    response = api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}", {"name": "李四四", "reason": " "}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"


def test_an_empty_string_clears_a_phone_and_a_left_out_field_stays(api_as, home):
    member = _member(home, "张三")
    api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}",
        {"phone": "13800000000", "reason": "补录"},
    )
    response = api_as("officer1").patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}", {"phone": "", "reason": "停机"}
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.phone, member.id_number, member.name) == ("", ID_A, "张三")


def test_a_resident_moved_out_leaves_the_household_and_his_removal_stays_in_history(
    api_as, staff, home
):
    member = _member(home, "李四")

    response = api_as("officer1").post_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}/removal", {"reason": "已迁出"}
    )

    assert response.status_code == 204
    assert list(home.members.values_list("name", flat=True)) == ["张三"]
    removal = HouseholdMember.history.filter(id=member.pk).first()
    assert (removal.history_type, removal.history_change_reason) == ("-", "已迁出")


def test_a_sibling_station_cannot_correct_or_remove_a_resident(api_as, home):
    member = _member(home, "李四")
    client = api_as("officer2")

    patched = client.patch_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}", {"name": "王五", "reason": "x"}
    )
    removed = client.post_json(
        f"/api/v1/households/{home.pk}/members/{member.pk}/removal", {"reason": "x"}
    )

    assert (patched.status_code, removed.status_code) == (404, 404)
    member.refresh_from_db()
    assert member.name == "李四"


def test_the_member_page_corrects_a_resident_in_chinese_and_asks_for_a_reason(login_as, home):
    member = _member(home, "李四")
    client = login_as("officer1")
    url = reverse("community:member_edit", args=[member.pk])

    refused = client.post(url, {"name": "李四", "relation": "配偶", "reason": "", "save": ""})
    saved = client.post(
        url, {"name": "李肆", "relation": "配偶", "phone": "13900000000", "reason": "更正姓名"}
    )

    assert refused.status_code == 422
    assert "这个字段是必填项" in refused.content.decode()
    assert saved.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.phone, member.id_number) == ("李肆", "13900000000", "")


def test_the_household_page_offers_corrections_and_the_reveal_logs_its_reason(login_as, home):
    member = _member(home, "张三")
    client = login_as("officer1")

    page = client.get(reverse("community:household", args=[home.pk])).content.decode()
    revealed = client.post(
        reverse("community:member_reveal", args=[member.pk]), {"reason": "核对身份"}
    )

    assert reverse("community:household_edit", args=[home.pk]) in page
    assert reverse("community:member_edit", args=[member.pk]) in page
    assert ID_A not in page
    assert revealed.status_code == 200 and ID_A in revealed.content.decode()
    assert AccessEvent.objects.filter(reason="核对身份").count() == 1


@pytest.fixture
def drive(bureau, staff):
    return campaign(staff["commander"], [bureau["清河县公安局"]])


def test_a_voided_visit_leaves_the_coverage_and_the_other_visit_counts_alone(
    api_as, staff, home, drive
):
    officer = staff["officer1"]
    now = timezone.now()
    first = visit(officer, drive, home, visited_at=now - timedelta(hours=3), residents_present=3)
    wrong = visit(officer, drive, home, visited_at=now - timedelta(hours=1), residents_present=9)

    response = api_as("officer1").post_json(
        f"/api/v1/screening/visits/{wrong.pk}/void", {"reason": "误录，实际未入户"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["void_reason"] == "误录，实际未入户"
    row = CampaignHousehold.objects.get(campaign=drive, household=home)
    assert (row.visits, row.residents_present, row.last_visited_at) == (1, 3, first.visited_at)
    coverage = campaign_coverage(drive, user=staff["chief1"])
    assert (coverage.households_visited, coverage.people_seen, coverage.visits) == (1, 3, 1)


def test_voiding_a_household_s_only_visit_takes_it_out_of_the_visited(api_as, staff, home, drive):
    only = visit(staff["officer1"], drive, home)

    api_as("officer1").post_json(f"/api/v1/screening/visits/{only.pk}/void", {"reason": "误录"})
    again = api_as("officer1").post_json(
        f"/api/v1/screening/visits/{only.pk}/void", {"reason": "误录"}
    )

    assert again.status_code == 409
    assert not CampaignHousehold.objects.filter(household=home).exists()
    assert campaign_coverage(drive, user=staff["chief1"]).households_visited == 0
    assert Visit.objects.get(pk=only.pk).voided_by == staff["officer1"]


def test_a_sibling_station_cannot_void_a_visit(api_as, staff, home, drive):
    only = visit(staff["officer1"], drive, home)

    response = api_as("officer2").post_json(
        f"/api/v1/screening/visits/{only.pk}/void", {"reason": "误录"}
    )

    assert response.status_code == 404
    assert Visit.objects.get(pk=only.pk).voided_at is None


def test_the_household_page_voids_a_visit_and_shows_it_struck_through(login_as, staff, home, drive):
    only = visit(staff["officer1"], drive, home)
    client = login_as("officer1")

    response = client.post(
        reverse("community:visit_void", args=[only.pk]), {"reason": "录错户"}, follow=True
    )

    page = response.content.decode()
    assert "已作废该入户记录" in page
    assert "录错户" in page and "<s>" in page
