import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouwang.identity.credit_codes import (
    CREDIT_CODE_CHARACTERS,
    credit_code_check_character,
    is_valid_credit_code,
    parse_credit_code,
)
from shouwang.identity.errors import IdentityError


def gb32100_check(body: str) -> str:
    """The check character as the standard writes it, independently of the module under test."""
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(CREDIT_CODE_CHARACTERS.index(c) * w for c, w in zip(body, weights, strict=True))
    value = 31 - total % 31
    return CREDIT_CODE_CHARACTERS[0 if value == 31 else value]


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example of GB 32100-2015
        "91440300708461136T",
        "91110108551385082Q",
        "91310000717854505W",
        "9111000010169286X1",
    ],
)
def test_valid_codes(code: str) -> None:
    assert parse_credit_code(code) == code
    assert is_valid_credit_code(code) is True


@pytest.mark.parametrize(
    "text",
    [
        "91350100m000100y43",
        " 91350100M000100Y43 ",
        "9135 0100 M000 100Y 43",
        "91350100-M000100Y4-3",
        "９１３５０１００Ｍ０００１００Ｙ４３",
    ],
)
def test_typed_variants(text: str) -> None:
    assert parse_credit_code(text) == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "empty", "请输入统一社会信用代码"),
        ("91350100M000100Y4", "length", "统一社会信用代码应为18位"),
        ("91350100M000100Y433", "length", "统一社会信用代码应为18位"),
        ("91350100M000100Y44", "checksum", "统一社会信用代码校验位错误"),
        ("91350100M000100Y34", "checksum", "统一社会信用代码校验位错误"),
        ("81350100M000100Y43", "checksum", "统一社会信用代码校验位错误"),
    ]
    + [
        (
            "91350100M000100Y4" + letter,
            "characters",
            "统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）",
        )
        for letter in "IOZSV"
    ]
    + [
        (
            "91350100M000100Y4#",
            "characters",
            "统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）",
        ),
        (
            "统一社会信用代码",
            "characters",
            "统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）",
        ),
    ],
)
def test_errors(text: str, code: str, message: str) -> None:
    with pytest.raises(IdentityError) as caught:
        parse_credit_code(text)
    assert caught.value.code == code
    assert caught.value.message == message
    assert is_valid_credit_code(text) is False


bodies = st.text(alphabet=CREDIT_CODE_CHARACTERS, min_size=17, max_size=17)


@given(bodies)
def test_generated_codes_parse(body: str) -> None:
    code = body + gb32100_check(body)
    assert credit_code_check_character(body) == code[17]
    assert parse_credit_code(code.lower()) == code


@given(bodies, st.data())
def test_any_single_character_change_fails_the_checksum(body: str, data: st.DataObject) -> None:
    code = body + gb32100_check(body)
    position = data.draw(st.integers(min_value=0, max_value=17))
    replacement = data.draw(
        st.sampled_from(CREDIT_CODE_CHARACTERS).filter(lambda c: c != code[position])
    )
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(IdentityError) as caught:
        parse_credit_code(changed)
    assert caught.value.code == "checksum"
