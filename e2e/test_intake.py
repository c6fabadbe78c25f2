"""Issue 12 on a 390×844 phone: a resident reports a tip without an account (a wrong challenge
answer loses nothing typed), follows it by its code; the duty desk sees it first and claims it."""

import pytest
from captcha.models import CaptchaStore

from e2e.conftest import log_in, screenshot
from shouwang.intake.models import Report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INSIDE = """(element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth
    && box.height >= 44;
}"""


def answer(page) -> str:
    key = page.locator("input[name=captcha_0]").input_value()
    return CaptchaStore.objects.get(hashkey=key).response


def test_a_resident_reports_a_tip_and_the_desk_claims_it(phone_page, live_server, bureau, staff):
    page = phone_page
    page.goto(f"{live_server.url}/public/")
    for name in ("我要求助", "举报线索", "反映诉求"):
        assert page.get_by_role("button", name=name).evaluate(INSIDE), name
    page.get_by_role("button", name="举报线索").click()
    page.get_by_text("重点地区来人").click()
    page.fill("textarea[name=text]", "34号楼下停着鄂A牌照的车，好几天了")
    page.fill("input[name=place]", "北门社区34号楼")
    page.fill("input[name=plate]", "鄂A12345")
    page.select_option("select[name=unit]", label="北门社区")
    page.fill("input[name=contact_phone]", "13800138000")
    page.fill("input[name=captcha_1]", "999")
    page.get_by_role("button", name="提交").click()
    assert "验证码不正确" in page.content()
    assert page.input_value("textarea[name=text]") == "34号楼下停着鄂A牌照的车，好几天了"
    assert page.input_value("input[name=plate]") == "鄂A12345"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("input[name=captcha_1]", answer(page))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/public/status/**")
    report = Report.objects.get()
    assert report.display_code in page.content() and "待受理" in page.content()
    screenshot(page, "intake-status-phone")

    log_in(page, live_server, "duty1")
    page.goto(f"{live_server.url}/intake/")
    first = page.locator(".queue-item").first
    assert first.evaluate("(e) => e.getBoundingClientRect().top < innerHeight")
    first.locator("a").click()
    claim = page.get_by_role("button", name="受理（由我处理）")
    assert claim.evaluate(INSIDE)
    screenshot(page, "intake-report-phone")
    claim.click()
    assert "由 周敏" in page.content()
    report.refresh_from_db()
    assert report.handler.username == "duty1"
