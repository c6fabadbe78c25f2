"""Opening, deciding and closing cases; who may decide; evidence checked before it is kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.cases.links import _DECISION_LISTENERS, on_case_decided
from shouwang.cases.models import Case, CaseKind, CaseStatus, EvidenceFile
from shouwang.cases.services import (
    Party,
    Upload,
    case_close,
    case_decide,
    case_evidence_add,
    case_open,
    case_party_add,
    evidence_content,
    evidence_void,
)
from shouwang.conflicts import Conflict
from shouwang.people.tests.factories import id_number, register

from .factories import jpeg_bytes, open_case, photo, png_bytes


def test_a_case_names_registry_people_and_organisations(staff):
    officer = staff["officer1"]
    person = register(officer, name="王五", id_number=id_number(sequence="411"))
    case = open_case(
        officer,
        kind=CaseKind.PRICE_GOUGING,
        facts="口罩每只售价20元",
        parties=[
            Party(person=person),
            Party(role="operator", name="康泰大药房", credit_code="91610824MA70X2Y57L"),
        ],
    )
    parties = list(case.parties.order_by("id").values_list("name", "person_id", "credit_code"))
    assert parties == [("王五", person.pk, ""), ("康泰大药房", None, "91610824MA70X2Y57L")]
    assert case.status == CaseStatus.OPEN
    assert case.officer == officer
    assert case.unit == officer.unit


def test_a_wrong_credit_code_is_a_field_error(staff):
    with pytest.raises(ValidationError) as raised:
        open_case(
            staff["officer1"], parties=[Party(name="某超市", credit_code="91610824MA70X2Y57A")]
        )
    assert raised.value.message_dict == {"credit_code": ["统一社会信用代码校验位错误"]}
    assert Case.objects.count() == 0


def test_a_person_of_a_sibling_station_cannot_be_named(staff):
    stranger = register(staff["chief2"], name="外所人员", id_number=id_number(sequence="412"))
    with pytest.raises(ValidationError) as raised:
        open_case(staff["officer1"], parties=[Party(person=stranger)])
    assert raised.value.message_dict == {"parties": ["未找到该人员"]}


def test_a_case_in_the_future_or_without_facts_is_refused(staff):
    with pytest.raises(ValidationError) as raised:
        open_case(staff["officer1"], facts="  ", occurred_at=timezone.now() + timedelta(hours=2))
    assert set(raised.value.message_dict) == {"facts"}
    with pytest.raises(ValidationError) as raised:
        open_case(staff["officer1"], occurred_at=timezone.now() + timedelta(hours=2))
    assert raised.value.message_dict == {"occurred_at": ["时间不能晚于当前时间"]}


def test_a_record_opens_at_most_one_case(staff):
    officer = staff["officer1"]
    source = register(officer, name="来源记录", id_number=id_number(sequence="413"))
    first = open_case(officer, source=source)
    with pytest.raises(Conflict):
        open_case(officer, source=source)
    assert list(Case.objects.values_list("pk", flat=True)) == [first.pk]
    assert first.source == source


def test_a_decision_records_fine_and_detention_and_closes_after(staff):
    case = open_case(staff["officer1"])
    case_decide(
        actor=staff["chief1"],
        case=case,
        fine_amount=500,
        detention_days=5,
        note="清公决字〔2020〕3号",
    )
    case.refresh_from_db()
    assert (case.status, case.fine_amount, case.detention_days, case.decided_by) == (
        CaseStatus.DECIDED,
        500,
        5,
        staff["chief1"],
    )
    assert case.decision_text == "罚款500元、行政拘留5日"
    with pytest.raises(Conflict):
        case_decide(actor=staff["chief1"], case=case, warning=True)
    case_close(actor=staff["officer1"], case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_an_auxiliary_officer_may_open_a_case_but_not_decide_its_penalty(staff):
    auxiliary = staff["auxiliary1"]
    case = open_case(auxiliary)
    with pytest.raises(PermissionDenied):
        case_decide(actor=auxiliary, case=case, fine_amount=200)
    case.refresh_from_db()
    assert (case.status, case.fine_amount, case.decided_at) == (CaseStatus.OPEN, None, None)


def test_a_decision_needs_an_element_and_sane_amounts(staff):
    case = open_case(staff["officer1"])
    with pytest.raises(ValidationError) as raised:
        case_decide(actor=staff["chief1"], case=case)
    assert raised.value.message_dict == {"decision": ["请至少选择一项处理决定"]}
    with pytest.raises(ValidationError) as raised:
        case_decide(actor=staff["chief1"], case=case, detention_days=21, fine_amount=0)
    assert set(raised.value.message_dict) == {"detention_days", "fine_amount"}


def test_closing_without_a_decision_needs_a_reason(staff):
    case = open_case(staff["officer1"])
    with pytest.raises(ValidationError) as raised:
        case_close(actor=staff["officer1"], case=case)
    assert raised.value.message_dict == {"note": ["未作处罚决定而结案，须说明理由"]}
    case_close(actor=staff["officer1"], case=case, note="经查不构成违法")
    with pytest.raises(Conflict):
        case_party_add(actor=staff["officer1"], case=case, party=Party(name="补充单位"))


def test_decision_listeners_run_inside_the_decision(staff):
    heard = []

    def listener(*, actor, case):
        heard.append((actor.username, case.forced_closure))

    on_case_decided(listener)
    try:
        case = open_case(staff["officer1"])
        case_decide(actor=staff["chief1"], case=case, forced_closure=True)
    finally:
        _DECISION_LISTENERS.remove(listener)
    assert heard == [("chief1", True)]


def test_evidence_is_kept_encrypted_and_voided_never_deleted(staff):
    officer = staff["officer1"]
    case = open_case(officer)
    (stored,) = case_evidence_add(actor=officer, case=case, uploads=[photo()], description="现场")
    assert png_bytes() not in bytes(EvidenceFile.objects.get().content)
    assert evidence_content(stored) == png_bytes()
    assert stored.kind == "png"
    evidence_void(actor=officer, evidence=stored, reason="拍错了")
    stored.refresh_from_db()
    assert (stored.void_reason, stored.voided_by) == ("拍错了", officer)
    assert EvidenceFile.objects.count() == 1
    with pytest.raises(Conflict):
        evidence_void(actor=officer, evidence=stored, reason="再次")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"MZ\x90\x00 not a photo", "“x.jpg”不是 JPEG、PNG 照片或 PDF 文件（可能只是改了扩展名）"),
        (png_bytes(width=60000, height=60000), "“x.jpg”尺寸异常（60000×60000 像素），拒绝保存"),
        (b"", "“x.jpg”是空文件"),
        (b"\xff\xd8\xff\xe0\x00", "“x.jpg”已损坏，无法读取图片尺寸"),
    ],
)
def test_an_upload_that_is_not_a_sane_photo_is_refused_and_nothing_is_stored(
    staff, content, message
):
    case = open_case(staff["officer1"])
    with pytest.raises(ValidationError) as raised:
        case_evidence_add(
            actor=staff["officer1"], case=case, uploads=[photo(), Upload("x.jpg", content)]
        )
    assert raised.value.message_dict == {"files": [message]}
    assert EvidenceFile.objects.count() == 0


def test_a_jpeg_and_a_pdf_are_accepted(staff):
    case = open_case(staff["officer1"])
    stored = case_evidence_add(
        actor=staff["officer1"],
        case=case,
        uploads=[Upload("a.jpg", jpeg_bytes()), Upload("决定书.pdf", b"%PDF-1.4\n%\xe2\xe3\n")],
    )
    assert [item.kind for item in stored] == ["jpeg", "pdf"]


def test_a_case_is_opened_only_within_the_actors_jurisdiction(staff, bureau):
    with pytest.raises(PermissionDenied):
        case_open(
            actor=staff["officer1"],
            unit=bureau["白云山派出所"],
            kind=CaseKind.OTHER,
            facts="越权",
        )
    assert Case.objects.count() == 0
