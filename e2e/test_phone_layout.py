"""Issue 11, items 5 and 6: the field work on a 390×844 phone, the keyboard open or not.

Positions are asserted, not only presence: the disposition buttons and the bottom bar's entries
lie inside the viewport and are not covered by anything; lists have no sideways scroll and show
their row's action; touch targets are at least 44 px.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import SCREENSHOTS, log_in, screenshot
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data
from shouwang.people.models import IsolationKind
from shouwang.people.services import episode_start
from shouwang.people.tests.factories import id_number, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DISPOSITIONS = ["放行", "登记放行", "劝返", "移交卫健"]
TOUCH = 44  # px, the smallest target a thumb hits reliably

# In the viewport, at full size, and the topmost element at its centre (nothing covers it).
ON_SCREEN = """(element) => {
  const box = element.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const top = document.elementFromPoint(x, y);
  return {
    top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    width: box.width, height: box.height,
    inside: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
    uncovered: top !== null && (top === element || element.contains(top)),
  };
}"""


def on_screen(locator) -> dict:
    return locator.evaluate(ON_SCREEN)


def assert_reachable(locator, name: str) -> None:
    place = on_screen(locator)
    assert place["inside"], (name, place)
    assert place["uncovered"], (name, place)
    assert place["height"] >= TOUCH, (name, place)


@pytest.fixture
def checkpoint(bureau):
    return make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")


@pytest.fixture
def field_work(staff, checkpoint):
    """A passage at the checkpoint and a person isolated at home since yesterday, due today."""
    officer = staff["officer1"]
    passage_register(actor=officer, data=passage_data(checkpoint, plate="陕K12345"))
    person = register(
        officer,
        name="王志强",
        id_number=id_number(sequence="351"),
        current_address="城关镇东大街28号北门社区5号楼1单元302室",
    )
    episode = episode_start(
        actor=officer,
        person=person,
        kind=IsolationKind.HOME,
        start_date=timezone.localdate() - timedelta(days=1),
        officer=officer,
    )
    return {"person": person, "episode": episode}


def dispositions(page):
    bar = page.locator(".dispositions")
    return [bar.get_by_role("button", name=label, exact=True) for label in DISPOSITIONS]


def test_the_dispositions_stay_on_screen_after_typing_the_plate_even_with_the_keyboard_open(
    live_server, staff, checkpoint, phone_page
):
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    for button, label in zip(dispositions(page), DISPOSITIONS, strict=True):
        assert_reachable(button, label)  # the empty form, nothing typed yet
    page.fill("#plate", "A12345")
    page.wait_for_selector(".plate-summary")
    for button, label in zip(dispositions(page), DISPOSITIONS, strict=True):
        assert_reachable(button, label)
    screenshot(page, "register-plate-phone")
    # The on-screen keyboard takes about 340 px: the page is left 390×500, the plate focused.
    page.set_viewport_size({"width": 390, "height": 500})
    page.focus("#plate")
    for button, label in zip(dispositions(page), DISPOSITIONS, strict=True):
        assert_reachable(button, label)
    # Typing, the bottom bar steps aside: the buttons sit at the very bottom.
    assert page.locator(".bottom-bar").is_hidden()
    assert on_screen(dispositions(page)[0])["bottom"] > 500 - 70
    screenshot(page, "register-keyboard-phone")
    # Further down the form (the temperature), the buttons are still in reach.
    page.focus("input[name=temperature]")
    page.fill("input[name=temperature]", "36.5")
    for button, label in zip(dispositions(page), DISPOSITIONS, strict=True):
        assert_reachable(button, label)


def test_a_returning_local_car_is_registered_with_the_plate_and_one_tap(
    live_server, staff, checkpoint, phone_page
):
    officer = staff["officer1"]
    passage_register(
        actor=officer,
        data=passage_data(checkpoint, plate="陕K88888", vehicle_kind="truck", occupants_count=2),
    )
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    page.fill("#plate", "K88888")  # input 1 (陕 is the local province, already chosen)
    page.wait_for_selector("#prefill-data", state="attached")
    dispositions(page)[0].click()  # input 2: 放行
    page.wait_for_selector(".message")
    latest = Passage.objects.filter(plate="陕K88888").order_by("-id").first()
    assert Passage.objects.filter(plate="陕K88888").count() == 2
    assert (latest.vehicle_kind, latest.occupants_count, latest.disposition) == (
        "truck",
        2,
        "passed",
    )


def test_the_province_selector_shows_its_character_whole(
    live_server, staff, checkpoint, phone_page
):
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    select = page.locator("select[name=province]")
    select.select_option("鄂")
    room = select.evaluate(
        """(s) => { const style = getComputedStyle(s);
        return { text: s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
                 font: parseFloat(style.fontSize), height: s.getBoundingClientRect().height }; }"""
    )
    # One Chinese character is one em wide: the box between the paddings holds it whole.
    assert room["text"] >= room["font"] * 1.1, room
    assert room["font"] >= 20 and room["height"] >= TOUCH, room
    screenshot(page, "province-phone")
    select.screenshot(path=str(SCREENSHOTS / "province-select-phone.png"))


def test_touch_targets_of_the_registration_page_are_44px(
    live_server, staff, checkpoint, phone_page
):
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    small = page.evaluate(
        """() => [...document.querySelectorAll(
             '.reg .chips label, .reg select, .reg summary, .dispositions button, .bottom-bar a, .bottom-bar summary')]
           .filter(e => e.getClientRects().length)
           .map(e => [e.textContent.trim(), e.getBoundingClientRect().height])
           .filter(([, h]) => h < 44)"""
    )
    assert small == []


BARS = {
    "officer1": ["卡点登记", "重点人员", "今日随访", "健康预警"],
    "health1": ["重点人员", "健康预警"],
    "volunteer1": ["卡点登记", "扫码核验", "通行记录", "我的班次"],
}


@pytest.mark.parametrize("username", sorted(BARS))
def test_the_bottom_bar_shows_the_roles_daily_pages_on_screen(
    live_server, staff, checkpoint, phone_page, username
):
    page = phone_page
    log_in(page, live_server, username)
    page.wait_for_url(f"{live_server.url}/")
    links = page.locator(".bottom-bar > ul > li > a")
    assert links.all_inner_texts() == BARS[username]
    for index, label in enumerate(BARS[username]):
        assert_reachable(links.nth(index), label)
    more = page.locator(".bottom-bar summary")
    assert more.inner_text() == "更多"
    assert_reachable(more, "更多")
    # The top menu is folded away: nothing of the page is wider than the phone.
    assert page.locator(".main-nav").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # 更多 opens a drawer with the rest of the menu and the account, every entry on screen.
    more.click()
    drawer = page.locator(".bottom-bar .drawer a, .bottom-bar .drawer button")
    texts = [text.strip() for text in drawer.all_inner_texts()]
    assert "首页" in texts and "退出" in texts and "修改密码" in texts
    assert not set(BARS[username]) & set(texts)
    # A long menu scrolls inside the drawer: each entry comes whole into view when scrolled to.
    for index in range(drawer.count()):
        drawer.nth(index).scroll_into_view_if_needed()
        assert_reachable(drawer.nth(index), texts[index])
    screenshot(page, f"bottom-bar-drawer-{username}-phone")
    # A tap outside the drawer closes it.
    page.mouse.click(200, 100)
    assert page.locator(".bottom-bar .drawer").is_hidden()


def test_the_desktop_keeps_its_top_menu_and_no_bottom_bar(live_server, staff, desktop_page):
    page = desktop_page
    log_in(page, live_server, "officer1")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator(".bottom-bar").is_hidden()
    top = page.locator(".main-nav a")
    assert {"重点人员", "今日随访", "健康预警"} <= set(top.all_inner_texts())
    for index in range(top.count()):
        assert_reachable(top.nth(index), top.nth(index).inner_text())
    assert page.locator(".topbar .account").is_visible()
    screenshot(page, "home-officer-desktop")


# page, the action of its first row (a button or the link to the record)
LISTS = {
    "people": ("/people/", "tbody tr:first-child td:first-child a"),
    "due": ("/people/followups/due/", "tbody tr:first-child a[role=button]"),
    "passages": ("/checkpoints/passages/", "tbody tr:first-child td:first-child a"),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lists_are_cards_on_a_phone_with_the_rows_action_visible(
    live_server, staff, field_work, phone_page, name
):
    path, action = LISTS[name]
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}{path}")
    widths = page.evaluate(
        """() => ({ page: document.documentElement.scrollWidth,
             tables: [...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth) })"""
    )
    assert widths["page"] <= 390, widths
    assert widths["tables"] and max(widths["tables"]) <= 0, widths
    button = page.locator(action)
    button.scroll_into_view_if_needed()
    place = on_screen(button)
    assert place["inside"] and place["uncovered"], place
    assert place["height"] >= TOUCH, place
    # A card's cell is labelled with its column's header; the header row itself is hidden.
    second = page.locator("tbody tr:first-child td:nth-child(2)")
    label = second.evaluate("(td) => getComputedStyle(td, '::before').content")
    header = page.locator("thead th:nth-child(2)").inner_text()
    assert label == f'"{header}"'
    assert page.evaluate("document.querySelector('thead').getBoundingClientRect().height") <= 1
    screenshot(page, f"list-{name}-phone")


def test_the_due_list_leads_to_the_follow_up_form_from_a_card(
    live_server, staff, field_work, phone_page
):
    page = phone_page
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/people/followups/due/")
    card = page.locator("tbody tr", has_text="王志强")
    card.locator("a[role=button]", has_text="登记").click()
    page.wait_for_url("**/followup/**")
    assert page.locator("h1").inner_text() == "登记随访：王志强"


def test_date_fields_are_prefilled_with_today(live_server, staff, field_work, phone_page):
    page = phone_page
    today = timezone.localdate().isoformat()
    log_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/people/{field_work['person'].pk}/isolate/")
    # The value the date picker shows (an ISO value): not empty, as a locale-formatted one was.
    assert page.locator("input[name=start_date]").input_value() == today
    screenshot(page, "episode-form-phone")
    page.goto(f"{live_server.url}/people/followups/due/")
    assert page.locator("input[name=date]").input_value() == today
    page.goto(f"{live_server.url}/passes/new/")
    assert page.locator("input[name=valid_from]").input_value().startswith(today + "T")
