"""Each role's home (issue 11 items 8 and 10): the chief and the commander land on today's figures
of their unit, each a link to the list that shows exactly those rows; a volunteer lands on his
post's work. The figures cost a fixed number of queries whatever the size of the unit."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shouwang.checkpoints.models import Checkpoint, CheckpointKind

from .home_data import (
    build_day,
    issue_pass,
    make_checkpoints,
    register_passage,
    start_emergency,
    watched_person,
)


@pytest.fixture
def checkpoints(bureau):
    return make_checkpoints(bureau)


@pytest.fixture
def emergency(bureau, staff):
    return start_emergency(bureau, staff)


@pytest.fixture
def dataset(bureau, staff, checkpoints, emergency):
    return build_day(bureau, staff, checkpoints)


def _tiles(response) -> dict:
    return {tile.key: tile for tile in response.context["tiles"]}


def _checkpoint_rows(response) -> dict:
    return {row["key"]: row for row in response.context["checkpoint"]["rows"]}


def test_the_chief_lands_on_his_stations_figures_of_today(login_as, dataset):
    response = login_as("chief1").get("/")
    assert response.status_code == 200
    rows = _checkpoint_rows(response)
    assert {key: (row["today"], row["since_value"]) for key, row in rows.items()} == {
        "vehicles_passed": (2, 3),
        "vehicles_registered": (0, 0),
        "vehicle_turn_backs": (1, 1),
        "people_checked": (2, 2),
        "people_turned_back": (3, 3),
    }
    tiles = _tiles(response)
    assert {key: tile.value for key, tile in tiles.items()} == {
        "followups_due": 1,
        "followups_overdue": 2,
        "handovers_waiting": 1,
        "watched_open": 3,
        "watched_verified": 1,
        "watched_isolating": 2,
        "passes_expiring_1": 1,
        "passes_expiring_3": 2,
    }
    assert tiles["followups_due"].note == "已完成 1/2"
    body = response.content.decode()
    assert "今日随访" in body and "卡点移交待核实" in body
    assert "一键平急转换" in body
    assert "管辖单位" not in body  # the figures, not the unit tree


def test_the_second_column_counts_since_the_emergency_began(login_as, dataset, emergency):
    response = login_as("chief1").get("/")
    checkpoint = response.context["checkpoint"]
    assert checkpoint["since"] == emergency
    assert checkpoint["since_label"] == f"响应以来（{emergency:%m-%d}起）"


def test_without_an_emergency_the_second_column_is_the_last_30_days(login_as, staff, checkpoints):
    register_passage(staff["chief1"], checkpoints["east"], days_ago=10)
    response = login_as("chief1").get("/")
    checkpoint = response.context["checkpoint"]
    assert checkpoint["since_label"] == "近30日"
    assert checkpoint["since"] == timezone.localdate() - timedelta(days=29)
    assert _checkpoint_rows(response)["vehicles_passed"]["since_value"] == 1
    assert _checkpoint_rows(response)["vehicles_passed"]["today"] == 0


def test_the_commander_sees_every_station_of_the_bureau(login_as, dataset):
    response = login_as("commander").get("/")
    rows = _checkpoint_rows(response)
    assert rows["vehicles_passed"]["today"] == 3  # 白云山's car too
    tiles = _tiles(response)
    assert tiles["handovers_waiting"].value == 2  # 白云山's handover too
    assert "一键平急转换" in response.content.decode()


def _listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


@pytest.mark.parametrize("username", ["chief1", "commander"])
def test_each_tile_links_to_a_list_showing_exactly_its_rows(login_as, dataset, username):
    client = login_as(username)
    response = client.get("/")
    for tile in response.context["tiles"]:
        assert _listed(client, tile.url) == tile.value, (tile.key, tile.url)
    for row in response.context["checkpoint"]["rows"]:
        for period, value in (("today", row["today"]), ("since", row["since_value"])):
            figures = client.get(row[f"{period}_url"]).context["figures"]
            assert figures[row["key"]] == value, (row["key"], period)


def test_the_tiles_link_to_the_filtered_lists(login_as, dataset, emergency):
    response = login_as("chief1").get("/")
    tiles = _tiles(response)
    assert tiles["followups_due"].url == reverse("people:due")
    assert tiles["handovers_waiting"].url == (
        reverse("people:list") + "?source=checkpoint_handover&watch_status=open"
    )
    assert tiles["watched_verified"].url == reverse("people:list") + "?watch_status=verified"
    assert tiles["passes_expiring_3"].url == reverse("passes:list") + "?expiring=3"
    today = timezone.localdate()
    unit = response.context["unit"].pk
    row = _checkpoint_rows(response)["vehicles_passed"]
    assert row["today_url"] == f"/checkpoints/figures/?unit={unit}&from={today}&to={today}"
    assert row["since_url"] == f"/checkpoints/figures/?unit={unit}&from={emergency}&to={today}"
    body = response.content.decode()
    assert 'href="/people/?source=checkpoint_handover&amp;watch_status=open"' in body


def test_a_handover_record_closed_is_not_waiting_even_if_another_record_is_open(login_as, dataset):
    # 王核 has a verified handover and an open tip: he is open, but no handover waits.
    client = login_as("chief1")
    names = [
        person.name
        for person in client.get("/people/?source=checkpoint_handover&watch_status=open").context[
            "page_obj"
        ]
    ]
    assert names == ["李交"]


def test_the_figures_cost_the_same_few_queries_however_many_rows(
    login_as, staff, dataset, checkpoints
):
    client = login_as("chief1")
    client.get("/")  # the session and the follow-up rows settle
    with CaptureQueriesContext(connection) as first:
        assert client.get("/").status_code == 200
    chief = staff["chief1"]
    for number in range(6):
        register_passage(chief, checkpoints["east"], plate=f"陕K7{number:04d}")
        watched_person(chief, f"周{'一二三四五六'[number]}", f"3{number:02d}")
        issue_pass(chief, starts=-timedelta(days=1), ends=timedelta(hours=3 + number))
    with CaptureQueriesContext(connection) as second:
        response = client.get("/")
    assert _tiles(response)["watched_open"].value == 9
    assert len(second) == len(first)
    assert len(first) <= 16, "\n".join(query["sql"] for query in first.captured_queries)


def test_a_volunteer_lands_on_his_posts_work(login_as, staff, checkpoints):
    east = checkpoints["east"]
    register_passage(staff["volunteer1"], east, occupants_count=2)
    register_passage(
        staff["chief1"], east, plate="陕K22222", disposition="turned_back", occupants_count=4
    )
    register_passage(staff["chief1"], east, days_ago=1, plate="陕K33333")
    register_passage(staff["chief2"], checkpoints["baiyun"], plate="陕K44444")
    client = login_as("volunteer1")
    response = client.get("/")
    body = response.content.decode()
    assert f'href="/checkpoints/{east.pk}/register/"' in body
    assert 'href="/passes/scan/"' in body
    assert "登记 · 城关东出口卡点" in body and "扫码核验通行证" in body
    assert "管辖单位" not in body and "重点人员" not in body
    (post,) = response.context["posts"]
    assert post["checkpoint"] == east
    assert post["counts"]["passages"] == 2
    assert post["counts"]["people_met"] == 6
    assert post["counts"]["people_turned_back"] == 4
    # The count opens today's passages at the post.
    assert _listed(client, post["passages_url"]) == 2
    assert re.search(r'data-tile="passages"><strong>2</strong>', body)


def test_a_volunteer_without_a_checkpoint_is_told_so(login_as, staff):
    response = login_as("volunteer1").get("/")
    assert response.context["posts"] == []
    assert "您所在单位还没有卡点" in response.content.decode()


def test_the_volunteers_last_post_comes_first(login_as, staff, bureau, checkpoints):
    second = Checkpoint.objects.create(
        unit=bureau["城关东出口卡点"], name="城关东出口二号岗", kind=CheckpointKind.RESIDENTIAL_GATE
    )
    client = login_as("volunteer1")
    session = client.session
    session["checkpoints.shift_checkpoint"] = second.pk
    session.save()
    posts = client.get("/").context["posts"]
    assert [post["checkpoint"].pk for post in posts] == [second.pk, checkpoints["east"].pk]


@pytest.mark.parametrize("username", ["officer1", "duty1", "health1", "auxiliary1"])
def test_other_roles_keep_the_menu_of_their_work(login_as, username):
    response = login_as(username).get("/")
    assert response.status_code == 200
    assert "tiles" not in response.context
    assert "城关派出所" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/passes/?expiring=abc",
        "/passes/?expiring=0",
        "/passes/?expiring=99999999999999999999",
        "/people/?watch_status=nonsense&source=%3Cscript%3E",
    ],
)
def test_the_new_list_filters_never_break_on_bad_input(login_as, dataset, url):
    assert login_as("chief1").get(url).status_code == 200


def test_a_pass_list_by_expiry_counts_only_passes_valid_now(login_as, dataset):
    client = login_as("chief1")
    assert _listed(client, "/passes/?expiring=1") == 1  # not the revoked one, nor the future one
    assert _listed(client, "/passes/?expiring=3") == 2
    assert _listed(client, "/passes/?expiring=30") == 3
    assert _listed(client, "/passes/?expiring=abc") == 6  # ignored: every pass
