"""Pages answer malformed input with a 400 page or a form error in Chinese, never a 500."""

import pytest


@pytest.mark.parametrize(
    "path",
    ["/people/?q=%E5%BC%A0%00", "/passes/?q=%00", "/checkpoints/passages/?plate=%01"],
)
def test_a_query_with_control_characters_is_a_bad_request(login_as, path):
    response = login_as("chief1").get(path)
    assert response.status_code == 400
    assert "不能包含控制字符或无效字符" in response.content.decode()


def test_a_search_with_a_huge_page_number_shows_the_last_page(login_as):
    response = login_as("chief1").get("/people/?page=9223372036854775807")
    assert response.status_code == 200


def test_the_api_answers_the_same_query_with_a_field_error(login_as):
    response = login_as("chief1").get("/api/v1/people?q=%00")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "输入有误",
        "errors": [{"field": "q", "message": "不能包含控制字符或无效字符"}],
    }


def test_a_login_name_with_nul_is_a_form_error(client, staff):
    response = client.post("/login/", {"username": "chief1\x00", "password": "x"})
    assert response.status_code == 200
    # Django's own message for NUL, worded by locale/zh_Hans as the project's own.
    assert response.context["form"].errors == {"username": ["不能包含控制字符或无效字符"]}


def test_a_login_page_with_a_script_next_does_not_fail(client, staff):
    assert client.get("/login/?next=javascript:alert(1)").status_code == 200
