"""The one listing helper: filters, search in either script, whitelisted sort, robust paging."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from shouwang.checkpoints.services import passage_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data
from shouwang.people.tests.factories import register
from shouwang.shell.listing import Listing
from shouwang.units.filters import UnitFilter
from shouwang.units.models import Unit

HUGE = "9" * 30  # past any database integer


@pytest.fixture
def three_people(staff):
    officer = staff["officer1"]
    return [register(officer, name=name) for name in ("张伟", "李娜", "王芳")]


def _names(response) -> list[str]:
    return [person.name for person in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("0", 2), ("-2", 2), (HUGE, 2), ("1.5", 1), ("", 1), ("2", 2)],
)
def test_a_page_that_is_no_number_or_out_of_range_shows_the_first_or_last_page(bureau, page, shown):
    units = Unit.objects.filter(path__startswith=bureau["城关派出所"].path).order_by("path")
    request = RequestFactory().get("/units/", {"page": page})
    context = Listing(UnitFilter, per_page=2).page(request, units)
    assert units.count() == 4  # the station and the units below it
    assert context["page_obj"].number == shown
    assert context["page_obj"].paginator.num_pages == 2
    assert context["query_without_page"] == ""


@pytest.mark.parametrize("page", ["abc", "0", HUGE, "1e400"])
def test_the_people_list_answers_any_page_value_with_200(login_as, three_people, page):
    response = login_as("officer1").get(reverse("people:list"), {"page": page})
    assert response.status_code == 200
    assert _names(response) == ["王芳", "李娜", "张伟"]


def test_an_oversized_unit_id_in_the_people_filter_is_ignored_not_a_500(login_as, three_people):
    response = login_as("officer1").get(reverse("people:list"), {"unit": HUGE})
    assert response.status_code == 200
    assert _names(response) == ["王芳", "李娜", "张伟"]


def test_an_oversized_checkpoint_id_in_the_passage_filter_is_ignored_not_a_500(
    login_as, staff, bureau
):
    checkpoint = make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")
    passage_register(actor=staff["officer1"], data=passage_data(checkpoint))
    response = login_as("officer1").get(reverse("checkpoints:passages"), {"checkpoint": HUGE})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1


def test_a_whitelisted_sort_orders_the_list_and_any_other_key_is_ignored(login_as, three_people):
    client = login_as("officer1")
    assert _names(client.get(reverse("people:list"), {"sort": "created"})) == [
        "张伟",
        "李娜",
        "王芳",
    ]
    assert _names(client.get(reverse("people:list"), {"sort": "-created"})) == [
        "王芳",
        "李娜",
        "张伟",
    ]
    # Not a sort key of the list (and a personal column): the list keeps its own order.
    assert _names(client.get(reverse("people:list"), {"sort": "id_number_index"})) == [
        "王芳",
        "李娜",
        "张伟",
    ]


def test_the_unit_list_finds_a_unit_typed_in_traditional_characters(login_as):
    response = login_as("commander").get(reverse("units:list"), {"q": "城關"})
    assert [unit.name for unit in response.context["units"]] == ["城关派出所", "城关东出口卡点"]


def test_the_paging_links_keep_the_filters_and_drop_the_page(login_as, three_people):
    response = login_as("officer1").get(reverse("people:list"), {"flagged": "", "page": "1"})
    assert response.context["query_without_page"] == "flagged="
    assert response.context["filters"]["q"] == ""
