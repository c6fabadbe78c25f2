import pytest

from shouwang.passes import tokens
from shouwang.passes.models import Pass, PassStatus, PassVerification

from .conftest import CREDIT_CODE, issue

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "holder_kind": "enterprise",
    "enterprise_name": "长庆油田运输公司",
    "credit_code": CREDIT_CODE,
    "plates": ["陕K12345"],
    "purpose": "油田物资运输",
    "valid_from": "2026-02-01T08:00:00+08:00",
    "valid_to": "2026-03-01T08:00:00",
}


def test_issuing_over_the_api_returns_the_pass_with_its_token(api_as, staff, checkpoints):
    response = api_as("chief1").post_json(
        "/api/v1/passes", {**PAYLOAD, "checkpoints": [checkpoints["east"].pk]}
    )
    assert response.status_code == 201
    body = response.json()
    record = Pass.objects.get()
    assert body["short_code"] == record.short_code
    assert body["checkpoints"] == [checkpoints["east"].pk]
    assert body["valid_to"] == "2026-03-01T08:00:00+08:00"
    assert tokens.token_parse(body["token"]).claims.checkpoint_ids == (checkpoints["east"].pk,)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"credit_code": "91610824MA70X2Y57D"}, "credit_code", "统一社会信用代码校验位错误"),
        ({"plates": ["京"]}, "plates", "京：车牌号格式不正确"),
        ({"valid_to": "2026-01-01T08:00:00+08:00"}, "valid_to", "截止时间须晚于生效时间"),
        ({"checkpoints": [999999]}, "checkpoints", "未知的卡点"),
        ({"valid_from": "tomorrow"}, "valid_from", "时间格式不正确，应为 ISO 8601"),
    ],
)
def test_bad_input_answers_422_with_chinese_field_errors(api_as, staff, change, field, message):
    response = api_as("chief1").post_json("/api/v1/passes", {**PAYLOAD, **change})
    assert response.status_code == 422
    assert {"field": field, "message": message} in response.json()["errors"]
    assert Pass.objects.count() == 0


def test_the_list_filters_and_masks(api_as, staff, checkpoints, django_assert_num_queries):
    issue(staff["chief1"], plates=["陕K55555"])
    issue(staff["chief1"], enterprise_name="清河县医药公司")
    client = api_as("chief1")
    with django_assert_num_queries(5):  # token, user, count, page, checkpoints prefetch
        response = client.get("/api/v1/passes?plate=陕k55555")
    assert [item["plates"] for item in response.json()["items"]] == [["陕K55555"]]
    response = client.get("/api/v1/passes?q=医药")
    assert [item["holder_name"] for item in response.json()["items"]] == ["清河县医药公司"]


def test_verify_answers_the_result_and_logs_it(api_as, staff, checkpoints):
    record = issue(staff["chief1"])
    client = api_as("volunteer1")
    response = client.post_json(
        "/api/v1/passes/verify",
        {
            "token": record.token,
            "checkpoint": checkpoints["east"].pk,
            "at": "2026-02-10T12:00:00+08:00",
        },
    )
    assert response.status_code == 200
    assert response.json()["result"] == "valid"
    assert response.json()["result_label"] == "有效"
    response = client.post_json(
        "/api/v1/passes/verify", {"code": record.short_code, "checkpoint": checkpoints["east"].pk}
    )
    assert response.json()["result"] == "expired"
    assert PassVerification.objects.count() == 2


def test_verify_at_an_unknown_checkpoint_is_a_field_error(api_as, staff, checkpoints):
    response = api_as("volunteer1").post_json(
        "/api/v1/passes/verify", {"code": "ABCD-EFGH", "checkpoint": checkpoints["baiyun"].pk}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "checkpoint", "message": "未知的卡点"}]
    assert PassVerification.objects.count() == 0


def test_revoke_and_renew(api_as, staff):
    record = issue(staff["chief1"])
    client = api_as("officer1")
    response = client.post_json(
        f"/api/v1/passes/{record.pk}/renew",
        {"valid_from": "2026-03-03T00:00:00+08:00", "valid_to": "2026-04-01T00:00:00+08:00"},
    )
    assert response.status_code == 201
    renewed_id = response.json()["id"]
    assert response.json()["renews_id"] == record.pk
    response = client.post_json(f"/api/v1/passes/{renewed_id}/revoke", {"reason": "停工"})
    assert (response.status_code, response.json()["status"]) == (200, "revoked")
    record.refresh_from_db()
    assert record.status == PassStatus.SUPERSEDED


def test_a_sibling_station_gets_404_and_nothing_changes(api_as, staff):
    record = issue(staff["chief1"])
    client = api_as("chief2")
    assert client.get(f"/api/v1/passes/{record.pk}").status_code == 404
    assert (
        client.post_json(f"/api/v1/passes/{record.pk}/revoke", {"reason": "x"}).status_code == 404
    )
    assert (
        client.post_json(
            f"/api/v1/passes/{record.pk}/renew",
            {"valid_from": "2026-03-03T00:00:00+08:00", "valid_to": "2026-04-01T00:00:00+08:00"},
        ).status_code
        == 404
    )
    assert client.get("/api/v1/passes").json()["items"] == []
    record.refresh_from_db()
    assert (record.status, Pass.objects.count()) == ("active", 1)


def test_issuers_register_and_list_with_our_own_key_shown(api_as, staff):
    _, public = tokens.key_pair_generate()
    client = api_as("commander")
    response = client.post_json(
        "/api/v1/passes/issuers", {"name": "邻县公安局", "public_key": public}
    )
    assert response.status_code == 201
    assert response.json()["key_id"] == tokens.key_id_of(public)
    # A station reads the issuers its bureau trusts.
    listed = api_as("officer1").get("/api/v1/passes/issuers").json()
    assert [issuer["name"] for issuer in listed] == ["邻县公安局"]
    own = client.get("/api/v1/passes/signing-key").json()
    assert own["issuer"] == "清河县公安局"
    assert own["key_id"] == tokens.key_id_of(own["public_key"])
    bad = client.post_json("/api/v1/passes/issuers", {"name": "x", "public_key": "nope"})
    assert bad.status_code == 422
