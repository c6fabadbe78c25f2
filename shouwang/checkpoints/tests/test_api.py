import uuid
from datetime import date

from shouwang.areas.services import key_area_create
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register

from .factories import passage_data

VALID_ID = "610824198801150717"


def test_checkpoint_list_is_scoped(api_as, checkpoints):
    response = api_as("officer1").get("/api/v1/checkpoints")
    assert response.status_code == 200
    assert [(c["name"], c["unit_name"]) for c in response.json()] == [
        ("城关东出口卡点", "城关东出口卡点")
    ]


def test_create_passage_adds_plate_facts_and_masks_people(api_as, staff, checkpoints):
    key_area_create(
        actor=staff["commander"],
        region_code="420000",
        risk_level="medium",
        valid_from=date(2020, 1, 1),
    )
    response = api_as("officer1").post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="鄂A12345",
            disposition="registered",
            occupants=[
                {
                    "name": "李四",
                    "id_number": VALID_ID,
                    "phone": "13909120004",
                    "temperature": 36.4,
                    "health_code": "green",
                }
            ],
        ),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["plate"], body["plate_region"], body["plate_city"]) == ("鄂A12345", "湖北", "武汉")
    assert (body["out_of_town"], body["key_area"], body["key_area_name"]) == (True, True, "湖北省")
    assert body["occupants"] == [
        {
            "name": "李四",
            "id_number": "610824********0717",
            "phone": "139****0004",
            "temperature": 36.4,
            "health_code": "green",
        }
    ]


def test_bad_input_gives_422_with_chinese_field_errors(api_as, checkpoints):
    response = api_as("officer1").post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="鄂A1234",
            occupants=[{"phone": "12345678901", "temperature": 45}],
        ),
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "plate": "车牌号格式不正确",
        "occupants.0.phone": "手机号码号段不正确",
        "occupants.0.temperature": "体温应在34至43℃之间",
    }
    assert Passage.objects.count() == 0


def test_unknown_checkpoint_is_a_field_error(api_as, checkpoints):
    response = api_as("officer1").post_json(
        "/api/v1/passages", passage_data(checkpoints["城关"], checkpoint=987654)
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "checkpoint", "message": "未知的卡点"}]


def test_batch_endpoint_reports_each_item(api_as, checkpoints):
    good = passage_data(checkpoints["城关"])
    items = [
        good,
        {
            "client_id": str(uuid.uuid4()),
            "checkpoint": "x",
            "vehicle_kind": "pedestrian",
            "disposition": "passed",
        },
        "not an object",
        good,
    ]
    response = api_as("officer1").post_json("/api/v1/passages/batch", {"items": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "error", "error", "duplicate"]
    assert results[1]["errors"] == [{"field": "checkpoint", "message": "未知的卡点"}]
    assert results[3]["id"] == results[0]["id"]
    assert Passage.objects.count() == 1


def test_batch_over_limit_is_refused(api_as, checkpoints):
    items = [passage_data(checkpoints["城关"]) for _ in range(1001)]
    response = api_as("officer1").post_json("/api/v1/passages/batch", {"items": items})
    assert response.status_code == 422
    assert Passage.objects.count() == 0


def test_list_filters_and_query_count(api_as, staff, checkpoints, django_assert_num_queries):
    for plate, disposition in [
        ("陕K11111", "passed"),
        ("鄂A22222", "registered"),
        ("豫K33333", "turned_back"),
    ]:
        passage_register(
            actor=staff["officer1"],
            data=passage_data(
                checkpoints["城关"],
                plate=plate,
                disposition=disposition,
                occupants=[{"name": "甲"}],
            ),
        )
    client = api_as("officer1")
    with django_assert_num_queries(5):  # token, user, page, occupants, count
        response = client.get(
            f"/api/v1/passages?checkpoint={checkpoints['城关'].pk}&disposition=registered"
        )
    body = response.json()
    assert (body["count"], [p["plate"] for p in body["items"]]) == (1, ["鄂A22222"])
    response = client.get("/api/v1/passages?plate=豫K")
    assert [p["plate"] for p in response.json()["items"]] == ["豫K33333"]


def test_plate_lookup_returns_summary_and_history(api_as, staff, checkpoints):
    passage_register(
        actor=staff["officer2"],
        data=passage_data(
            checkpoints["白云山"], plate="鄂A12345", disposition="registered", destination="县城"
        ),
    )
    body = api_as("officer1").get("/api/v1/plates/鄂a12345/lookup").json()
    assert (body["valid"], body["summary"], body["prefill"]["destination"]) == (
        True,
        "鄂A · 湖北武汉 · 外地车辆",
        "县城",
    )
    assert [p["checkpoint_name"] for p in body["last_passages"]] == ["白云山高速出口检查站"]
    bad = api_as("officer1").get("/api/v1/plates/鄂I12345/lookup").json()
    assert (bad["valid"], bad["error"]) == (False, "车牌号格式不正确")


def test_stats_endpoint(api_as, staff, checkpoints, bureau):
    passage_register(
        actor=staff["officer1"],
        data=passage_data(checkpoints["城关"], disposition="turned_back", occupants_count=3),
    )
    response = api_as("chief1").get(f"/api/v1/stats/checkpoints?unit={bureau['城关派出所'].pk}")
    body = response.json()
    assert (body["vehicle_turn_backs"], body["people_turned_back"]) == (1, 3)
    assert set(body) >= {
        "vehicles_passed",
        "vehicles_registered",
        "people_checked",
        "people_handed_over",
        "by_day",
        "by_hour",
        "by_origin",
    }


def test_void_and_patch_endpoints(api_as, staff, checkpoints):
    passage = passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    client = api_as("officer1")
    response = client.patch_json(
        f"/api/v1/passages/{passage.pk}", {"destination": "北门社区", "reason": "补录去向"}
    )
    assert (response.status_code, response.json()["destination"]) == (200, "北门社区")
    response = client.post_json(f"/api/v1/passages/{passage.pk}/void", {"reason": ""})
    assert response.json()["errors"] == [{"field": "reason", "message": "请填写作废原因"}]
    response = client.post_json(f"/api/v1/passages/{passage.pk}/void", {"reason": "重复"})
    assert response.json()["voided"] is True
