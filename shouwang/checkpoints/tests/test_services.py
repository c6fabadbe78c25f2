import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.areas.services import key_area_create
from shouwang.checkpoints.models import Checkpoint, Occupant, Passage
from shouwang.checkpoints.selectors import passage_last_for_plate, plate_lookup
from shouwang.checkpoints.services import (
    checkpoint_close,
    checkpoint_create,
    checkpoint_reopen,
    passage_batch_register,
    passage_register,
    passage_update,
    passage_void,
)
from shouwang.privacy.fields import blind_index

from .factories import passage_data

VALID_ID = "610824198801150717"


def errors_of(excinfo) -> dict:
    return {field: messages[0] for field, messages in excinfo.value.message_dict.items()}


@pytest.fixture
def wuhan_high_risk(staff):
    return key_area_create(
        actor=staff["commander"],
        region_code="420100",
        risk_level="high",
        valid_from=date(2020, 1, 1),
    )


def test_local_car_needs_only_plate_and_disposition(staff, checkpoints):
    passage = passage_register(
        actor=staff["officer1"],
        data={
            "checkpoint": checkpoints["城关"].pk,
            "plate": "陕k·12345",
            "disposition": "passed",
        },
    )
    assert (passage.plate, passage.vehicle_kind, passage.direction) == ("陕K12345", "car", "in")
    assert (passage.out_of_town, passage.is_key_area, passage.occupants_count) == (False, False, 1)
    assert (passage.plate_province, passage.plate_city) == ("陕西", "榆林")
    assert (passage.origin_province, passage.origin_city) == ("陕西省", "榆林市")


def test_wuhan_plate_is_out_of_town_and_key_area(staff, checkpoints, wuhan_high_risk):
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(checkpoints["城关"], plate="鄂A88888", disposition="registered"),
    )
    assert passage.out_of_town is True
    assert passage.is_key_area is True
    assert passage.key_area == wuhan_high_risk
    assert (passage.plate_prefix, passage.plate_city) == ("鄂A", "武汉")


def test_origin_region_in_key_area_flags_local_car(staff, checkpoints, wuhan_high_risk):
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(checkpoints["城关"], origin_region_code="420102", origin="武汉江岸"),
    )
    assert (passage.out_of_town, passage.is_key_area) == (False, True)
    assert (passage.origin_province, passage.origin_city) == ("湖北省", "武汉市")


def test_fever_requires_handover_or_reason(staff, checkpoints):
    data = passage_data(
        checkpoints["城关"],
        occupants=[{"name": "张三", "temperature": "37.3", "health_code": "green"}],
    )
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=data)
    assert "应移交卫健" in errors_of(excinfo)["disposition"]
    assert Passage.objects.count() == 0

    data["override_reason"] = "复测体温36.8℃"
    passage = passage_register(actor=staff["officer1"], data=data)
    assert (passage.max_temperature, passage.override_reason) == (Decimal("37.3"), "复测体温36.8℃")


@pytest.mark.parametrize("code", ["yellow", "red"])
def test_yellow_or_red_code_handed_over_is_accepted(staff, checkpoints, code):
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            health_code=code,
            occupants_count=2,
            occupants=[{"name": "张三"}],
            disposition="handed_over",
        ),
    )
    assert (passage.health_code, passage.occupants_count) == (code, 2)


def test_named_occupants_encrypted_and_indexed(staff, checkpoints):
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            occupants_count=None,
            occupants=[
                {
                    "name": "李四",
                    "id_number": VALID_ID,
                    "phone": "139 0912 0004",
                    "temperature": 36.5,
                    "health_code": "green",
                },
                {"name": "王五"},
            ],
        ),
    )
    assert passage.occupants_count == 2
    person = Occupant.objects.get(name="李四")
    assert person.id_number == VALID_ID
    assert person.phone_index == blind_index("13909120004", purpose="phone")
    assert person.id_number_index == blind_index(VALID_ID, purpose="id_number")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"plate": "鄂I12345"}, "plate", "车牌号格式不正确"),
        ({"plate": "火A12345"}, "plate", "未知的省份简称"),
        ({"vehicle_kind": "pedestrian"}, "plate", "行人不填写车牌号"),
        ({"plate": None}, "plate", "请输入车牌号"),
        (
            {"occupants": [{"name": "甲", "id_number": "610824198801150718"}]},
            "occupants.0.id_number",
            None,
        ),
        ({"occupants": [{"name": "甲", "phone": "1234"}]}, "occupants.0.phone", None),
        (
            {"occupants": [{"name": "甲", "temperature": "33.9"}]},
            "occupants.0.temperature",
            "体温应在34至43℃之间",
        ),
        ({"temperature": "43.1"}, "temperature", "体温应在34至43℃之间"),
        ({"checkpoint": 999999}, "checkpoint", "未知的卡点"),
        ({"disposition": ""}, "disposition", "请选择处置结果"),
        ({"green_channel": True}, "green_channel_kind", "请选择绿色通道类型（病人、药品或物资）"),
    ],
)
def test_bad_input_gives_chinese_field_error(staff, checkpoints, fields, field, message):
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"], **fields))
    errors = errors_of(excinfo)
    assert field in errors
    if message:
        assert errors[field] == message
    assert Passage.objects.count() == 0
    assert Occupant.objects.count() == 0


def test_future_time_rejected_but_clock_skew_allowed(staff, checkpoints):
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        passage_register(
            actor=staff["officer1"],
            data=passage_data(
                checkpoints["城关"], occurred_at=(now + timedelta(minutes=6)).isoformat()
            ),
        )
    assert errors_of(excinfo) == {"occurred_at": "通行时间不能晚于当前时间"}
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"], occurred_at=(now + timedelta(minutes=4)).isoformat()
        ),
    )
    assert passage.pk


def test_sibling_station_checkpoint_is_unknown(staff, checkpoints):
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer2"], data=passage_data(checkpoints["城关"]))
    assert errors_of(excinfo) == {"checkpoint": "未知的卡点"}


def test_closed_checkpoint_refuses_passages(staff, checkpoints):
    checkpoint_close(actor=staff["chief1"], checkpoint=checkpoints["城关"], reason="道路解封")
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    assert errors_of(excinfo) == {"checkpoint": "该卡点已撤除，不能登记"}
    checkpoint_reopen(actor=staff["chief1"], checkpoint=checkpoints["城关"], reason="疫情反弹")
    assert passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"])).pk
    assert [h.status for h in checkpoints["城关"].history.order_by("history_id")] == [
        "active",
        "closed",
        "active",
    ]


def test_batch_is_idempotent_and_keeps_good_items(staff, checkpoints):
    good = passage_data(checkpoints["城关"])
    bad = passage_data(checkpoints["城关"], plate="鄂I00000")
    repeated = dict(good)
    results = passage_batch_register(actor=staff["officer1"], items=[good, bad, repeated])
    assert [r["status"] for r in results] == ["created", "error", "duplicate"]
    assert results[1]["errors"] == [{"field": "plate", "message": "车牌号格式不正确"}]
    assert results[2]["id"] == results[0]["id"]
    again = passage_batch_register(actor=staff["officer1"], items=[good])
    assert again == [
        {"client_id": good["client_id"], "status": "duplicate", "id": results[0]["id"]}
    ]
    assert Passage.objects.count() == 1


def test_resent_batch_stores_only_its_new_items_and_counts_them_once(staff, checkpoints):
    from shouwang.checkpoints.models import PassageCountsByHour

    first = [passage_data(checkpoints["城关"], plate=f"陕K1000{n}") for n in range(3)]
    stored = passage_batch_register(actor=staff["officer1"], items=first)
    later = [passage_data(checkpoints["城关"], plate=f"陕K2000{n}") for n in range(2)]
    results = passage_batch_register(actor=staff["officer1"], items=[*first, *later])
    assert [r["status"] for r in results] == ["duplicate"] * 3 + ["created"] * 2
    assert [r["id"] for r in results[:3]] == [r["id"] for r in stored]
    assert Passage.objects.count() == 5
    assert sum(PassageCountsByHour.objects.values_list("vehicles_passed", flat=True)) == 5


def test_batch_item_without_client_id_is_an_error(staff, checkpoints):
    item = passage_data(checkpoints["城关"])
    del item["client_id"]
    results = passage_batch_register(actor=staff["officer1"], items=[item])
    assert results == [
        {
            "client_id": None,
            "status": "error",
            "errors": [{"field": "client_id", "message": "必填"}],
        }
    ]


def test_returning_vehicle_found_across_bureau_and_prefilled(staff, checkpoints):
    passage_register(
        actor=staff["officer2"],
        data=passage_data(
            checkpoints["白云山"],
            plate="鄂A12345",
            disposition="registered",
            vehicle_kind="truck",
            occupants_count=2,
            origin="武汉",
            destination="清河县城",
            purpose="送货",
        ),
    )
    last = passage_last_for_plate(user=staff["officer1"], plate="鄂A12345")
    assert [p.checkpoint.name for p in last] == ["白云山高速出口检查站"]
    lookup = plate_lookup(user=staff["officer1"], text="鄂a12345")
    assert lookup.prefill == {
        "vehicle_kind": "truck",
        "occupants_count": 2,
        "origin": "武汉",
        "origin_region_code": "",
        "destination": "清河县城",
        "purpose": "送货",
    }
    assert lookup.summary == "鄂A · 湖北武汉 · 外地车辆"


def test_update_keeps_history_and_revalidates(staff, checkpoints):
    passage = passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    with pytest.raises(ValidationError):
        passage_update(
            actor=staff["officer1"],
            passage=passage,
            changes={"temperature": "38.5"},
            reason="补录体温",
        )
    passage_update(
        actor=staff["officer1"],
        passage=passage,
        changes={"disposition": "turned_back"},
        reason="实为劝返",
    )
    passage.refresh_from_db()
    assert passage.disposition == "turned_back"
    assert [h.disposition for h in passage.history.order_by("history_id")] == [
        "passed",
        "turned_back",
    ]


def test_void_requires_reason_and_keeps_row(staff, checkpoints):
    passage = passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    with pytest.raises(ValidationError):
        passage_void(actor=staff["officer1"], passage=passage, reason=" ")
    passage_void(actor=staff["officer1"], passage=passage, reason="重复登记")
    passage.refresh_from_db()
    assert (passage.is_void, passage.void_reason, passage.voided_by) == (
        True,
        "重复登记",
        staff["officer1"],
    )


def test_volunteer_cannot_void_someone_elses_record(staff, checkpoints):
    passage = passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    with pytest.raises(PermissionDenied):
        passage_void(actor=staff["volunteer1"], passage=passage, reason="错")


def test_checkpoint_create_rules(staff, bureau):
    with pytest.raises(ValidationError) as excinfo:
        checkpoint_create(
            actor=staff["chief1"],
            unit=bureau["白云山派出所"],
            name="北门卡点",
            kind="residential_gate",
            is_24h=False,
        )
    assert set(errors_of(excinfo)) == {"unit", "opens_at"}
    checkpoint = checkpoint_create(
        actor=staff["chief1"],
        unit=bureau["城关派出所"],
        name="矿区大门",
        kind="plant_gate",
        party_member_post=True,
    )
    assert checkpoint.party_member_post is True
    with pytest.raises(PermissionDenied):
        checkpoint_create(
            actor=staff["volunteer1"], unit=bureau["城关东出口卡点"], name="x", kind="other"
        )
    assert Checkpoint.objects.filter(name="矿区大门").count() == 1


def test_client_id_reused_in_single_registration_is_refused(staff, checkpoints):
    data = passage_data(checkpoints["城关"], client_id=str(uuid.uuid4()))
    passage_register(actor=staff["officer1"], data=data)
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=data)
    assert errors_of(excinfo) == {"client_id": "该登记已提交过"}


def test_pass_code_is_verified_and_attached_without_blocking(staff, checkpoints):
    passage = passage_register(
        actor=staff["officer1"], data=passage_data(checkpoints["城关"], pass_code="NOT-A-PASS")
    )
    passage.refresh_from_db()
    assert passage.pass_verification is not None
    assert passage.pass_verification.result == "forged"
    assert passage.disposition == "passed"


def test_checkpoint_edit_writes_only_changed_fields_and_nothing_when_unchanged(staff, checkpoints):
    from shouwang.checkpoints.services import checkpoint_update

    checkpoint = Checkpoint.objects.get(pk=checkpoints["城关"].pk)
    same = {
        "name": checkpoint.name,
        "kind": checkpoint.kind,
        "location": checkpoint.location,
        "is_24h": checkpoint.is_24h,
    }
    checkpoint_update(actor=staff["chief1"], checkpoint=checkpoint, **same)
    assert checkpoint.history.count() == 1  # its creation only
    checkpoint_update(actor=staff["chief1"], checkpoint=checkpoint, **{**same, "location": "G5"})
    latest = checkpoint.history.latest("history_id")
    assert (latest.location, latest.history_change_reason) == ("G5", "修改卡点信息")
    assert checkpoint.history.count() == 2
