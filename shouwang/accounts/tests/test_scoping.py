from shouwang.audit.models import AccessEvent


def test_staff_list_shows_only_the_users_station(login_as):
    page = login_as("chief1").get("/account/staff/").content.decode()
    assert "张明" in page and "刘强" not in page


def test_sibling_station_users_are_404_to_reveal_and_editing_is_refused_first(login_as, staff):
    client = login_as("chief1")
    sibling = staff["officer2"]
    # Editing takes MANAGE_USERS, refused before any record is looked up: 403 tells nothing.
    assert client.get(f"/account/staff/{sibling.pk}/").status_code == 403
    response = client.post(f"/account/staff/{sibling.pk}/reveal/", {"reason": "核查"})
    assert response.status_code == 404
    assert AccessEvent.objects.count() == 0


def test_administrator_of_the_bureau_edits_a_station_user_and_history_is_kept(
    login_as, staff, bureau
):
    member = staff["officer1"]
    response = login_as("admin").post(
        f"/account/staff/{member.pk}/",
        {
            "full_name": "张明明",
            "unit": bureau["城关派出所"].pk,
            "role": "officer",
            "police_number": "061234",
            "id_number": member.id_number,
            "phone": "13800138000",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.phone) == ("张明明", "13800138000")
    latest = member.history.first()
    changes = {c.field for c in latest.diff_against(latest.prev_record).changes}
    assert {"full_name", "phone", "police_number"} <= changes


def test_bad_identity_input_gets_chinese_field_errors(login_as, bureau):
    response = login_as("admin").post(
        "/account/staff/new/",
        {
            "username": "newbie",
            "full_name": "新人",
            "unit": bureau["城关派出所"].pk,
            "role": "officer",
            "id_number": "110105199001011234",
            "phone": "12345",
            "password": "123",
            "is_active": "on",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "校验位" in body
    assert "手机号" in body
    assert "密码" in body


def test_a_station_chief_cannot_create_accounts(login_as):
    assert login_as("chief1").get("/account/staff/new/").status_code == 403


def test_user_create_reports_every_bad_field_at_once(staff, bureau):
    import pytest
    from django.core.exceptions import ValidationError

    from shouwang.accounts.services import user_create

    with pytest.raises(ValidationError) as error:
        user_create(
            actor=staff["admin"],
            username="newbie",
            unit=bureau["城关派出所"],
            role="officer",
            password="123",
            id_number="110105199001011234",
            phone="12345",
        )
    messages = error.value.message_dict
    assert set(messages) == {"id_number", "phone", "password"}
    assert messages["id_number"] == ["身份证号校验位错误"]
    assert messages["phone"] == ["手机号码应为11位"]
    assert messages["password"] == [
        "密码太短，至少需要 10 个字符。",
        "这个密码太常见了。",
        "密码只包含数字。",
    ]
