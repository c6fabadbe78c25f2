def test_malformed_input_gets_field_errors_in_chinese(api_as, bureau):
    client = api_as("commander")
    response = client.post_json(
        f"/api/v1/units/{bureau['清河县公安局'].pk}/emergency-level", {"level": "一"}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "输入有误",
        "errors": [
            {"field": "level", "message": "必须是整数"},
            {"field": "reason", "message": "必填"},
        ],
    }


def test_business_rule_errors_name_their_field(api_as, bureau):
    response = api_as("commander").post_json(
        f"/api/v1/units/{bureau['清河县公安局'].pk}/emergency-level", {"level": 9, "reason": "x"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "level", "message": "响应级别必须是 0（平时）到 4"}
    ]


def test_forbidden_actions_answer_403_with_a_reason(api_as, bureau):
    response = api_as("officer1").post_json(
        f"/api/v1/units/{bureau['城关派出所'].pk}/emergency-level", {"level": 1, "reason": "x"}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "您无权执行此操作（需要：调整响应级别）", "errors": []}


def test_lists_are_paginated(api_as):
    body = api_as("commander").get("/api/v1/units?page_size=5").json()
    assert body["count"] == 13
    assert len(body["items"]) == 5


def test_the_unit_list_costs_a_fixed_number_of_queries(api_as, django_assert_num_queries):
    client = api_as("commander")
    # token with its user and unit, last-used stamp, count, page
    with django_assert_num_queries(4):
        client.get("/api/v1/units")
