"""The field chain on a phone (390×844): a fever case handed over at a checkpoint reaches the
health liaison; an empty form tapped by mistake stores nothing and says why (issue 11, 1 and 2)."""

import pytest

from e2e.conftest import log_in, screenshot
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.tests.factories import make_checkpoint
from shouwang.people.models import Alert, WatchRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
FEVER_ID = "610824198801150717"


@pytest.fixture
def checkpoint(bureau):
    return make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")


def phone(browser):
    return browser.new_context(viewport=PHONE, locale="zh-CN")


def assert_on_screen(locator) -> None:
    """The element is laid out inside the phone's screen as the page opened: no scrolling."""
    locator.wait_for(state="visible")
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


def test_a_fever_case_handed_over_on_a_phone_reaches_the_health_liaison(
    live_server, staff, checkpoint, browser
):
    officer = phone(browser)
    page = officer.new_page()
    log_in(page, live_server, "officer1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    page.fill("#plate", "A12345")
    page.click("summary:has-text('逐人登记')")
    page.click("#add-occupant")
    row = page.locator("#occupants .occupant").last
    row.locator("input[name=occupant_name]").fill("张三")
    row.locator("input[name=occupant_id_number]").fill(FEVER_ID)
    row.locator("input[name=occupant_temperature]").fill("38.6")
    # Tapped straight from the temperature field, keyboard open: the field blurs on the
    # tap's mousedown, and the bars must not move before the click lands.
    assert page.evaluate("document.activeElement.name") == "occupant_temperature"
    page.click("button[name=disposition][value=handed_over]")
    page.wait_for_selector("text=已登记：陕A12345 · 移交卫健")
    screenshot(page, "handover-officer-phone")
    officer.close()

    record = WatchRecord.objects.select_related("person").get()
    assert (record.person.name, record.person.id_number) == ("张三", FEVER_ID)
    assert Alert.objects.get().person == record.person

    health = phone(browser)
    page = health.new_page()
    log_in(page, live_server, "health1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/people/liaison/")
    page.click("text=卡点移交（1）")
    page.wait_for_url("**/people/liaison/?tab=handed_over")
    row = page.locator("tr.handover")
    assert row.count() == 1
    text = row.inner_text()
    assert "张*" in text and "城关东出口卡点" in text and "38.6℃" in text
    assert "待识别" not in text
    # The row's name and where/when/how hot are on the phone's screen, not below or aside.
    assert_on_screen(row.locator("td").nth(0))
    assert_on_screen(row.locator("td").nth(1))
    screenshot(page, "handover-liaison-phone")

    page.goto(f"{live_server.url}/people/alerts/")
    alert = page.locator("text=张三 在城关东出口卡点 体温38.6℃，已移交卫健")
    assert_on_screen(alert)
    health.close()


def test_tapping_turn_back_on_an_empty_form_stores_nothing_and_says_why(
    live_server, staff, checkpoint, phone_page
):
    page = phone_page
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    assert page.input_value("input[name=occupants_count]") == "1"
    assert page.locator("input[name=vehicle_kind]:checked").count() == 0

    page.click("button[name=disposition][value=turned_back]")
    page.wait_for_load_state()

    error = page.locator(".errorlist", has_text="请填写车牌，或选择行人/非机动车")
    assert_on_screen(error)
    assert_on_screen(page.locator("[role=alert]", has_text="请更正以下错误后再提交"))
    assert Passage.objects.count() == 0
    screenshot(page, "empty-form-phone")

    # Said what came, the same tap stores it.
    page.click("label:has-text('行人')")
    page.click("button[name=disposition][value=turned_back]")
    page.wait_for_selector("text=已登记：行人 · 劝返")
    assert Passage.objects.get().vehicle_kind == "pedestrian"
