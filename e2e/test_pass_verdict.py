"""The scanner's verdict on a 390×844 phone: every text the officer compares (result, detail,
plates, holder, period) reaches WCAG AA contrast (4.5:1) on the panel as the browser paints it,
in a light and a dark phone theme; the plates are big and on screen without scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import log_in, screenshot
from shouwang.checkpoints.models import Checkpoint, CheckpointKind
from shouwang.passes.services import pass_issue, pass_revoke
from shouwang.passes.tests.conftest import CREDIT_CODE
from shouwang.passes.tests.contrast import contrast_ratio

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AA = 4.5
PLATES = ["陕K12345", "陕KA7788"]
# Each text of the panel the officer reads, with the colour and size the browser computed.
READ_PANEL = """(panel) => {
  const style = getComputedStyle(panel);
  const texts = [...panel.querySelectorAll(
    '.verdict-label, .verdict-detail, .verdict-plates .plate, .verdict-facts dt, .verdict-facts dd'
  )].map((element) => {
    const computed = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      text: element.innerText, className: element.className, tag: element.tagName,
      color: computed.color, size: parseFloat(computed.fontSize),
      top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    };
  });
  return {background: style.backgroundColor, texts};
}"""


def _pass(actor, *, days_from, days_to, checkpoints=()):
    now = timezone.now()
    return pass_issue(
        actor=actor,
        holder_kind="enterprise",
        enterprise_name="长庆油田运输公司",
        credit_code=CREDIT_CODE,
        purpose="油田物资运输",
        valid_from=now + timedelta(days=days_from),
        valid_to=now + timedelta(days=days_to),
        plates=PLATES,
        checkpoints=list(checkpoints),
    )


@pytest.fixture
def presented(staff, bureau):
    """A code for each verdict the panel can show, at the volunteer's checkpoint."""
    east = Checkpoint.objects.create(
        unit=bureau["城关东出口卡点"], name="城关东出口卡点", kind=CheckpointKind.HIGHWAY_EXIT
    )
    west = Checkpoint.objects.create(
        unit=bureau["城关派出所"], name="城关西卡点", kind=CheckpointKind.OTHER
    )
    chief = staff["chief1"]
    revoked = _pass(chief, days_from=-1, days_to=30)
    pass_revoke(actor=chief, pass_record=revoked, reason="企业停工")
    codes = {
        "valid": _pass(chief, days_from=-1, days_to=30).display_code,
        "expired": _pass(chief, days_from=-30, days_to=-1).display_code,
        "not_yet_valid": _pass(chief, days_from=1, days_to=30).display_code,
        "revoked": revoked.display_code,
        "wrong_checkpoint": _pass(chief, days_from=-1, days_to=30, checkpoints=[west]).display_code,
        "forged": "ZZZZ-ZZZZ",
    }
    return east, codes


def _verdicts(page, live_server, east, codes, name):
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    for result, code in codes.items():
        page.goto(f"{live_server.url}/passes/scan/?checkpoint={east.pk}")
        page.fill("#code-input", code)
        # The officer is down at the code field: the verdict must come into view by itself.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.locator("#code-input").press("Enter")
        panel = page.locator(f".verdict[data-result={result}]")
        panel.wait_for()
        read = panel.evaluate(READ_PANEL)
        if result == "valid":
            screenshot(page, f"pass-verdict-{name}-phone")
        yield result, read, page.evaluate("document.documentElement.scrollWidth")


def _check(result, read, scroll_width):
    assert read["texts"], result
    for text in read["texts"]:
        ratio = contrast_ratio(text["color"], read["background"])
        assert ratio >= AA, (result, text["text"], text["color"], read["background"], ratio)
    plates = [t for t in read["texts"] if t["className"] == "plate"]
    if result != "forged":
        assert [t["text"] for t in plates] == PLATES, result
    for plate in plates:
        # Big, whole and on screen as the verdict arrives: no zoom, no scroll.
        assert plate["size"] >= 32, (result, plate)
        assert plate["left"] >= 0 and plate["right"] <= 390, (result, plate)
        assert plate["top"] >= 0 and plate["bottom"] <= 844, (result, plate)
    assert scroll_width <= 390, result


def test_every_verdict_is_readable_on_a_phone(live_server, presented, phone_page):
    east, codes = presented
    seen = []
    for result, read, scroll_width in _verdicts(phone_page, live_server, east, codes, "light"):
        _check(result, read, scroll_width)
        seen.append(result)
    assert seen == list(codes)


def test_verdicts_stay_readable_in_a_dark_phone_theme(live_server, presented, browser):
    east, codes = presented
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", color_scheme="dark"
    )
    try:
        page = context.new_page()
        wanted = {result: codes[result] for result in ("valid", "expired", "revoked")}
        for result, read, scroll_width in _verdicts(page, live_server, east, wanted, "dark"):
            _check(result, read, scroll_width)
    finally:
        context.close()
