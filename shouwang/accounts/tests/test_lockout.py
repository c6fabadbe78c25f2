"""Nobody can lock anyone out from afar, guessing stays bounded, an administrator unlocks."""

from datetime import timedelta
from io import BytesIO

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from shouwang.accounts.models import AccountUnlock, LoginThrottle
from shouwang.accounts.services import InvalidCredentials, credentials_check
from shouwang.accounts.slowdown import delay_after
from shouwang.accounts.staff_views import _export_columns
from shouwang.audit.services import client_address

PASSWORD = "shouwang-demo"
ATTACKER = "10.6.6.6"


def _login(username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/login/", {"username": username, "password": password})


def _guess(username: str, address: str = ATTACKER):
    return _login(username, "wrong-password", address)


def _time_passes():
    LoginThrottle.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_five_failures_lock_the_account_from_that_address_only(staff):
    assert _login("commander").status_code == 302  # his desk becomes a familiar address
    statuses = [_guess("commander").status_code for _attempt in range(5)]
    assert statuses == [401, 401, 401, 401, 429]
    locked = _login("commander", address=ATTACKER)
    assert locked.status_code == 429
    assert "该账号已在此地址锁定，请于" in locked.content.decode()
    assert _login("commander").status_code == 302


def test_the_owner_at_an_unfamiliar_address_is_slowed_down_not_locked_out(staff):
    for _attempt in range(5):
        _guess("commander")
    slowed = _login("commander", address="10.0.0.2")
    assert slowed.status_code == 429
    assert "请于 30 秒后再试" in slowed.content.decode()
    _time_passes()
    assert _login("commander", address="10.0.0.2").status_code == 302


def test_guesses_spread_over_many_addresses_are_bounded(staff):
    statuses = [_guess("commander", f"10.7.0.{n}").status_code for n in range(1, 41)]
    assert statuses == [401] * 5 + [429] * 35
    # The 35 refused guesses never reached the password check.
    assert AccessAttempt.objects.filter(username="commander").count() == 5


def test_each_further_guess_waits_twice_as_long_up_to_fifteen_minutes(staff):
    for n in range(1, 6):
        _guess("commander", f"10.7.0.{n}")
    waits = []
    for n in range(6, 11):
        _time_passes()
        assert _guess("commander", f"10.7.0.{n}").status_code == 401
        row = LoginThrottle.objects.get(scope="account", value="commander")
        waits.append(round((row.next_attempt_at - row.last_failure_at).total_seconds()))
    assert waits == [60, 120, 240, 480, 900]
    assert [delay_after(n, 5).total_seconds() for n in (4, 5, 6, 10, 11, 60)] == [
        0,
        30,
        60,
        900,
        900,
        900,
    ]


def test_one_address_guessing_many_accounts_is_slowed_down(staff):
    statuses = [_guess(f"nobody{n}").status_code for n in range(21)]
    assert statuses == [401] * 20 + [429]


def test_the_token_endpoint_is_slowed_down_the_same_way(staff):
    for n in range(1, 6):
        _guess("officer1", f"10.7.0.{n}")
    response = Client(REMOTE_ADDR="10.0.0.3").post(
        "/api/v1/auth/token",
        {"username": "officer1", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json() == {
        "detail": "近期登录失败次数过多，为防止密码被猜测，请于 30 秒后再试。",
        "errors": [],
    }


def test_an_impossible_username_is_refused_before_anything_is_stored(staff):
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "a" * 300, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "用户名或密码错误", "errors": []}
    request = RequestFactory().post("/login/")
    with pytest.raises(InvalidCredentials):
        credentials_check(request=request, username="chief\x001", password=PASSWORD, otp=None)
    assert AccessAttempt.objects.count() == 0 and LoginThrottle.objects.count() == 0


def test_an_administrator_unlocks_an_account_with_a_reason_on_record(staff, login_as):
    for _attempt in range(5):
        _guess("chief1")
    admin = login_as("admin")
    page = admin.get("/account/staff/").content.decode()
    assert f'action="/account/staff/{staff["chief1"].pk}/unlock/"' in page
    assert f'action="/account/staff/{staff["chief2"].pk}/unlock/"' not in page

    refused = admin.post(f"/account/staff/{staff['chief1'].pk}/unlock/", {"reason": " "})
    assert refused.status_code == 302
    assert AccountUnlock.objects.count() == 0 and AccessAttempt.objects.count() == 1

    response = admin.post(
        f"/account/staff/{staff['chief1'].pk}/unlock/",
        {"reason": "本人电话确认", "next": "/account/staff/?role=station_chief"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/staff/?role=station_chief"
    unlock = AccountUnlock.objects.get()
    assert (unlock.username, unlock.actor_username, unlock.reason, unlock.locks_cleared) == (
        "chief1",
        "admin",
        "本人电话确认",
        2,
    )
    assert AccessAttempt.objects.count() == 0
    assert not LoginThrottle.objects.filter(scope="account").exists()
    assert _login("chief1", address=ATTACKER).status_code == 302


def test_only_those_who_manage_users_may_unlock(staff, login_as):
    _guess("chief1")
    response = login_as("chief2").post(
        f"/account/staff/{staff['chief1'].pk}/unlock/", {"reason": "x"}
    )
    assert response.status_code == 403
    assert AccountUnlock.objects.count() == 0 and AccessAttempt.objects.count() == 1


def test_the_api_unlocks_for_an_administrator_only(staff, api_as):
    for _attempt in range(5):
        _guess("officer1")
    path = f"/api/v1/users/{staff['officer1'].pk}/unlock"
    assert api_as("chief1").post_json(path, {"reason": "x"}).status_code == 403
    missing = api_as("admin").post_json(path, {"reason": ""})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "reason", "message": "请填写解锁事由"}]
    response = api_as("admin").post_json(path, {"reason": "本人到场确认"})
    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["locks_cleared"], body["unlocked_by"]) == (
        "officer1",
        2,
        "admin",
    )
    assert AccessAttempt.objects.count() == 0


def test_usernames_are_listed_only_to_those_who_manage_users(staff, login_as, api_as):
    chief_page = login_as("chief1").get("/account/staff/").content.decode()
    assert "officer1" not in chief_page and "auxiliary1" not in chief_page
    assert "officer1" in login_as("admin").get("/account/staff/").content.decode()

    chief_rows = api_as("chief1").get("/api/v1/users").json()["items"]
    assert {row["username"] for row in chief_rows} == {None}
    admin_rows = api_as("admin").get("/api/v1/users?q=officer").json()["items"]
    assert sorted(row["username"] for row in admin_rows) == ["officer1", "officer2"]
    assert api_as("chief1").get("/api/v1/users?q=officer").json()["items"] == []


def _export_headers(client) -> list[str]:
    response = client.post("/account/staff/export/", {"reason": "核对名册"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.getvalue())).active
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]


def test_the_staff_export_names_usernames_only_for_those_who_manage_users(staff, login_as):
    assert _export_headers(login_as("chief1")) == [
        "姓名",
        "单位",
        "角色",
        "警号",
        "手机号",
        "身份证号",
    ]
    # Today no role both manages users and exports; should one, he gets the usernames.
    assert str(_export_columns(staff["admin"])[0].header) == "用户名"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.1.1.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.7, 203.0.113.9", "198.51.100.7"),
        (1, "not-an-address", "10.1.1.1"),
        (2, "203.0.113.9", "10.1.1.1"),
    ],
)
def test_the_client_address_trusts_only_our_own_proxies(settings, proxies, forwarded, expected):
    settings.SHOUWANG_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
