"""With the second factor required, a password-only session reaches nothing but that page."""

import pytest
from django.test import Client, RequestFactory, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from shouwang.accounts.admin_site import ShouwangAdminSite
from shouwang.units.models import EmergencyLevelChange

PASSWORD = "shouwang-demo"
REFUSAL = {"detail": "请先完成动态验证码验证", "errors": []}
pytestmark = pytest.mark.usefixtures("second_factor_required")


@pytest.fixture
def second_factor_required():
    with override_settings(SHOUWANG_REQUIRE_SECOND_FACTOR=True):
        yield


def _password_only(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def test_the_api_refuses_a_password_only_session_in_chinese(staff):
    client = _password_only("commander")
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json() == REFUSAL


def test_a_password_only_session_cannot_switch_the_emergency_level(staff, bureau):
    client = _password_only("commander")
    response = client.post(
        f"/api/v1/units/{bureau['清河县公安局'].pk}/emergency-level",
        {"level": 1, "reason": "演练"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json() == REFUSAL
    assert EmergencyLevelChange.objects.count() == 0


def test_the_api_serves_the_session_once_the_code_is_proved(staff):
    device = TOTPDevice.objects.create(user=staff["commander"], name="手机", confirmed=True)
    client = Client()
    client.post("/login/", {"username": "commander", "password": PASSWORD, "otp": _code(device)})
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "commander"


def test_session_auth_alone_refuses_an_unverified_session(staff, settings):
    settings.MIDDLEWARE = [
        entry for entry in settings.MIDDLEWARE if not entry.endswith("SecondFactorMiddleware")
    ]
    client = _password_only("commander")
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "未登录或令牌无效", "errors": []}


def test_officers_keep_using_the_api_with_their_session(staff):
    assert _password_only("officer1").get("/api/v1/me").status_code == 200


def test_every_page_sends_a_password_only_session_to_the_second_factor(staff):
    client = _password_only("admin")
    for path in ("/units/", "/account/staff/", "/account/profile/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/second-factor/?next="), path


def test_after_the_code_the_second_factor_page_returns_to_where_he_was_going(staff):
    client = _password_only("admin")
    client.get("/account/second-factor/")
    device = TOTPDevice.objects.get(user=staff["admin"])
    response = client.post("/account/second-factor/?next=/units/", {"otp": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/units/"


def _obtain(username: str, **extra):
    return Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": PASSWORD, **extra},
        content_type="application/json",
    )


def test_a_token_for_a_second_factor_role_needs_the_code(staff):
    device = TOTPDevice.objects.create(user=staff["commander"], name="手机", confirmed=True)
    missing = _obtain("commander")
    assert missing.status_code == 401
    assert missing.json() == {"detail": "请输入正确的动态验证码", "errors": []}
    granted = _obtain("commander", otp=_code(device))
    assert granted.status_code == 200 and granted.json()["token"].startswith("sw_")
    assert _obtain("commander", otp="000000").status_code == 401


def test_a_token_for_an_officer_needs_no_code(staff):
    assert _obtain("officer1").status_code == 200


def test_the_admin_login_sends_to_our_login_with_next(db):
    response = Client().get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_the_admin_login_form_signs_nobody_in(staff):
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session


def test_the_admin_site_needs_a_verified_session(staff):
    request = RequestFactory().get("/admin/")
    request.user = staff["admin"]
    request.user.is_verified = lambda: False
    assert ShouwangAdminSite().has_permission(request) is False
    request.user.is_verified = lambda: True
    assert ShouwangAdminSite().has_permission(request) is True


def test_a_verified_administrator_reaches_the_admin_site(staff):
    device = TOTPDevice.objects.create(user=staff["admin"], name="手机", confirmed=True)
    client = Client()
    client.post("/login/", {"username": "admin", "password": PASSWORD, "otp": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_binding_makes_one_device_and_only_a_right_code_confirms_it(staff):
    from shouwang.accounts.second_factor import second_factor_check

    commander = staff["commander"]
    first = second_factor_check(user=commander)
    again = second_factor_check(user=commander, code="000000")
    assert (first.binding, first.verified, again.device.pk) == (True, False, first.device.pk)
    assert list(TOTPDevice.objects.filter(user=commander).values_list("confirmed", flat=True)) == [
        False
    ]
    again.device.throttle_reset()  # django-otp makes the next try wait after a wrong code
    right = second_factor_check(user=commander, code=f"{totp(first.device.bin_key):06d}")
    assert (right.binding, right.verified) == (True, True)
    assert list(TOTPDevice.objects.filter(user=commander).values_list("confirmed", flat=True)) == [
        True
    ]
    assert second_factor_check(user=commander).binding is False
