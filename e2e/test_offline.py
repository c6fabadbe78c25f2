"""Issue 18: the checkpoint works offline. In Chromium on a 390×844 phone, the network is cut
(`context.set_offline`) and restored; the service worker serves the pages, IndexedDB keeps the
passages, the batch API receives them once."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import log_in, screenshot
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data
from shouwang.passes.services import pass_issue, pass_revoke
from shouwang.passes.tests.conftest import CREDIT_CODE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BATCH = "**/api/v1/passages/batch"


@pytest.fixture
def checkpoint(bureau):
    return make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")


def _phone(browser):
    return browser.new_context(viewport=PHONE, locale="zh-CN")


def _until(page, script: str, timeout: float = 60) -> None:
    """Poll an async page function until it answers true (wait_for_function does not await the
    promise such a function returns: it would pass at once)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, script
        page.wait_for_timeout(100)


def _open_post(page, live_server, checkpoint):
    """The registration page, under the service worker, its queue ready."""
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    page.wait_for_selector("#register-form[data-offline-ready]")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    # The page itself is kept (its first visit was not yet under the worker).
    _until(
        page,
        """async () => { for (const name of await caches.keys()) {
             if (name.startsWith('shouwang-pages-') &&
                 await (await caches.open(name)).match(location.href)) return true; }
           return false; }""",
    )
    # Then the plates this post saw, its last request of opening: a tap before it would race it
    # for the session row (saved at every request), which the in-memory SQLite locks whole.
    _until(
        page,
        f"""() => new Promise((resolve) => {{
             const open = indexedDB.open('shouwang-offline');
             open.onupgradeneeded = () => open.transaction.abort(); // only the page creates it
             open.onsuccess = () => {{
               const get = open.result.transaction('kv').objectStore('kv')
                 .get('plates:{checkpoint.pk}');
               get.onsuccess = () => {{ resolve(get.result !== undefined); open.result.close(); }};
               get.onerror = () => resolve(false);
             }};
             open.onerror = () => resolve(false);
           }})""",
    )


def _register(page, plate, disposition="passed"):
    page.fill("#plate", plate)
    page.click(f"button[name=disposition][value={disposition}]")


def _waiting(page, count):
    page.wait_for_selector(f".queue-waiting[data-waiting='{count}']")


def _plates():
    return sorted(Passage.objects.values_list("plate", flat=True))


def test_cut_and_restored_mid_queue_every_passage_arrives_once(
    live_server, staff, checkpoint, browser
):
    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    _open_post(page, live_server, checkpoint)
    _register(page, "A10001")
    page.wait_for_selector("text=已登记：陕A10001 · 放行")

    context.set_offline(True)
    for plate in ("A10002", "A10003", "A10004"):
        _register(page, plate)
        page.wait_for_selector(f"text=已暂存在本机：陕{plate} · 放行。网络恢复后自动发送。")
    _waiting(page, 3)
    screenshot(page, "offline-queue-phone")
    assert _plates() == ["陕A10001"]

    # The network comes back, and goes again while the first batch's answer is on its way:
    # the server has stored the three, the phone never hears it.
    lost = []

    def lose_the_answer(route):
        if not lost:
            lost.append(route.fetch().status)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    context.route(BATCH, lose_the_answer)
    context.set_offline(False)  # the page hears "online" and sends
    # Sent once (answer lost), still waiting; sent again: answered "duplicate", nothing doubled.
    _eventually(page, lambda: lost == [200])
    assert _plates() == ["陕A10001", "陕A10002", "陕A10003", "陕A10004"]
    page.evaluate("document.querySelector('button.send-now')?.click()")  # or the retry timer
    page.wait_for_selector(".queue-waiting", state="detached", timeout=60_000)
    assert _plates() == ["陕A10001", "陕A10002", "陕A10003", "陕A10004"]
    assert page.evaluate("Shouwang.store.all().then(r => r.length)") == 0
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def _eventually(page, check, seconds=30):
    """Polls with Playwright's own wait, so its route handlers run meanwhile."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not in time"
        page.wait_for_timeout(200)


def test_closing_and_reopening_the_page_offline_keeps_the_queue(
    live_server, staff, checkpoint, browser
):
    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    _open_post(page, live_server, checkpoint)
    context.set_offline(True)
    _register(page, "B20001")
    _register(page, "B20002", "turned_back")
    _waiting(page, 2)
    page.close()

    # The tab is gone; a new one opens the post with no network: the worker's copy, the queue.
    page = context.new_page()
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    page.wait_for_selector("#register-form[data-offline-ready]")
    _waiting(page, 2)
    assert "离线" in page.inner_text("#offline-status")
    assert Passage.objects.count() == 0
    screenshot(page, "offline-reopened-phone")

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(".queue-waiting", state="detached", timeout=30_000)
    assert sorted(Passage.objects.values_list("plate", "disposition")) == [
        ("陕B20001", "passed"),
        ("陕B20002", "turned_back"),
    ]
    context.close()


def test_the_queue_waits_for_the_same_user_to_sign_in_again(
    live_server, staff, checkpoint, browser
):
    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    _open_post(page, live_server, checkpoint)
    context.set_offline(True)
    _register(page, "C30001")
    _waiting(page, 1)

    # The session ends while offline; the network returns: nothing can be sent, nothing is lost.
    context.clear_cookies()
    context.set_offline(False)
    page.click("button.send-now")
    page.wait_for_selector(".queue-problem:has-text('登录已过期')")
    _waiting(page, 1)

    # Another user signs in on the phone: he sees the queue is not his, and sends nothing.
    log_in(page, live_server, "officer1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    page.wait_for_selector(".queue-others:has-text('本机另有 1 条其他账号的登记')")
    assert page.locator(".queue-waiting").count() == 0
    assert Passage.objects.count() == 0

    # The same user again: it is sent, as his.
    context.clear_cookies()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/checkpoints/{checkpoint.pk}/register/")
    _eventually(page, lambda: Passage.objects.count() == 1)
    passage = Passage.objects.get()
    assert (passage.plate, passage.recorded_by.username) == ("陕C30001", "volunteer1")
    context.close()


def test_a_returning_vehicle_is_recognised_and_prefilled_with_the_network_cut(
    live_server, staff, checkpoint, browser
):
    passage_register(
        actor=staff["volunteer1"],
        data=passage_data(checkpoint, plate="陕K88888", vehicle_kind="truck", occupants_count=2),
    )
    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    _open_post(page, live_server, checkpoint)  # the plates this post saw are kept
    context.set_offline(True)
    page.fill("#plate", "K88888")  # the page's lookup fails at once: the kept plates answer
    page.wait_for_selector(".plate-summary >> text=离线识别")
    page.wait_for_selector("#prefill-data", state="attached")
    assert page.is_checked("input[name=vehicle_kind][value=truck]")
    assert page.input_value("[name=occupants_count]") == "2"
    context.close()


def test_a_passage_refused_by_the_server_comes_back_to_the_form_for_correction(
    live_server, staff, checkpoint, browser
):
    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    _open_post(page, live_server, checkpoint)
    context.set_offline(True)
    _register(page, "D4")  # too short for a plate: only the server says so
    _register(page, "D40002")
    _waiting(page, 2)

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(".queue-rejected[data-rejected='1']", timeout=30_000)
    assert _plates() == ["陕D40002"]
    row = page.locator(".queue-rejected-list li")
    assert "陕D4" in row.inner_text()
    screenshot(page, "offline-refused-phone")

    row.locator("button.fix").click()
    assert page.input_value("#plate") == "D4"
    error = page.locator(".plate-row + small.errorlist")
    assert error.inner_text() != ""
    page.fill("#plate", "D40001")
    page.click("button[name=disposition][value=passed]")
    page.wait_for_selector("text=已登记：陕D40001 · 放行")
    assert _plates() == ["陕D40001", "陕D40002"]
    assert page.evaluate("Shouwang.store.all().then(r => r.length)") == 0
    context.close()


def _pass(actor, checkpoint, *, days_from=-1, days_to=30):
    now = timezone.now()
    return pass_issue(
        actor=actor,
        holder_kind="enterprise",
        enterprise_name="长庆油田运输公司",
        credit_code=CREDIT_CODE,
        purpose="油田物资运输",
        valid_from=now + timedelta(days=days_from),
        valid_to=now + timedelta(days=days_to),
        plates=["陕K12345"],
        checkpoints=[checkpoint],
    )


def test_the_verifier_checks_a_signed_pass_with_the_network_cut(
    live_server, staff, checkpoint, browser
):
    chief = staff["chief1"]
    valid = _pass(chief, checkpoint)
    revoked = _pass(chief, checkpoint)
    pass_revoke(actor=chief, pass_record=revoked, reason="企业停工")
    expired = _pass(chief, checkpoint, days_from=-30, days_to=-1)
    body = valid.token[4:]
    forged = "SW1-" + body[:40] + ("A" if body[40] != "A" else "B") + body[41:]

    context = _phone(browser)
    page = context.new_page()
    log_in(page, live_server, "volunteer1")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/passes/scan/?checkpoint={checkpoint.pk}")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    page.wait_for_selector("#offline-age:has-text('公钥与吊销名单更新于')")

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#verify-form")
    verdicts = {}
    for name, token in (
        ("valid", valid.token),
        ("revoked", revoked.token),
        ("expired", expired.token),
        ("forged", forged),
    ):
        page.evaluate("document.getElementById('verdict').replaceChildren()")
        page.fill("#code-input", token)
        page.locator("#code-input").press("Enter")
        panel = page.locator(".verdict[data-offline]")
        panel.wait_for(timeout=20_000)
        verdicts[name] = (panel.get_attribute("data-result"), panel.inner_text())
        if name == "valid":
            screenshot(page, "offline-verdict-phone")
    assert {name: result for name, (result, _text) in verdicts.items()} == {
        "valid": "valid",
        "revoked": "revoked",
        "expired": "expired",
        "forged": "forged",
    }
    assert "离线核验，名单更新于" in verdicts["valid"][1]
    assert valid.display_code in verdicts["valid"][1]
    assert "企业停工" in verdicts["revoked"][1]

    # The browser's own Ed25519 and ours (for phones without it) agree on the signature.
    checks = page.evaluate(
        """async ([good, bad]) => {
          const material = await Shouwang.store.read('pass-material');
          const results = [];
          for (const token of [good, bad]) {
            const claims = Shouwang.passTokenParse(token);
            const key = material.keys.find((k) => k.key_id === claims.keyId);
            for (const fallbackOnly of [false, true]) {
              results.push(await Shouwang.signatureValid(
                key.public_key, claims.signature, claims.signed, { fallbackOnly }));
            }
          }
          return results;
        }""",
        [valid.token, forged],
    )
    assert checks == [True, True, False, False]
    context.close()
