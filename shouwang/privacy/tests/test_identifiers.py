from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from shouwang.accounts.models import User
from shouwang.privacy.fields import blind_index
from shouwang.privacy.identifiers import (
    Identifiers,
    identifier_query,
    identifier_values,
    identifiers_read,
    name_phone_index,
)
from shouwang.privacy.masking import mask_address, mask_id_number, mask_name, mask_phone

ID_NUMBER = "11010519491231002X"
ID_NUMBER_15 = "110105491231002"  # the same person's number before 1999
PHONE = "13909120099"


def test_identifier_values_normalises_indexes_and_reads_the_id():
    values = identifier_values(id_number=" 110105 19491231 002x ", phone="+86 139-0912-0099")
    assert values.columns() == {
        "id_number": ID_NUMBER,
        "id_number_index": blind_index(ID_NUMBER, purpose="id_number"),
        "phone": PHONE,
        "phone_index": blind_index(PHONE, purpose="phone"),
    }
    assert values.person_columns() == {
        **values.columns(),
        "id_region_code": "110105",
        "sex": "female",
        "birth_date": date(1949, 12, 31),
    }


def test_a_fifteen_digit_id_number_is_stored_as_its_eighteen_digit_form():
    values = identifier_values(id_number=ID_NUMBER_15)
    assert values.id_number == ID_NUMBER
    assert values.id_number_index == blind_index(ID_NUMBER, purpose="id_number")
    assert values.identity.upgraded_from_15 is True


def test_blank_identifiers_are_empty_and_keep_sex_and_birth_date_untouched():
    values = identifier_values(id_number="  ", phone=None)
    assert values == Identifiers()
    assert values.person_columns() == {
        "id_number": "",
        "id_number_index": "",
        "phone": "",
        "phone_index": "",
        "id_region_code": "",
    }


def test_invalid_identifiers_raise_one_chinese_message_per_field():
    with pytest.raises(ValidationError) as raised:
        identifier_values(id_number="110105194912310021", phone="1390912")
    assert raised.value.message_dict == {
        "id_number": ["身份证号校验位错误"],
        "phone": ["手机号码应为11位"],
    }


def test_identifiers_read_answers_errors_under_the_callers_field_names():
    values, errors = identifiers_read(
        id_number="abc",
        phone=PHONE,
        id_field="occupants[0].id_number",
        phone_field="occupants[0].phone",
    )
    assert errors == {"occupants[0].id_number": "身份证号只能包含数字，最后一位可以是X"}
    assert (values.id_number, values.id_number_index, values.phone) == ("", "", PHONE)


def test_name_phone_index_needs_a_phone():
    assert name_phone_index("张伟", PHONE) == blind_index(f"张伟|{PHONE}", purpose="name_phone")
    assert name_phone_index("张伟", "") == ""


@pytest.fixture
def members(bureau):
    def member(username, full_name, id_number="", phone=""):
        values = identifier_values(id_number=id_number, phone=phone)
        return User.objects.create(
            username=username, unit=bureau["清河县公安局"], full_name=full_name, **values.columns()
        )

    return {
        "zhang": member("zhang", "张伟", ID_NUMBER, PHONE),
        "zhangsan": member("zhangsan", "张伟明"),
        "li": member("li", "李娜", phone="13909120098"),
    }


def _found(text, **fields):
    query = identifier_query(text, name_field="full_name", **fields)
    return sorted(User.objects.filter(query).values_list("username", flat=True))


def test_identifier_query_finds_a_full_id_number_in_every_form(members):
    assert _found(ID_NUMBER) == ["zhang"]
    assert _found(ID_NUMBER.lower()) == ["zhang"]
    assert _found(ID_NUMBER_15) == ["zhang"]
    assert _found("110105") == []  # part of an ID number is no search: it would leak


def test_identifier_query_finds_a_mobile_typed_with_country_code_and_spaces(members):
    assert _found("+86 139 0912 0099") == ["zhang"]
    assert _found("0086-13909120098") == ["li"]


def test_identifier_query_finds_part_of_a_name_traditional_or_simplified(members):
    assert _found("張偉") == ["zhang", "zhangsan"]
    assert _found("偉明") == ["zhangsan"]
    assert _found(" 娜 ") == ["li"]


def test_identifier_query_searches_only_the_fields_a_model_has(members):
    assert _found(PHONE, phone_field=None) == []
    assert identifier_query("张伟", name_field=None) == Q(pk__in=[])
    assert identifier_query("  ") == Q()


def test_masks_accept_empty_values_and_hide_what_they_cannot_read():
    assert [mask_id_number(None), mask_phone(None), mask_name(None), mask_address(None)] == [
        "",
        "",
        "",
        "",
    ]
    assert [mask_id_number(""), mask_phone(""), mask_name(""), mask_address("")] == ["", "", "", ""]
    assert mask_id_number(ID_NUMBER) == "110105********002X"
    assert mask_phone("+86 139 0912 0099") == "139****0099"
    assert mask_phone("12345") == "*****"
