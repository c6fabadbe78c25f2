import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouwang.identity.errors import IdentityError
from shouwang.identity.phones import mask_phone, normalize_mobile


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        " 13812345678 ",
        "138 1234 5678",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "008613812345678",
        "0086 138 1234 5678",
        "8613812345678",
        "86 138 1234 5678",
        "(+86) 138 1234 5678",
        "１３８１２３４５６７８",
        "＋８６　１３８－１２３４－５６７８",
        "（138）1234-5678",
    ],
)
def test_normalize_mobile(text: str) -> None:
    assert normalize_mobile(text) == "13812345678"


@pytest.mark.parametrize(
    "number", ["13000000000", "14512345678", "15912345678", "16612345678", "17712345678"]
)
def test_every_mobile_prefix_from_13_to_19(number: str) -> None:
    assert normalize_mobile(number) == number
    assert normalize_mobile("19912345678") == "19912345678"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "empty", "请输入手机号码"),
        (" - ", "empty", "请输入手机号码"),
        ("138a2345678", "characters", "手机号码只能包含数字"),
        ("138.1234.5678", "characters", "手机号码只能包含数字"),
        ("+1 2025550123", "country", "只支持中国大陆手机号码"),
        ("+852 91234567", "country", "只支持中国大陆手机号码"),
        ("00852 91234567", "country", "只支持中国大陆手机号码"),
        ("1381234567", "length", "手机号码应为11位"),
        ("138123456789", "length", "手机号码应为11位"),
        ("+86 1381234567", "length", "手机号码应为11位"),
        ("010-12345678", "prefix", "手机号码号段不正确"),  # a landline
        ("0101234567", "length", "手机号码应为11位"),
        ("12812345678", "prefix", "手机号码号段不正确"),
        ("11012345678", "prefix", "手机号码号段不正确"),
        ("23812345678", "prefix", "手机号码号段不正确"),
        ("8612812345678", "prefix", "手机号码号段不正确"),
    ],
)
def test_errors(text: str, code: str, message: str) -> None:
    with pytest.raises(IdentityError) as caught:
        normalize_mobile(text)
    assert caught.value.code == code
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 199 0000 1111", "199****1111"),
        ("１５９８７６５４３２１", "159****4321"),
    ],
)
def test_mask_phone(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


def test_mask_phone_rejects_what_is_not_a_mobile() -> None:
    with pytest.raises(IdentityError):
        mask_phone("12345")


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobiles, st.sampled_from(["", "+86", "0086", "86", "+86 ", "(+86)"]), st.data())
def test_generated_typed_variants(number: str, country: str, data: st.DataObject) -> None:
    typed = country
    for digit in number:
        if data.draw(st.booleans()):
            digit = chr(ord(digit) + 0xFEE0)
        typed += digit + data.draw(st.sampled_from(["", "", " ", "-"]))
    assert normalize_mobile(typed) == number
    assert mask_phone(typed) == number[:3] + "****" + number[7:]
