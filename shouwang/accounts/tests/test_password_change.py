"""Everyone can change his own password, in Chinese, and other sessions end with the old one."""

from django.test import Client

PASSWORD = "shouwang-demo"
NEW_PASSWORD = "qinghe-river-2026-spring"


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_the_user_menu_links_to_the_password_page(staff):
    page = _signed_in("volunteer1").get("/account/password/")
    content = page.content.decode()
    assert page.status_code == 200
    assert '<a href="/account/password/">修改密码</a>' in content
    assert "旧密码" in content and "新密码" in content


def test_a_wrong_old_password_is_refused_in_chinese(staff):
    client = _signed_in("officer1")
    response = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 422
    assert "你的旧密码不正确。请重新输入。" in response.content.decode()
    staff["officer1"].refresh_from_db()
    assert staff["officer1"].check_password(PASSWORD)


def test_a_weak_new_password_is_refused_in_chinese(staff):
    response = _signed_in("officer1").post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 422
    assert "密码太短，至少需要 10 个字符。" in response.content.decode()


def test_the_password_changes_and_other_sessions_end(staff):
    elsewhere = _signed_in("officer1")
    client = _signed_in("officer1")
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/account/profile/"
    staff["officer1"].refresh_from_db()
    assert staff["officer1"].check_password(NEW_PASSWORD)
    assert client.get("/account/profile/").status_code == 200
    assert elsewhere.get("/account/profile/").status_code == 302


def test_the_password_page_needs_a_login(db):
    response = Client().get("/account/password/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/account/password/"


def test_a_new_login_gets_a_new_session_key(staff):
    client = Client()
    session = client.session
    session["seen_login_page"] = True
    session.save()
    anonymous_key = client.cookies["sessionid"].value
    client.post("/login/", {"username": "officer1", "password": PASSWORD})
    assert client.cookies["sessionid"].value not in ("", anonymous_key)
    assert client.session["seen_login_page"] is True
