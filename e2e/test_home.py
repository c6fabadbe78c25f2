"""The chief's home on a 390×844 phone (issue 11 item 10): today's figures fill the first screen as
tappable tiles, and a tile opens its list filtered to the rows it counts."""

import re

import pytest

from e2e.conftest import log_in, screenshot
from shouwang.shell.tests.home_data import (
    build_day,
    make_checkpoints,
    register_passage,
    start_emergency,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 390, "height": 844}


@pytest.fixture
def day(bureau, staff):
    checkpoints = make_checkpoints(bureau)
    start_emergency(bureau, staff)
    return build_day(bureau, staff, checkpoints)


def _visible_limit(page) -> float:
    """The bottom of what the screen shows: the viewport, or the top of a bottom bar over it."""
    limit = float(VIEWPORT["height"])
    bar = page.locator(".bottom-bar")
    if bar.count() and bar.first.is_visible():
        limit = min(limit, bar.first.bounding_box()["y"])
    return limit


def test_the_chiefs_figures_fill_the_first_screen_of_a_phone(live_server, day, phone_page):
    page = phone_page
    log_in(page, live_server, "chief1")
    page.wait_for_url(f"{live_server.url}/")
    tiles = page.locator("a.tile")
    # 5 checkpoint figures × (today, since) + 8 tiles of people and passes.
    assert tiles.count() == 18
    limit = _visible_limit(page)
    for index in range(tiles.count()):
        box = tiles.nth(index).bounding_box()
        text = tiles.nth(index).inner_text()
        assert box["y"] >= 0 and box["y"] + box["height"] <= limit, (text, box, limit)
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], (text, box)
        assert box["height"] >= 44, (text, box)  # a finger's touch target
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    due = page.locator('[data-tile="followups_due"]')
    assert due.locator("strong").inner_text() == "1"
    assert "今日随访" in due.inner_text() and "已完成 1/2" in due.inner_text()
    screenshot(page, "home-chief1-figures-phone")


def test_the_follow_up_tile_opens_todays_due_list(live_server, day, phone_page):
    page = phone_page
    log_in(page, live_server, "chief1")
    page.wait_for_url(f"{live_server.url}/")
    page.locator("a.tile", has_text="今日随访").click()
    page.wait_for_url(re.compile(r"/people/followups/due/$"))
    main = page.locator("main")
    assert "钱新" in main.inner_text()  # isolating from today, not followed up yet
    assert "赵隔" not in main.inner_text()  # followed up today


def test_the_handover_tile_opens_the_handovers_waiting(live_server, day, phone_page):
    page = phone_page
    log_in(page, live_server, "chief1")
    page.wait_for_url(f"{live_server.url}/")
    tile = page.locator('[data-tile="handovers_waiting"]')
    assert "卡点移交待核实" in tile.inner_text()
    tile.click()
    page.wait_for_url(re.compile(r"/people/\?source=checkpoint_handover&watch_status=open$"))
    main = page.locator("main").inner_text()
    assert "李交" in main
    assert "王核" not in main and "张开" not in main
    # The list's own filters show what it is filtered by.
    assert page.locator("select[name=watch_status]").input_value() == "open"
    assert page.locator("select[name=source]").input_value() == "checkpoint_handover"
    screenshot(page, "home-chief1-handovers-phone")


def test_a_volunteers_home_puts_register_and_scan_under_his_thumb(
    live_server, bureau, staff, phone_page
):
    checkpoints = make_checkpoints(bureau)
    register_passage(staff["volunteer1"], checkpoints["east"], occupants_count=2)
    page = phone_page
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    limit = _visible_limit(page)
    for selector in ('[data-action="register"]', '[data-action="scan"]', '[data-tile="passages"]'):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= limit, (selector, box, limit)
        assert box["height"] >= 44
    assert page.locator('[data-tile="passages"] strong').inner_text() == "1"
    screenshot(page, "home-volunteer1-phone")
    page.locator('[data-action="register"]').click()
    page.wait_for_url(re.compile(rf"/checkpoints/{checkpoints['east'].pk}/register/$"))
