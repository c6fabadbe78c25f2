import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "shouwang-demo"


def _post_login(client: Client, username: str, password: str, otp: str = ""):
    return client.post("/login/", {"username": username, "password": password, "otp": otp})


def test_a_station_chief_logs_in_and_sees_his_station(staff):
    client = Client()
    response = _post_login(client, "chief1", PASSWORD)
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "城关派出所" in page
    assert "白云山派出所" not in page


def test_wrong_password_is_refused_in_chinese(staff):
    response = _post_login(Client(), "chief1", "wrong-password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.content.decode()


def test_after_five_failures_even_the_right_password_is_refused_with_the_time(staff):
    client = Client()
    for _attempt in range(5):
        _post_login(client, "chief1", "wrong-password")
    response = _post_login(client, "chief1", PASSWORD)
    body = response.content.decode()
    assert response.status_code == 429
    assert "该账号已在此地址锁定，请于" in body and "之后再试或请系统管理员解锁" in body
    assert "_auth_user_id" not in client.session


def test_the_api_refuses_a_locked_account_with_429_and_a_chinese_message(staff):
    client = Client()
    for _attempt in range(5):
        response = client.post(
            "/api/v1/auth/token",
            {"username": "officer1", "password": "bad"},
            content_type="application/json",
        )
        assert response.status_code in (401, 429)
    response = client.post(
        "/api/v1/auth/token",
        {"username": "officer1", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json()["detail"].startswith("登录失败次数过多，该账号已在此地址锁定，请于")


def test_locking_one_account_leaves_the_others_alone(staff):
    client = Client()
    for _attempt in range(5):
        _post_login(client, "chief1", "wrong-password")
    assert _post_login(Client(), "chief2", PASSWORD).status_code == 302


@override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True)
def test_commander_must_bind_a_second_factor_before_reaching_any_page(staff):
    client = Client()
    assert _post_login(client, "commander", PASSWORD).status_code == 302
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/account/second-factor/?next=%2F"
    page = client.get("/account/second-factor/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff["commander"])
    assert device.confirmed is False
    client.post("/account/second-factor/", {"otp": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/").status_code == 200


@override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True)
def test_with_a_bound_device_the_code_is_part_of_the_login(staff):
    device = TOTPDevice.objects.create(user=staff["admin"], name="手机", confirmed=True)
    client = Client()
    response = _post_login(client, "admin", PASSWORD, f"{totp(device.bin_key):06d}")
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True)
def test_officers_are_not_forced_into_a_second_factor(staff):
    client = Client()
    _post_login(client, "officer1", PASSWORD)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/units/", "/account/staff/", "/audit/"])
def test_pages_need_a_login(db, path):
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_idle_sessions_expire_after_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True)
def test_a_wrong_code_is_refused(staff):
    TOTPDevice.objects.create(user=staff["admin"], name="手机", confirmed=True)
    response = _post_login(Client(), "admin", PASSWORD, "000000")
    assert response.status_code == 401
    assert "请输入正确的动态验证码" in response.content.decode()


@override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True)
def test_the_api_gives_no_token_to_a_commander_without_a_second_factor(staff):
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "commander", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "您的角色必须使用动态验证码，请先登录网页完成绑定"


def test_login_follows_next_only_within_this_site(staff):
    client = Client()
    response = client.post(
        "/login/?next=/people/followups/due/", {"username": "chief1", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/people/followups/due/"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_login_never_redirects_off_site(staff, target):
    client = Client()
    response = client.post(
        "/login/", {"username": "chief1", "password": PASSWORD}, QUERY_STRING=f"next={target}"
    )
    assert response.status_code == 302 and response["Location"] == "/"
