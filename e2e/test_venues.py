"""Issue 14 on a 390×844 phone: the day's re-inspection round, a violation and its case.

The due list's first "回访" button, the inspection form's save button and the venue page's main
actions lie inside the viewport, uncovered, at least 44 px high; no page scrolls sideways.
"""

import pytest
from django.utils import timezone

from e2e.conftest import log_in, screenshot
from e2e.test_phone_layout import assert_reachable
from shouwang.cases.models import Case
from shouwang.venues.services import closure_order_issue
from shouwang.venues.tests.factories import venue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def closed_room(staff):
    room = venue(
        staff["chief1"], kind="mahjong_room", name="汇景小区棋牌室", officer=staff["officer1"]
    )
    closure_order_issue(
        actor=staff["chief1"],
        unit=staff["chief1"].unit,
        kinds=["mahjong_room"],
        legal_basis="县指挥部第3号通告",
        effective_at=timezone.now(),
    )
    return room


def test_the_round_of_the_day_and_a_violation_on_a_phone(phone_page, live_server, closed_room):
    page = phone_page
    log_in(page, live_server, "auxiliary1")
    page.goto(f"{live_server.url}/venues/due/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    visit = page.get_by_role("button", name="回访", exact=True).first
    assert_reachable(visit, "due list: 回访")
    screenshot(page, "venues-due-phone")

    visit.click()
    page.wait_for_url("**/inspect/**")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    save = page.get_by_role("button", name="保存检查")
    assert_reachable(save, "inspection: 保存检查")
    page.get_by_role("radio", name="违规").check()
    page.fill("textarea[name=notes]", "夜间4人聚集打麻将")
    save.click()
    page.wait_for_url("**/cases/**")
    case = Case.objects.get()
    assert case.kind == "defying_order"
    assert "夜间4人聚集打麻将" in page.content()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "venues-case-phone")


def test_the_venue_page_shows_its_main_actions_without_scrolling(
    phone_page, live_server, closed_room
):
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/venues/{closed_room.pk}/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_reachable(page.get_by_role("button", name="记录检查"), "venue: 记录检查")
    screenshot(page, "venues-detail-phone")
