from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.people.models import (
    Alert,
    FollowUp,
    IsolationEpisode,
    IsolationKind,
    Person,
    PersonMerge,
    TravelRecord,
    WatchReason,
    WatchRecord,
    WatchSource,
)
from shouwang.people.selectors import person_duplicates, person_search
from shouwang.people.services import (
    PersonConflict,
    episode_start,
    followup_record,
    import_job_create,
    import_job_request_apply,
    person_merge,
    travel_add,
    watch_record_create,
)

from .factories import (
    WUHAN_DISTRICT,
    id_number,
    key_area_wuhan,
    register,
    wrong_checksum,
    xlsx_file,
)


def test_register_derives_sex_birth_and_stores_simplified_name(staff):
    number = id_number(birth="19900315", sequence="231")
    person = register(staff["officer1"], name="張偉", id_number=number, phone="138 0013 8000")
    person.refresh_from_db()
    assert (person.name, person.sex, person.birth_date) == ("张伟", "male", date(1990, 3, 15))
    assert (person.id_number, person.phone) == (number, "13800138000")
    assert person.id_number_index and person.phone_index


def test_register_same_id_in_scope_is_a_conflict_naming_the_existing_person(staff):
    number = id_number()
    first = register(staff["officer1"], name="李四", id_number=number)
    with pytest.raises(PersonConflict) as conflict:
        register(staff["chief1"], name="李四", id_number=number)
    assert conflict.value.existing == first
    assert Person.objects.count() == 1


def test_register_without_id_matches_on_name_and_phone(staff):
    first = register(staff["officer1"], name="李四", phone="13800138000")
    with pytest.raises(PersonConflict) as conflict:
        register(staff["officer1"], name="李四", phone="13800138000")
    assert conflict.value.existing == first
    register(staff["officer1"], name="李五", phone="13800138000")
    assert Person.objects.count() == 2


def test_register_refuses_a_wrong_checksum_in_chinese(staff):
    with pytest.raises(ValidationError) as error:
        register(staff["officer1"], name="李四", id_number=wrong_checksum(id_number()))
    assert error.value.message_dict == {"id_number": ["身份证号校验位错误"]}


def test_health_liaison_cannot_register(staff):
    with pytest.raises(PermissionDenied):
        register(staff["health1"], name="李四")
    assert Person.objects.count() == 0


def test_search_finds_by_traditional_name_full_id_and_phone(staff):
    number = id_number()
    person = register(staff["officer1"], name="张伟", id_number=number, phone="13800138000")
    register(staff["officer1"], name="王芳")
    officer = staff["officer1"]
    assert list(person_search(officer, query="張偉")) == [person]
    assert list(person_search(officer, query=number)) == [person]
    assert list(person_search(officer, query="138-0013-8000")) == [person]
    assert list(person_search(staff["officer2"], query=number)) == []


def test_key_area_flag_from_id_region_origin_or_travel(staff):
    area = key_area_wuhan(staff["commander"])
    officer = staff["officer1"]
    by_id = register(officer, name="甲", id_number=id_number(region=WUHAN_DISTRICT))
    assert by_id.flagged_area == area
    by_origin = register(officer, name="乙")
    assert by_origin.flagged_area is None
    watch_record_create(
        actor=officer,
        person=by_origin,
        reason=WatchReason.KEY_AREA_ARRIVAL,
        source=WatchSource.RESIDENT_TIP,
        origin="湖北省武汉市",
    )
    by_origin.refresh_from_db()
    assert by_origin.flagged_area == area
    by_travel = register(officer, name="丙")
    travel_add(
        actor=officer,
        person=by_travel,
        place="武汉",
        arrived_on=date(2020, 1, 20),
        means="train",
        carrier_number="g1234",
    )
    by_travel.refresh_from_db()
    assert by_travel.flagged_area == area
    assert TravelRecord.objects.get(person=by_travel).carrier_number == "G1234"


def test_duplicates_by_phone_and_similar_name_at_same_address(staff):
    officer = staff["officer1"]
    person = register(officer, name="刘德华", phone="13800138000", current_address="北门社区1号")
    same_phone = register(officer, name="刘华", phone="13800138000")
    similar = register(officer, name="刘德铧", current_address="北门社区1号")
    register(officer, name="陈明", current_address="北门社区1号")
    found = {c.person: c.reasons for c in person_duplicates(person, officer)}
    assert found == {same_phone: ["same_phone"], similar: ["similar_name_same_address"]}


def test_merge_moves_every_reference_fills_blanks_and_keeps_history(staff):
    officer = staff["officer1"]
    today = timezone.localdate()
    keep = register(officer, name="刘德华", phone="13800138000")
    merge = register(officer, name="刘德华", id_number=id_number(), current_address="北门1号")
    record = watch_record_create(
        actor=officer, person=merge, reason=WatchReason.RETURNEE, source=WatchSource.RESIDENT_TIP
    )
    travel = travel_add(actor=officer, person=merge, place="武汉")
    episode = episode_start(actor=officer, person=merge, kind=IsolationKind.HOME, start_date=today)
    followup_record(actor=officer, episode=episode, temperature="38.0")

    person_merge(actor=officer, keep=keep, merge=merge)

    keep.refresh_from_db()
    merge.refresh_from_db()
    assert merge.merged_into == keep and merge.merged_at is not None
    assert Person.objects.filter(pk=merge.pk).exists()
    assert WatchRecord.objects.get(pk=record.pk).person == keep
    assert TravelRecord.objects.get(pk=travel.pk).person == keep
    assert IsolationEpisode.objects.get(pk=episode.pk).person == keep
    assert FollowUp.objects.filter(episode__person=keep).count() == 2  # today and tomorrow
    assert Alert.objects.get().person == keep
    assert keep.id_number == merge.id_number and keep.current_address == "北门1号"
    assert keep.history.count() == 2  # registered, then merged
    latest = keep.history.first()
    assert (latest.history_change_reason, latest.history_user) == (f"合并 {merge.pk}", officer)
    assert merge.history.first().merged_into_id == keep.pk
    audit = PersonMerge.objects.get()
    assert (audit.kept, audit.merged, audit.actor) == (keep, merge, officer)
    assert audit.moved == {
        "watch_records": 1,
        "contacts": 0,
        "episodes": 1,
        "travels": 1,
        "alerts": 1,
    }
    assert audit.filled == ["id_number", "current_address"]
    assert list(person_search(officer)) == [keep]
    moved_travel = TravelRecord.objects.get(pk=travel.pk).history.order_by("history_id")
    assert [(h.history_type, h.person_id, h.history_change_reason) for h in moved_travel] == [
        ("+", merge.pk, None),
        ("~", keep.pk, f"合并 {merge.pk}"),
    ]


def test_merging_an_imported_person_keeps_whom_his_records_first_belonged_to(staff):
    officer = staff["officer1"]
    keep = register(officer, name="刘德华", phone="13800138000")
    job = import_job_create(
        actor=officer,
        filename="名单.xlsx",
        content=xlsx_file([["刘德华", id_number(), "", "", "湖北省武汉市", "2020-01-22", "返乡"]]),
    )
    import_job_request_apply(actor=officer, job=job)
    imported = Person.objects.exclude(pk=keep.pk).get()
    record = WatchRecord.objects.get(person=imported)

    person_merge(actor=officer, keep=keep, merge=imported)

    history = record.history.order_by("history_id")
    assert [(h.history_type, h.person_id, h.history_change_reason) for h in history] == [
        ("+", imported.pk, "名单导入"),
        ("~", keep.pk, f"合并 {imported.pk}"),
    ]


def test_merge_refuses_two_different_id_numbers(staff):
    officer = staff["officer1"]
    keep = register(officer, name="甲", id_number=id_number(sequence="111"))
    merge = register(officer, name="甲", id_number=id_number(sequence="113"))
    with pytest.raises(ValidationError):
        person_merge(actor=officer, keep=keep, merge=merge)
    assert Person.objects.filter(merged_into__isnull=False).count() == 0
