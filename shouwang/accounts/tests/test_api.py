from datetime import timedelta

from django.test import Client
from django.utils import timezone

from shouwang.accounts.models import ApiToken
from shouwang.accounts.roles import capabilities_of


def _obtain(username, password="shouwang-demo"):
    return Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_token_is_issued_for_the_right_password_and_stored_hashed(staff):
    response = _obtain("chief1")
    assert response.status_code == 200
    body = response.json()
    assert body["token"].startswith("sw_")
    stored = ApiToken.objects.get(user=staff["chief1"])
    assert stored.token_hash != body["token"] and len(stored.token_hash) == 64
    assert body["token"] not in str(ApiToken.objects.values_list())


def test_wrong_credentials_get_401_in_the_error_format(staff):
    response = _obtain("chief1", "nope")
    assert response.status_code == 401
    assert response.json() == {"detail": "用户名或密码错误", "errors": []}


def test_me_returns_user_unit_role_and_capabilities(staff, bureau):
    token = _obtain("chief1").json()["token"]
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    station = bureau["城关派出所"]
    assert response.status_code == 200
    assert response.json() == {
        "username": "chief1",
        "full_name": "李卫东",
        "unit": {"id": station.pk, "name": "城关派出所", "path": station.path},
        "role": "station_chief",
        "capabilities": sorted(capabilities_of("station_chief")),
    }


def test_revoked_and_expired_tokens_are_refused(staff, api_as):
    token = _obtain("officer1").json()["token"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    stored = ApiToken.objects.get(user=staff["officer1"])
    assert Client().delete(f"/api/v1/auth/tokens/{stored.pk}", **headers).status_code == 200
    assert Client().get("/api/v1/me", **headers).status_code == 401

    token = _obtain("officer1").json()["token"]
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    assert response.json() == {"detail": "未登录或令牌无效", "errors": []}


def test_no_token_no_data(db):
    assert Client().get("/api/v1/units").status_code == 401


def test_user_list_is_masked_and_scoped(api_as, staff):
    response = api_as("chief1").get("/api/v1/users")
    body = response.json()
    ids = {user["id"] for user in body["items"]}
    names = ("chief1", "officer1", "auxiliary1", "volunteer1", "duty1", "health1")
    assert ids == {staff[name].pk for name in names}
    # Usernames are for those who manage accounts (see test_lockout.py).
    assert {user["username"] for user in body["items"]} == {None}
    officer = next(user for user in body["items"] if user["id"] == staff["officer1"].pk)
    assert officer["phone"] == "139****0004"
    assert officer["id_number"].startswith("610824") and "********" in officer["id_number"]


def test_a_user_cannot_revoke_anothers_token(api_as, staff):
    other = _obtain("chief2").json()["token"]
    other_token = ApiToken.objects.get(user=staff["chief2"])
    assert api_as("chief1").delete(f"/api/v1/auth/tokens/{other_token.pk}").status_code == 404
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 200


def test_openapi_document_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/me" in response.json()["paths"]
