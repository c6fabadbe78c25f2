from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.checkpoints.models import Checkpoint
from shouwang.demo.bureau import demo_id_number
from shouwang.passes import tokens
from shouwang.passes.models import (
    Pass,
    PassStatus,
    PassVerification,
    SigningKey,
    VerificationResult,
)
from shouwang.passes.services import (
    PassPersonIn,
    pass_renew,
    pass_revoke,
    pass_verify,
    signing_key_ensure,
    trusted_issuer_register,
    trusted_issuer_revoke,
)
from shouwang.privacy.fields import blind_index

from .conftest import CREDIT_CODE, END, START, issue

pytestmark = pytest.mark.django_db
INSIDE = START + timedelta(days=1)
ID_NUMBER = demo_id_number("19900101", "001")


def verify(code, checkpoint, actor, at=INSIDE):
    return pass_verify(code=code, checkpoint=checkpoint, actor=actor, at=at)


def test_issuing_signs_with_the_bureau_key_and_normalises_plates(staff, bureau, checkpoints):
    record = issue(staff["chief1"], plates=["陕k 12345", "陕K12345", "鄂A·88888"])
    assert record.unit == bureau["城关派出所"]
    assert record.signing_key.unit == bureau["清河县公安局"]
    assert record.plate_list == ["陕K12345", "鄂A88888"]
    assert record.credit_code == CREDIT_CODE
    claims = tokens.token_parse(record.token).claims
    assert (claims.short_code, claims.valid_from, claims.valid_to) == (
        record.short_code,
        START,
        END,
    )
    assert claims.checkpoint_ids == ()


def test_the_bureau_keeps_one_signing_key(staff, bureau):
    first = signing_key_ensure(bureau=bureau["清河县公安局"])
    assert signing_key_ensure(bureau=bureau["清河县公安局"]) == first
    assert SigningKey.objects.count() == 1
    assert first.private_key and tokens.public_key_of(first.private_key) == first.public_key


def test_a_person_pass_keeps_the_id_number_encrypted_and_indexed(staff):
    record = issue(
        staff["officer1"],
        holder_kind="person",
        person_name="张三",
        person_id_number=ID_NUMBER,
        phone="139 0912 0099",
        plates=[],
        people=[PassPersonIn("李四", "")],
    )
    assert record.person_id_number_index == blind_index(ID_NUMBER, purpose="id_number")
    assert record.phone == "13909120099"
    assert [p.name for p in record.people.all()] == ["李四"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"credit_code": "91610824MA70X2Y57D"}, "credit_code", "统一社会信用代码校验位错误"),
        ({"credit_code": ""}, "credit_code", "请输入统一社会信用代码"),
        ({"plates": ["陕K1234"]}, "plates", "陕K1234：车牌号格式不正确"),
        ({"valid_to": START}, "valid_to", "截止时间须晚于生效时间"),
        ({"valid_to": START + timedelta(days=400)}, "valid_to", "有效期不能超过一年"),
        ({"purpose": " "}, "purpose", "请填写通行事由"),
        (
            {
                "holder_kind": "person",
                "person_name": "张三",
                "person_id_number": "610824199001010012",
            },
            "person_id_number",
            "身份证号校验位错误",
        ),
    ],
)
def test_bad_input_is_refused_with_a_chinese_field_error(staff, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        issue(staff["chief1"], **fields)
    assert refused.value.message_dict[field] == [message]
    assert Pass.objects.count() == 0


def test_a_volunteer_may_not_issue(staff):
    with pytest.raises(PermissionDenied):
        issue(staff["volunteer1"])


def test_a_station_may_not_name_a_sibling_station_checkpoint(staff, checkpoints):
    with pytest.raises(ValidationError) as refused:
        issue(staff["chief1"], checkpoints=[checkpoints["baiyun"]])
    assert refused.value.message_dict == {"checkpoints": ["只能选择本单位管辖的卡点"]}


def test_a_valid_pass_verifies_by_token_and_by_short_code(staff, checkpoints):
    record = issue(staff["chief1"])
    by_token = verify(record.token, checkpoints["east"], staff["volunteer1"])
    by_code = verify(record.display_code.lower(), checkpoints["east"], staff["volunteer1"])
    for verification in (by_token, by_code):
        assert verification.result == VerificationResult.VALID
        assert verification.pass_record == record
        assert verification.issuer_key_id == record.signing_key.key_id
        assert verification.holder == "长庆油田运输公司"
    assert PassVerification.objects.count() == 2


def test_validity_starts_inclusive_and_ends_exclusive(staff, checkpoints):
    record = issue(staff["chief1"])
    officer, east = staff["chief1"], checkpoints["east"]
    second = timedelta(seconds=1)
    assert verify(record.token, east, officer, START - second).result == "not_yet_valid"
    assert verify(record.token, east, officer, START).result == "valid"
    assert verify(record.token, east, officer, END - second).result == "valid"
    assert verify(record.token, east, officer, END).result == "expired"
    assert verify(record.short_code, east, officer, END).result == "expired"
    assert verify(record.short_code, east, officer, START - second).result == "not_yet_valid"


def test_a_pass_for_named_checkpoints_fails_elsewhere(staff, bureau, checkpoints):
    west = Checkpoint.objects.create(unit=bureau["城关派出所"], name="城关西卡点", kind="other")
    record = issue(staff["commander"], checkpoints=[west])
    assert verify(record.token, west, staff["chief1"]).result == "valid"
    wrong = verify(record.token, checkpoints["east"], staff["volunteer1"])
    assert (wrong.result, wrong.detail) == ("wrong_checkpoint", "该通行证不适用于本卡点")
    assert verify(record.short_code, checkpoints["east"], staff["volunteer1"]).result == (
        "wrong_checkpoint"
    )


def test_a_revoked_pass_verifies_as_revoked(staff, checkpoints):
    record = issue(staff["chief1"])
    pass_revoke(actor=staff["officer1"], pass_record=record, reason="企业停工")
    record.refresh_from_db()
    assert (record.status, record.status_reason, record.status_changed_by) == (
        "revoked",
        "企业停工",
        staff["officer1"],
    )
    verification = verify(record.token, checkpoints["east"], staff["volunteer1"])
    assert (verification.result, verification.detail) == ("revoked", "通行证已吊销：企业停工")
    assert verify(record.short_code, checkpoints["east"], staff["volunteer1"]).result == "revoked"


def test_revoking_needs_a_reason_and_an_active_pass(staff):
    record = issue(staff["chief1"])
    with pytest.raises(ValidationError):
        pass_revoke(actor=staff["chief1"], pass_record=record, reason=" ")
    pass_revoke(actor=staff["chief1"], pass_record=record, reason="停工")
    with pytest.raises(ValidationError):
        pass_revoke(actor=staff["chief1"], pass_record=record, reason="again")


def test_renewing_links_the_new_pass_and_supersedes_the_old(staff, checkpoints):
    old = issue(staff["chief1"], people=[PassPersonIn("王五", ID_NUMBER)])
    renewed = pass_renew(
        actor=staff["chief1"], pass_record=old, valid_from=END, valid_to=END + timedelta(days=30)
    )
    old.refresh_from_db()
    assert renewed.renews == old
    assert old.status == PassStatus.SUPERSEDED
    assert old.status_reason == f"已换发新证 {renewed.display_code}"
    assert renewed.plate_list == old.plate_list
    assert [(p.name, p.id_number) for p in renewed.people.all()] == [("王五", ID_NUMBER)]
    superseded = verify(old.token, checkpoints["east"], staff["chief1"])
    assert (superseded.result, superseded.get_result_display(), superseded.detail) == (
        "superseded",
        "已换发",
        "通行证已换发新证，旧证作废",
    )
    later = END + timedelta(days=1)
    assert verify(renewed.token, checkpoints["east"], staff["chief1"], later).result == "valid"


def test_unknown_codes_and_garbage_are_logged_as_forged(staff, checkpoints):
    unknown = verify("ZZZZ-ZZZZ", checkpoints["east"], staff["volunteer1"])
    garbage = verify("hello", checkpoints["east"], staff["volunteer1"])
    broken = verify("SW1-AAAA", checkpoints["east"], staff["volunteer1"])
    assert [v.result for v in (unknown, garbage, broken)] == ["forged"] * 3
    assert unknown.detail == "查无此通行证编码"
    assert PassVerification.objects.filter(pass_record=None).count() == 3


def test_a_token_of_ours_without_a_record_is_forged(staff, checkpoints):
    key = signing_key_ensure(bureau=checkpoints["east"].unit.parent.parent)
    token = tokens.token_sign(
        private_key=key.private_key, short_code="00000000", valid_from=START, valid_to=END
    )
    verification = verify(token, checkpoints["east"], staff["volunteer1"])
    assert (verification.result, verification.detail) == ("forged", "本局无此通行证记录")


def _foreign_token(private, **extra):
    fields = {
        "private_key": private,
        "short_code": "NE1GHB0R",
        "valid_from": START,
        "valid_to": END,
        "plates": ["陕K99999"],
    }
    fields.update(extra)
    return tokens.token_sign(**fields)


def test_a_registered_neighbour_pass_verifies_and_an_unregistered_one_does_not(staff, checkpoints):
    private, public = tokens.key_pair_generate()
    token = _foreign_token(private)
    before = verify(token, checkpoints["east"], staff["volunteer1"])
    assert (before.result, before.issuer_key_id) == ("unknown_issuer", tokens.key_id_of(public))
    issuer = trusted_issuer_register(actor=staff["commander"], name="邻县公安局", public_key=public)
    after = verify(token, checkpoints["east"], staff["volunteer1"])
    assert (after.result, after.issuer_name, after.pass_record) == ("valid", "邻县公安局", None)
    assert verify(token, checkpoints["east"], staff["volunteer1"], END).result == "expired"
    trusted_issuer_revoke(actor=staff["commander"], issuer=issuer, reason="互认到期")
    assert verify(token, checkpoints["east"], staff["volunteer1"]).result == "unknown_issuer"


def test_a_neighbour_token_signed_by_another_key_is_forged(staff, checkpoints):
    _, public = tokens.key_pair_generate()
    trusted_issuer_register(actor=staff["commander"], name="邻县公安局", public_key=public)
    raw = bytearray(tokens.decode(_foreign_token(tokens.key_pair_generate()[0])))
    raw[1:9] = bytes.fromhex(tokens.key_id_of(public))  # claim the trusted key id
    verification = verify(tokens.encode(bytes(raw)), checkpoints["east"], staff["volunteer1"])
    assert verification.result == "forged"


def test_every_flipped_byte_of_a_real_pass_is_refused_at_the_checkpoint(staff, checkpoints):
    record = issue(staff["chief1"])
    raw = tokens.decode(record.token)
    for position in range(len(raw)):
        tampered = bytearray(raw)
        tampered[position] ^= 0x80
        result = verify(tokens.encode(bytes(tampered)), checkpoints["east"], staff["chief1"])
        assert result.result in {"forged", "unknown_issuer"}, position
    assert PassVerification.objects.count() == len(raw)


def test_registering_our_own_or_a_bad_key_is_refused(staff):
    own = signing_key_ensure(bureau=staff["commander"].unit)
    with pytest.raises(ValidationError) as refused:
        trusted_issuer_register(actor=staff["commander"], name="本局", public_key=own.public_key)
    assert refused.value.message_dict == {"public_key": ["这是本系统自己的签名公钥，无需登记"]}
    with pytest.raises(ValidationError) as refused:
        trusted_issuer_register(actor=staff["commander"], name="", public_key="abc")
    assert set(refused.value.message_dict) == {"name", "public_key"}


def test_verifying_needs_the_capability_and_a_checkpoint_in_reach(staff, checkpoints):
    record = issue(staff["chief1"])
    with pytest.raises(PermissionDenied):
        verify(record.token, checkpoints["east"], staff["health1"])
    with pytest.raises(ValidationError):
        verify(record.token, checkpoints["baiyun"], staff["officer1"])
    assert PassVerification.objects.count() == 0
