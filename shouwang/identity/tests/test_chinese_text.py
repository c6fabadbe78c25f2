import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouwang.identity.chinese_text import compact, normalize_input, to_halfwidth, to_simplified


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("遼寧", "辽宁"),
        ("遼A12345", "辽A12345"),
        ("赤壁市車埠鎮派出所", "赤壁市车埠镇派出所"),
        ("醫學觀察", "医学观察"),
        ("體溫", "体温"),
        ("臺灣", "台湾"),
        ("晉陝貴雲寧瓊贛魯蘇滬閩粵", "晋陕贵云宁琼赣鲁苏沪闽粤"),
        ("學掛領", "学挂领"),
        ("湖北省武汉市", "湖北省武汉市"),
        ("ABC 123", "ABC 123"),
        ("", ""),
    ],
)
def test_to_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    ("text", "halfwidth"),
    [
        ("ＡＢ１２", "AB12"),
        ("ａｂｃ", "abc"),
        ("鄂Ａ１２３４５", "鄂A12345"),
        ("１３８－１２３４", "138-1234"),
        ("（＋８６）", "(+86)"),
        ("\u3000鄂A\u3000", " 鄂A "),
        ("！～", "!~"),
        ("已经是半角 abc 123", "已经是半角 abc 123"),
        ("中文标点，。", "中文标点,。"),  # U+FF0C is a full-width comma; "。" is not ASCII
    ],
)
def test_to_halfwidth(text: str, halfwidth: str) -> None:
    assert to_halfwidth(text) == halfwidth


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("  鄂ａ１２３４５ ", "鄂A12345"),
        ("\u3000遼a 12345\u3000", "辽A 12345"),
        ("11010519491231002x", "11010519491231002X"),
        ("ｘ", "X"),
        ("straße", "STRAßE"),  # only ASCII letters change case
        ("", ""),
    ],
)
def test_normalize_input(text: str, normalised: str) -> None:
    assert normalize_input(text) == normalised


@pytest.mark.parametrize(
    ("text", "compacted"),
    [
        ("鄂A·12345", "鄂A12345"),
        ("鄂A 12345", "鄂A12345"),
        ("鄂A•12345", "鄂A12345"),
        ("鄂A・12345", "鄂A12345"),
        ("鄂ａ－１２３４５", "鄂A12345"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("110105 19491231 002x", "11010519491231002X"),
        ("\t遼A\n12345\u3000", "辽A12345"),
    ],
)
def test_compact(text: str, compacted: str) -> None:
    assert compact(text) == compacted


def _fullwidth(character: str) -> str:
    return "\u3000" if character == " " else chr(ord(character) + 0xFEE0)


@given(st.text(alphabet=string.ascii_letters + string.digits + " ", max_size=30), st.data())
def test_random_fullwidth_variants_normalise_equal(text: str, data: st.DataObject) -> None:
    variant = "".join(
        _fullwidth(character) if data.draw(st.booleans()) else character for character in text
    )
    assert to_halfwidth(variant) == text
    assert normalize_input(variant) == normalize_input(text) == text.strip().upper()


@given(st.text(max_size=30))
def test_normalize_input_is_idempotent(text: str) -> None:
    once = normalize_input(text)
    assert normalize_input(once) == once
