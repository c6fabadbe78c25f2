import pytest
from django.core.exceptions import ValidationError

from shouwang.identity.names import check_person_name, person_name_error
from shouwang.identity.plain_text import plain_text_error


@pytest.mark.parametrize("name", ["张三", "买买提·艾力", "欧阳 娜娜", "John Smith", ""])
def test_names_people_have_pass(name):
    assert person_name_error(name) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u200b\u200b", "姓名不能包含不可见字符或文字方向控制字符"),
        ("\u202e三张", "姓名不能包含不可见字符或文字方向控制字符"),
        ("张\u2066三\u2069", "姓名不能包含不可见字符或文字方向控制字符"),
        ("\ufeff张三", "姓名不能包含不可见字符或文字方向控制字符"),
        ("张\x00三", "姓名不能包含不可见字符或文字方向控制字符"),
        ("12345", "姓名必须包含文字"),
        ("---", "姓名必须包含文字"),
    ],
)
def test_names_without_a_visible_letter_or_with_hidden_characters_are_refused(name, message):
    assert person_name_error(name) == message


def test_check_person_name_names_the_field():
    with pytest.raises(ValidationError) as refused:
        check_person_name("\u200f", "full_name")
    assert refused.value.message_dict == {"full_name": ["姓名不能包含不可见字符或文字方向控制字符"]}


@pytest.mark.parametrize("text", ["城关路1号", "第一行\n第二行\t备注", "\u202e"])
def test_text_a_database_can_store_passes(text):
    assert plain_text_error(text) is None


@pytest.mark.parametrize("text", ["a\x00b", "a\x07", "a\x85", "a\udbf9"])
def test_nul_controls_and_lone_surrogates_are_refused(text):
    assert plain_text_error(text) == "不能包含控制字符或无效字符"
