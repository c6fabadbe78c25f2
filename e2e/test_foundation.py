import pytest

from e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_station_chief_logs_in_on_a_phone_and_sees_his_station(live_server, staff, phone_page):
    page = phone_page
    log_in(page, live_server, "chief1")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "城关派出所"
    assert "白云山派出所" not in page.content()
    path = screenshot(page, "home-chief1-phone")
    assert path.stat().st_size > 10_000


def test_the_commander_switches_to_emergency_mode_and_the_banner_appears(
    live_server, staff, bureau, desktop_page
):
    page = desktop_page
    log_in(page, live_server, "commander")
    page.wait_for_url(f"{live_server.url}/")
    page.click("text=一键平急转换")
    page.select_option("select[name=level]", "1")
    page.fill("input[name=reason]", "启动一级响应")
    page.click("button[type=submit]")
    page.wait_for_selector(".emergency-banner")
    assert page.locator(".emergency-banner").inner_text().strip() == "战时状态：一级响应"
    screenshot(page, "emergency-commander-desktop")


def test_a_reveal_shows_the_full_number_in_place(live_server, staff, desktop_page):
    page = desktop_page
    log_in(page, live_server, "chief1")
    page.goto(f"{live_server.url}/account/staff/?q=张明")
    row = page.locator(f"#member-{staff['officer1'].pk}")
    assert "139****0004" in row.inner_text()
    row.locator("input[name=reason]").fill("排班联系")
    row.locator("button").click()
    page.wait_for_selector(".revealed")
    assert "13909120004" in row.inner_text()
    screenshot(page, "staff-reveal-desktop")


def test_five_wrong_passwords_lock_the_account_from_that_address(live_server, staff, phone_page):
    page = phone_page
    for _attempt in range(5):
        log_in(page, live_server, "officer1", "wrong-password")
    log_in(page, live_server, "officer1")
    assert "该账号已在此地址锁定" in page.content()
    screenshot(page, "locked-phone")
