"""One status per pass: the list, its filter, the detail, the printed pass, the scanner (page and
API), the API list and detail and the export say the same thing at the same instant, boundary
instants included (validity starts inclusive and ends exclusive)."""

import re
from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from shouwang.passes.models import Pass
from shouwang.passes.services import pass_renew, pass_revoke
from shouwang.passes.status import (
    PassState,
    pass_status,
    passes_in_status,
    passes_with_status,
    period_status,
)

from .conftest import issue

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAY, SECOND, MICRO = timedelta(days=1), timedelta(seconds=1), timedelta(microseconds=1)
LABELS = {
    "valid": "有效",
    "not_yet_valid": "尚未生效",
    "expired": "已过期",
    "revoked": "已吊销",
    "superseded": "已换发",
}


def _revoked(record, staff):
    pass_revoke(actor=staff["chief1"], pass_record=record, reason="企业停工")


def _superseded(record, staff):
    pass_renew(
        actor=staff["chief1"], pass_record=record, valid_from=NOW + DAY, valid_to=NOW + 30 * DAY
    )


# (case, valid_from, valid_to, what happens to the pass after issuing, expected status at NOW)
CASES = [
    ("inside its period", NOW - DAY, NOW + DAY, None, "valid"),
    ("starting exactly now", NOW, NOW + DAY, None, "valid"),
    ("ending a second from now", NOW - DAY, NOW + SECOND, None, "valid"),
    ("ending exactly now", NOW - DAY, NOW, None, "expired"),
    ("ended yesterday", NOW - 10 * DAY, NOW - DAY, None, "expired"),
    ("starting in a second", NOW + SECOND, NOW + DAY, None, "not_yet_valid"),
    ("starting tomorrow", NOW + DAY, NOW + 10 * DAY, None, "not_yet_valid"),
    ("revoked inside its period", NOW - DAY, NOW + DAY, _revoked, "revoked"),
    ("revoked and expired", NOW - 10 * DAY, NOW - DAY, _revoked, "revoked"),
    ("revoked before it starts", NOW + DAY, NOW + 10 * DAY, _revoked, "revoked"),
    ("renewed", NOW - DAY, NOW + DAY, _superseded, "superseded"),
]


@pytest.fixture
def frozen(monkeypatch):
    """Every `timezone.now()` of the test and of the requests it makes answers NOW."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def _issued(staff, valid_from, valid_to, then):
    record = issue(staff["chief1"], valid_from=valid_from, valid_to=valid_to)
    if then is not None:
        then(record, staff)
    return Pass.objects.get(pk=record.pk)


def _status_in(html: str, pattern: str) -> tuple[str, str]:
    """(data-status, label) of the status badge inside the part of `html` matching `pattern`."""
    part = re.search(pattern, html, re.DOTALL)
    assert part is not None, pattern
    badge = re.search(r'data-status="(\w+)"[^>]*>([^<]+)<', part.group(0))
    assert badge is not None, part.group(0)
    return badge.group(1), badge.group(2).strip()


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "then", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_every_page_and_the_api_show_the_same_status(
    frozen, login_as, api_as, staff, checkpoints, valid_from, valid_to, then, expected
):
    record = _issued(staff, valid_from, valid_to, then)
    label = LABELS[expected]
    assert pass_status(record, now=NOW) == expected
    assert PassState(expected).label == label

    client = login_as("chief1")
    listed = client.get("/passes/").content.decode()
    assert _status_in(listed, rf'<tr id="pass-{record.pk}">.*?</tr>') == (expected, label)
    detail = client.get(f"/passes/{record.pk}/").content.decode()
    assert _status_in(detail, r"<h1>通行证.*?</h1>") == (expected, label)
    printed = client.get(f"/passes/{record.pk}/print/").content.decode()
    assert _status_in(printed, r'<article class="printed-pass">.*</article>') == (expected, label)

    # The list's filter: the pass is listed under its status and under no other.
    for state in PassState.values:
        filtered = client.get(f"/passes/?status={state}").content.decode()
        assert (f'id="pass-{record.pk}"' in filtered) == (state == expected), state

    verdict = client.post(
        "/passes/scan/verify/", {"checkpoint": checkpoints["east"].pk, "code": record.short_code}
    ).content.decode()
    assert re.search(r'data-result="(\w+)"', verdict).group(1) == expected
    assert f"{label}</strong>" in verdict

    api = api_as("chief1")
    checked = api.post_json(
        "/api/v1/passes/verify", {"token": record.token, "checkpoint": checkpoints["east"].pk}
    ).json()
    assert (checked["result"], checked["result_label"]) == (expected, label)
    item = next(i for i in api.get("/api/v1/passes").json()["items"] if i["id"] == record.pk)
    assert (item["status"], item["status_label"]) == (expected, label)
    one = api.get(f"/api/v1/passes/{record.pk}").json()
    assert (one["status"], one["status_label"]) == (expected, label)
    for state in PassState.values:
        ids = [i["id"] for i in api.get(f"/api/v1/passes?status={state}").json()["items"]]
        assert (record.pk in ids) == (state == expected), state


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "then", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_sql_rule_agrees_with_the_python_rule(
    frozen, staff, valid_from, valid_to, then, expected
):
    record = _issued(staff, valid_from, valid_to, then)
    annotated = passes_with_status(Pass.objects.filter(pk=record.pk), now=NOW).get()
    assert annotated.current_status == expected
    for state in PassState.values:
        matched = passes_in_status(Pass.objects.filter(pk=record.pk), state, now=NOW).exists()
        assert matched == (state == expected), state


def test_the_export_writes_the_status_the_list_shows(frozen, login_as, staff):
    for _case, valid_from, valid_to, then, _expected in CASES:
        _issued(staff, valid_from, valid_to, then)
    response = login_as("chief1").post("/passes/export/")
    rows = list(load_workbook(BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    status_column, code_column = rows[0].index("状态"), rows[0].index("编码")
    exported = {row[code_column]: row[status_column] for row in rows[1:]}
    expected = {
        record.display_code: LABELS[pass_status(record, now=NOW)] for record in Pass.objects.all()
    }
    assert exported == expected
    # The renewal issued by `_superseded` is valid only from tomorrow.
    assert sorted(exported.values()).count("尚未生效") == 3


def test_the_period_alone_starts_inclusive_and_ends_exclusive():
    start, end = NOW, NOW + DAY
    assert period_status(start, end, now=start - MICRO) == PassState.NOT_YET_VALID
    assert period_status(start, end, now=start) == PassState.VALID
    assert period_status(start, end, now=end - MICRO) == PassState.VALID
    assert period_status(start, end, now=end) == PassState.EXPIRED


def test_an_unknown_status_filters_to_nothing_and_the_old_active_means_valid(
    frozen, login_as, api_as, staff
):
    valid = _issued(staff, NOW - DAY, NOW + DAY, None)
    expired = _issued(staff, NOW - 10 * DAY, NOW - DAY, None)
    api = api_as("chief1")
    assert api.get("/api/v1/passes?status=nonsense").json()["items"] == []
    assert [i["id"] for i in api.get("/api/v1/passes?status=active").json()["items"]] == [valid.pk]
    page = login_as("chief1").get("/passes/?status=active").content.decode()
    assert f'id="pass-{valid.pk}"' in page and f'id="pass-{expired.pk}"' not in page
