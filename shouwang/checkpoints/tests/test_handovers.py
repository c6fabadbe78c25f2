"""A passage handed over to health reaches the registry: a watch record of each named occupant,
found or created by ID number, linked both ways, an alert to the station — in the transaction
storing the passage, once however often the phone sends it."""

import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shouwang.areas.services import key_area_create
from shouwang.checkpoints.models import Occupant, Passage
from shouwang.checkpoints.services import (
    passage_batch_register,
    passage_register,
    passage_update,
)
from shouwang.conflicts import Conflict
from shouwang.people.models import (
    Alert,
    AlertKind,
    Person,
    WatchReason,
    WatchRecord,
    WatchSource,
    WatchStatus,
)
from shouwang.people.services import person_register, watch_record_set_status
from shouwang.people.tests.factories import id_number

from .factories import passage_data

FEVER_ID = "610824198801150717"
OTHER_ID = id_number(birth="19900202", sequence="123")


@pytest.fixture
def wuhan_high_risk(staff):
    return key_area_create(
        actor=staff["commander"],
        region_code="420100",
        risk_level="high",
        valid_from=date(2020, 1, 1),
    )


def errors_of(excinfo) -> dict:
    return {field: messages[0] for field, messages in excinfo.value.message_dict.items()}


def handover(checkpoint, **fields):
    data = {
        "plate": "陕A12345",
        "temperature": "38.6",
        "disposition": "handed_over",
        "occupants": [{"name": "张三", "id_number": FEVER_ID, "temperature": "38.6"}],
        **fields,
    }
    return passage_data(checkpoint, **data)


def test_a_handover_makes_a_watched_person_a_record_an_alert_and_links_them(
    staff, bureau, checkpoints
):
    passage = passage_register(actor=staff["officer1"], data=handover(checkpoints["城关"]))

    station = bureau["城关派出所"]
    person = Person.objects.get()
    assert (person.name, person.id_number, person.unit) == ("张三", FEVER_ID, station)
    assert (person.sex, str(person.birth_date)) == ("male", "1988-01-15")
    record = WatchRecord.objects.get()
    assert (record.person, record.unit, record.source, record.reason, record.status) == (
        person,
        station,
        WatchSource.CHECKPOINT_HANDOVER,
        WatchReason.FEVER,
        WatchStatus.OPEN,
    )
    assert record.arrived_on == passage.occurred_on
    assert record.note.startswith("城关东出口卡点 ")
    assert record.note.endswith("通行登记，移交卫健；体温38.6℃")
    assert record.created_by == staff["officer1"]
    # Both ways: the occupant names the record, the record reaches the passage.
    occupant = Occupant.objects.get()
    assert occupant.watch_record == record
    assert [o.passage for o in record.checkpoint_occupants.all()] == [passage]
    alert = Alert.objects.get()
    assert (alert.unit, alert.person, alert.kind) == (station, person, AlertKind.HANDOVER)
    assert alert.message == "张三 在城关东出口卡点 体温38.6℃，已移交卫健"


def test_a_known_person_is_found_by_id_number_not_registered_again(staff, bureau, checkpoints):
    known = person_register(
        actor=staff["officer1"], unit=bureau["城关派出所"], name="张三", id_number=FEVER_ID
    )

    passage_register(actor=staff["officer1"], data=handover(checkpoints["城关"]))

    assert list(Person.objects.all()) == [known]
    assert WatchRecord.objects.get().person == known


def test_a_person_already_handed_over_keeps_his_open_record_and_each_handover_alerts(
    staff, checkpoints
):
    first = passage_register(actor=staff["officer1"], data=handover(checkpoints["城关"]))
    second = passage_register(
        actor=staff["officer1"], data=handover(checkpoints["城关"], plate="陕A54321")
    )

    record = WatchRecord.objects.get()
    assert {o.passage_id for o in record.checkpoint_occupants.all()} == {first.pk, second.pk}
    assert Alert.objects.filter(kind=AlertKind.HANDOVER).count() == 2

    # Once his watch is over, a new handover is a new record.
    watch_record_set_status(actor=staff["officer1"], record=record, status=WatchStatus.RULED_OUT)
    passage_register(actor=staff["officer1"], data=handover(checkpoints["城关"], plate="陕A11111"))
    assert WatchRecord.objects.count() == 2
    assert Person.objects.count() == 1


def test_without_an_id_number_the_person_is_registered_without_one_or_as_to_identify(
    staff, checkpoints
):
    passage_register(
        actor=staff["officer1"],
        data=handover(
            checkpoints["城关"],
            occupants=[{"name": "李四", "temperature": "38.2"}, {"id_number": OTHER_ID}],
            occupants_count=2,
        ),
    )

    named, unnamed = Person.objects.order_by("id")
    assert (named.name, named.id_number, named.id_number_index) == ("李四", "", "")
    assert (unnamed.name, unnamed.id_number) == ("待识别", OTHER_ID)
    assert WatchRecord.objects.count() == 2


def test_a_handover_must_name_whom_it_hands_over(staff, checkpoints):
    with pytest.raises(ValidationError) as excinfo:
        passage_register(
            actor=staff["officer1"],
            data=handover(checkpoints["城关"], occupants=[], occupants_count=2),
        )
    assert errors_of(excinfo) == {"occupants": "移交卫健须登记被移交人员的姓名或身份证号"}
    assert (Passage.objects.count(), WatchRecord.objects.count()) == (0, 0)


def test_a_registration_sent_twice_makes_one_record(staff, checkpoints):
    data = handover(checkpoints["城关"])
    passage_register(actor=staff["officer1"], data=data)
    with pytest.raises(Conflict):
        passage_register(actor=staff["officer1"], data=data)

    assert (WatchRecord.objects.count(), Alert.objects.count(), Person.objects.count()) == (1, 1, 1)


def test_a_batch_hands_over_and_a_batch_sent_again_makes_nothing_more(staff, checkpoints):
    items = [
        handover(checkpoints["城关"]),
        handover(
            checkpoints["城关"],
            plate="陕A22222",
            occupants=[{"name": "王五", "id_number": OTHER_ID, "health_code": "red"}],
            temperature=None,
        ),
        passage_data(checkpoints["城关"], plate="陕K33333"),
    ]
    first = passage_batch_register(actor=staff["officer1"], items=items)
    again = passage_batch_register(actor=staff["officer1"], items=items)

    assert [r["status"] for r in first] == ["created"] * 3
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["id"] for r in again] == [r["id"] for r in first]
    records = {r.person.name: r for r in WatchRecord.objects.select_related("person")}
    assert set(records) == {"张三", "王五"}
    assert records["王五"].reason == WatchReason.FEVER
    assert records["王五"].note.endswith("移交卫健；红码")
    assert Alert.objects.count() == 2
    linked = dict(
        Occupant.objects.filter(watch_record__isnull=False).values_list(
            "passage_id", "watch_record"
        )
    )
    assert linked == {first[0]["id"]: records["张三"].pk, first[1]["id"]: records["王五"].pk}


def test_a_volunteer_hands_a_fever_case_over_without_managing_people(staff, bureau, checkpoints):
    volunteer = staff["volunteer1"]
    assert not volunteer.has_capability("manage_people")

    passage_register(actor=volunteer, data=handover(checkpoints["城关"]))

    record = WatchRecord.objects.get()
    assert (record.created_by, record.unit) == (volunteer, bureau["城关派出所"])
    assert Person.objects.get().created_by == volunteer


def test_an_ordinary_registration_asks_nothing_of_the_registry(staff, checkpoints):
    passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    with CaptureQueriesContext(connection) as queries:
        passage_register(
            actor=staff["officer1"],
            data=passage_data(
                checkpoints["城关"],
                plate="陕K54321",
                occupants=[{"name": "赵六", "id_number": FEVER_ID, "temperature": "36.5"}],
                disposition="registered",
            ),
        )
        passage_batch_register(
            actor=staff["officer1"],
            items=[passage_data(checkpoints["城关"], plate=f"鄂A0000{n}") for n in range(3)],
        )
    registry = re.compile(r'(FROM|INTO|UPDATE|JOIN) "people_')
    assert [q["sql"] for q in queries.captured_queries if registry.search(q["sql"])] == []
    assert WatchRecord.objects.count() == 0


def test_an_arrival_from_a_key_area_is_registered_when_the_officer_asks(
    staff, checkpoints, wuhan_high_risk
):
    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            plate="鄂A12345",
            disposition="registered",
            register_watch=True,
            occupants=[{"name": "钱七", "id_number": OTHER_ID, "phone": "13800138000"}],
        ),
    )

    record = WatchRecord.objects.select_related("person").get()
    assert (record.source, record.reason, record.origin_region_code) == (
        WatchSource.CHECKPOINT_ARRIVAL,
        WatchReason.KEY_AREA_ARRIVAL,
        "420100",
    )
    assert record.origin == "湖北省武汉市"
    assert record.person.flagged_area == wuhan_high_risk
    assert Occupant.objects.get(passage=passage).watch_record == record
    assert Alert.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"plate": "陕K12345"},
            "register_watch",
            "仅外地车辆或来自重点地区的人员可登记为重点人员，请填写来自何处",
        ),
        ({"occupants": []}, "occupants", "登记为重点人员须填写人员姓名或身份证号"),
        (
            {"disposition": "turned_back"},
            "register_watch",
            "劝返人员未进入辖区，无需登记为重点人员",
        ),
    ],
)
def test_registering_arrivals_needs_names_an_origin_and_someone_let_in(
    staff, checkpoints, fields, field, message
):
    data = {
        "plate": "鄂A12345",
        "disposition": "registered",
        "register_watch": True,
        "occupants": [{"name": "钱七"}],
        **fields,
    }
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"], **data))
    assert errors_of(excinfo)[field] == message
    assert (Passage.objects.count(), WatchRecord.objects.count()) == (0, 0)


def test_a_correction_to_handed_over_hands_the_named_occupants_over(staff, bureau, checkpoints):
    passage = passage_register(
        actor=staff["volunteer1"],
        data=passage_data(
            checkpoints["城关"],
            plate="陕A12345",
            occupants=[{"name": "张三", "id_number": FEVER_ID}, {"phone": "13800138000"}],
            occupants_count=2,
            disposition="registered",
        ),
    )
    assert WatchRecord.objects.count() == 0

    passage_update(
        actor=staff["chief1"],
        passage=passage,
        changes={"disposition": "handed_over", "temperature": "38.9"},
        reason="复测发热",
    )

    record = WatchRecord.objects.get()
    assert (record.person.name, record.created_by, record.reason) == (
        "张三",
        staff["chief1"],
        WatchReason.FEVER,
    )
    assert list(passage.occupants.values_list("watch_record", flat=True)) == [record.pk, None]
    assert Alert.objects.get().message == "张三 在城关东出口卡点 体温38.9℃，已移交卫健"
    # Correcting the handed-over passage again hands nobody over twice.
    passage_update(
        actor=staff["chief1"], passage=passage, changes={"purpose": "就医"}, reason="补充事由"
    )
    assert (WatchRecord.objects.count(), Alert.objects.count()) == (1, 1)


def test_a_correction_to_handed_over_without_names_is_refused(staff, checkpoints):
    passage = passage_register(
        actor=staff["officer1"], data=passage_data(checkpoints["城关"], disposition="registered")
    )
    with pytest.raises(ValidationError) as excinfo:
        passage_update(
            actor=staff["officer1"],
            passage=passage,
            changes={"disposition": "handed_over"},
            reason="改为移交",
        )
    assert errors_of(excinfo) == {"occupants": "移交卫健须登记被移交人员的姓名或身份证号"}
    passage.refresh_from_db()
    assert passage.disposition == "registered"


# --- item 2: an empty form is not a passage --------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"plate": None, "vehicle_kind": None},
            {"vehicle_kind": "请填写车牌，或选择行人/非机动车"},
        ),
        ({"plate": "", "vehicle_kind": ""}, {"vehicle_kind": "请填写车牌，或选择行人/非机动车"}),
        ({"plate": None, "vehicle_kind": "truck"}, {"plate": "请输入车牌号"}),
        ({"occupants_count": ""}, {"occupants_count": "请填写人数"}),
        ({"occupants_count": "  "}, {"occupants_count": "请填写人数"}),
    ],
)
def test_a_passage_needs_a_plate_or_an_explicit_kind_and_a_count(
    staff, checkpoints, fields, errors
):
    with pytest.raises(ValidationError) as excinfo:
        passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"], **fields))
    assert errors_of(excinfo) == errors
    assert Passage.objects.count() == 0


def test_pedestrians_named_as_such_and_an_absent_count_are_still_a_passage(staff, checkpoints):
    data = passage_data(checkpoints["城关"], plate=None, vehicle_kind="non_motor")
    del data["occupants_count"]
    passage = passage_register(actor=staff["officer1"], data=data)
    assert (passage.vehicle_kind, passage.occupants_count, passage.plate) == ("non_motor", 1, "")


def test_a_batch_item_handed_over_without_names_fails_alone(staff, checkpoints):
    results = passage_batch_register(
        actor=staff["officer1"],
        items=[
            handover(checkpoints["城关"]),
            {**handover(checkpoints["城关"], occupants=[]), "client_id": str(uuid.uuid4())},
        ],
    )
    assert [r["status"] for r in results] == ["created", "error"]
    assert results[1]["errors"] == [
        {"field": "occupants", "message": "移交卫健须登记被移交人员的姓名或身份证号"}
    ]
    assert WatchRecord.objects.get().person.name == "张三"
    assert Occupant.objects.get().temperature == Decimal("38.6")
