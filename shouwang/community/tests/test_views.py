"""The community pages: a visitor's walk down a building, the board, the captain's phone."""

import pytest
from django.urls import reverse

from shouwang.community.models import BuildingActivity, Household, Visit
from shouwang.community.services import captain_assign
from shouwang.people.models import WatchRecord
from shouwang.people.tests.factories import WUHAN_DISTRICT

from .factories import IMPORT_HEADERS, campaign, household, id_number, visit, xlsx_file


@pytest.fixture
def street(bureau, staff):
    chief = staff["chief1"]
    north = bureau["北门社区"]
    homes = [
        household(chief, north, "34号楼", "1单元", room) for room in ("101", "102", "1201", "201")
    ] + [household(chief, north, "34号楼", "2单元", "101")]
    drive = campaign(chief, [bureau["城关派出所"]])
    return {"homes": homes, "campaign": drive, "building": homes[0].building}


def test_the_walk_shows_each_entrance_with_rooms_in_door_order_and_done_ones_ticked(
    street, staff, login_as
):
    visit(staff["officer1"], street["campaign"], street["homes"][1])
    url = reverse("community:walk", kwargs={"pk": street["campaign"].pk})

    response = login_as("officer1").get(url, {"building": street["building"].pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "已排查 1 / 5 户" in html
    first = html.index('id="entrance-1%E5%8D%95%E5%85%83"')
    second = html.index('id="entrance-2%E5%8D%95%E5%85%83"')
    rooms = [html.index(f">{room}<small>", first) for room in ("101", "102", "201", "1201")]
    assert rooms == sorted(rooms) and rooms[-1] < second
    assert html.count('class="done"') == 1


def test_a_visit_posted_from_the_walk_is_recorded_with_its_finding(street, staff, login_as):
    home = street["homes"][0]
    drive = street["campaign"]
    url = reverse("community:visit_new", kwargs={"pk": drive.pk}) + f"?household={home.pk}"
    client = login_as("officer1")
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200

    response = client.post(
        url,
        {
            "residents_present": "3",
            "answer_q1": "yes",
            "arrival_name": "陈晓",
            "arrival_id_number": id_number(region=WUHAN_DISTRICT, sequence="511"),
            "arrival_region": "湖北武汉",
            "visitors": [staff["auxiliary1"].pk],
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 204
    assert response["HX-Redirect"].endswith(
        f"?building={home.building_id}#entrance-1%E5%8D%95%E5%85%83"
    )
    visit_ = Visit.objects.get()
    assert (visit_.residents_present, visit_.visitor_count, visit_.answers) == (3, 2, {"q1": True})
    assert WatchRecord.objects.get().origin_region_code == "420100"


def test_a_bad_visit_comes_back_with_the_error_on_its_field(street, login_as):
    home = street["homes"][0]
    url = reverse("community:visit_new", kwargs={"pk": street["campaign"].pk})
    response = login_as("officer1").post(
        f"{url}?household={home.pk}",
        {"residents_present": "1", "arrival_name": "陈晓", "arrival_region": "火星"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "无法识别的地区" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_board_lists_the_least_covered_community_first(bureau, street, staff, login_as):
    household(staff["chief1"], bureau["南关社区"], "5号楼", "", "1")
    for home in street["homes"][:4]:
        visit(staff["officer1"], street["campaign"], home)

    response = login_as("commander").get(
        reverse("community:campaign", kwargs={"pk": street["campaign"].pk})
    )

    html = response.content.decode()
    assert response.status_code == 200
    board = html[html.index("各社区/村进度") :]
    assert board.index("南关社区") < board.index("北门社区")
    assert "<strong>4</strong> / 6（66%）" in html


def test_the_coverage_export_is_an_xlsx_of_the_board(street, staff, login_as):
    visit(staff["officer1"], street["campaign"], street["homes"][0])
    url = reverse("community:campaign_export", kwargs={"pk": street["campaign"].pk})
    response = login_as("chief1").post(url, {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_captain_logs_from_his_phone_page(street, staff, login_as):
    captain_assign(actor=staff["chief1"], building=street["building"], officer=staff["officer1"])
    client = login_as("officer1")
    page = client.get(reverse("community:buildings_mine")).content.decode()
    assert "34号楼" in page and "本周尚无工作记录" in page

    response = client.post(
        reverse("community:activity_new", kwargs={"pk": street["building"].pk}),
        {"kind": "entrance_temperature", "next": "mine"},
    )

    assert response.status_code == 302 and response["Location"] == reverse(
        "community:buildings_mine"
    )
    assert BuildingActivity.objects.get().kind == "entrance_temperature"


def test_another_officer_may_not_log_the_building(street, staff, login_as):
    captain_assign(actor=staff["chief1"], building=street["building"], officer=staff["officer1"])
    url = reverse("community:activity_new", kwargs={"pk": street["building"].pk})
    assert login_as("auxiliary1").post(url, {"kind": "group_notice"}).status_code == 403
    page = login_as("auxiliary1").get(
        reverse("community:building", kwargs={"pk": street["building"].pk})
    )
    assert url not in page.content.decode()
    assert not BuildingActivity.objects.exists()


def test_the_household_search_by_id_number_is_posted_and_kept_out_of_the_url(
    bureau, staff, login_as
):
    number = id_number(sequence="521")
    home = household(
        staff["chief1"], bureau["北门社区"], members=[{"name": "刘芳", "id_number": number}]
    )
    household(staff["chief1"], bureau["北门社区"], room="102")
    client = login_as("officer1")

    response = client.post(reverse("community:households"), {"q": number})

    assert response.status_code == 302 and number not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert home.label in page and "1号楼 1单元 102" not in page
    assert number not in page[page.index("<tbody>") :]  # masked in the list


def test_the_import_pages_upload_preview_and_apply(staff, login_as):
    client = login_as("officer1")
    content = xlsx_file(
        [["北门社区", "1号楼", "", "1", "", "", "", "", "", ""]], headers=IMPORT_HEADERS
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("community:import_new"),
        {"file": SimpleUploadedFile("住户.xlsx", content)},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "确认导入" in detail
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(reverse("community:import_apply", kwargs={"pk": job_pk}))
    assert Household.objects.filter(room="1").exists()


@pytest.mark.parametrize(
    "name",
    ["community:campaigns", "community:buildings", "community:households", "community:import_new"],
)
def test_list_pages_open(name, street, login_as):
    assert login_as("chief1").get(reverse(name)).status_code == 200


def test_the_person_page_names_the_visit_that_found_him(street, staff, login_as):
    from shouwang.community.services import Finding

    home = street["homes"][0]
    visit(
        staff["officer1"],
        street["campaign"],
        home,
        findings=[Finding(reason="fever", name="王婆婆", note="发热")],
    )
    person = WatchRecord.objects.get().person
    url = reverse("people:person_detail", kwargs={"pk": person.pk})

    page = login_as("officer1").get(url).content.decode()
    assert reverse("community:household", kwargs={"pk": home.pk}) in page
    liaison = login_as("health1").get(url).content.decode()
    assert "入户排查：" in liaison  # read, but no link to a page the liaison may not open
    assert reverse("community:household", kwargs={"pk": home.pk}) not in liaison
