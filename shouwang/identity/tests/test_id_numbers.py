from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouwang.identity.errors import IdentityError
from shouwang.identity.id_numbers import (
    ResidentIdentity,
    id_check_character,
    is_valid_id_number,
    mask_id_number,
    parse_id_number,
)
from shouwang.identity.regions import all_regions, region_name

TODAY = date(2026, 11, 23)


def iso7064_check(body: str) -> str:
    """MOD 11-2 written out as in the standard, independently of the module under test."""
    total = sum(int(digit) * (2 ** (17 - position) % 11) for position, digit in enumerate(body))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(region_code: str, born: date, sequence: int) -> str:
    body = f"{region_code}{born:%Y%m%d}{sequence:03d}"
    return body + iso7064_check(body)


MAINLAND_CODES = sorted(code for code in all_regions() if code[0] != "8")
ABOLISHED_CODES = sorted(code for code, r in all_regions().items() if r.abolished)


# --- exact examples -------------------------------------------------------------------------


def test_standard_example() -> None:
    assert parse_id_number("11010519491231002X") == ResidentIdentity(
        number="11010519491231002X",
        kind="mainland",
        birth_date=date(1949, 12, 31),
        sex="female",
        region_code="110105",
        region_name="北京市朝阳区",
        upgraded_from_15=False,
        country_code=None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "110105 19491231 002X",
        "110105-19491231-002x",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "\u3000110105１９４９1231００２x\u3000",
    ],
)
def test_typed_variants_normalise(text: str) -> None:
    assert parse_id_number(text).number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "born", "sex", "region_code", "name"),
    [
        ("420102200001011231", date(2000, 1, 1), "male", "420102", "湖北省武汉市江岸区"),
        ("420102199003074564", date(1990, 3, 7), "female", "420102", "湖北省武汉市江岸区"),
        ("420105197001010049", date(1970, 1, 1), "female", "420105", "湖北省武汉市汉阳区"),
        ("61080219920808046X", date(1992, 8, 8), "female", "610802", "陕西省榆林市榆阳区"),
        ("150202198008080010", date(1980, 8, 8), "male", "150202", "内蒙古自治区包头市东河区"),
        ("421281197001020039", date(1970, 1, 2), "male", "421281", "湖北省咸宁市赤壁市"),
    ],
)
def test_mainland_numbers(number: str, born: date, sex: str, region_code: str, name: str) -> None:
    identity = parse_id_number(number)
    assert identity == ResidentIdentity(
        number=number,
        kind="mainland",
        birth_date=born,
        sex=sex,  # type: ignore[arg-type]
        region_code=region_code,
        region_name=name,
        upgraded_from_15=False,
    )


@pytest.mark.parametrize(
    ("number", "region_code", "name"),
    [
        ("110103198001010013", "110103", "北京市崇文区"),  # abolished 2010
        ("330103200506070047", "330103", "浙江省杭州市下城区"),  # abolished 2021
        ("522425198001010016", "522425", "贵州省毕节地区织金县"),  # prefecture abolished 2011
    ],
)
def test_abolished_regions_still_valid(number: str, region_code: str, name: str) -> None:
    identity = parse_id_number(number)
    assert identity.kind == "mainland"
    assert identity.region_code == region_code
    assert identity.region_name == name
    assert is_valid_id_number(number) is True


@pytest.mark.parametrize(
    ("number", "kind", "born", "sex", "region_code", "name"),
    [
        (
            "810000199001010019",
            "hong_kong_permit",
            date(1990, 1, 1),
            "male",
            "810000",
            "香港特别行政区",
        ),
        (
            "820000198511300021",
            "macau_permit",
            date(1985, 11, 30),
            "female",
            "820000",
            "澳门特别行政区",
        ),
        ("830000200002290031", "taiwan_permit", date(2000, 2, 29), "male", "830000", "台湾省"),
    ],
)
def test_residence_permits(
    number: str, kind: str, born: date, sex: str, region_code: str, name: str
) -> None:
    assert parse_id_number(number) == ResidentIdentity(
        number=number,
        kind=kind,  # type: ignore[arg-type]
        birth_date=born,
        sex=sex,  # type: ignore[arg-type]
        region_code=region_code,
        region_name=name,
        upgraded_from_15=False,
    )


@pytest.mark.parametrize(
    ("number", "sex", "region_code", "name", "country"),
    [
        ("911840198503150112", "male", "110000", "北京市", "840"),
        ("911840198503150120", "female", "110000", "北京市", "840"),
        ("950184198503150117", "male", "500000", "重庆市", "184"),
    ],
)
def test_foreign_permanent_residence_ids(
    number: str, sex: str, region_code: str, name: str, country: str
) -> None:
    assert parse_id_number(number) == ResidentIdentity(
        number=number,
        kind="foreign_permanent",
        birth_date=date(1985, 3, 15),
        sex=sex,  # type: ignore[arg-type]
        region_code=region_code,
        region_name=name,
        upgraded_from_15=False,
        country_code=country,
    )


@pytest.mark.parametrize(
    ("old", "new", "born", "sex"),
    [
        ("110105491231002", "11010519491231002X", date(1949, 12, 31), "female"),
        ("420102700101123", "420102197001011237", date(1970, 1, 1), "male"),
        ("１１０１０５ ４９１２３１ ００２", "11010519491231002X", date(1949, 12, 31), "female"),
    ],
)
def test_fifteen_digit_numbers_are_upgraded(old: str, new: str, born: date, sex: str) -> None:
    identity = parse_id_number(old)
    assert identity.number == new
    assert identity.upgraded_from_15 is True
    assert identity.birth_date == born
    assert identity.sex == sex
    assert identity.kind == "mainland"


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "empty", "请输入身份证号"),
        ("   ", "empty", "请输入身份证号"),
        ("11010519491231002", "length", "身份证号应为18位（旧号码为15位）"),
        ("1101051949123100201", "length", "身份证号应为18位（旧号码为15位）"),
        ("1101051949123", "length", "身份证号应为18位（旧号码为15位）"),
        ("1101051949123100X2", "characters", "身份证号只能包含数字，最后一位可以是X"),
        ("11010519491231002Y", "characters", "身份证号只能包含数字，最后一位可以是X"),
        ("A1010519491231002X", "characters", "身份证号只能包含数字，最后一位可以是X"),
        ("110105一九四九1231002X", "characters", "身份证号只能包含数字，最后一位可以是X"),
        ("11010549123100X", "characters", "15位旧身份证号只能包含数字"),
        ("110105194912310021", "checksum", "身份证号校验位错误"),
        ("110105194912310020", "checksum", "身份证号校验位错误"),
        ("110105199902300015", "impossible_date", "身份证号中的出生日期不存在"),  # 1999-02-30
        ("110105990230001", "impossible_date", "身份证号中的出生日期不存在"),  # 15 digits
        ("110105202611240010", "future_date", "身份证号中的出生日期晚于今天"),
        ("110105189912310015", "date_too_early", "身份证号中的出生日期早于1900年"),
        ("440524188001010014", "date_too_early", "身份证号中的出生日期早于1900年"),
        ("110199198001010016", "unknown_region", "身份证号中的地区代码不存在"),
        ("990000198001010012", "unknown_region", "身份证号中的地区代码不存在"),
        ("981840198503150115", "unknown_region", "身份证号中的地区代码不存在"),
        ("810000900101001", "unknown_region", "身份证号中的地区代码不存在"),  # 15-digit permit
        ("911840850315011", "unknown_region", "身份证号中的地区代码不存在"),  # 15-digit foreign
    ],
)
def test_errors(text: str, code: str, message: str) -> None:
    with pytest.raises(IdentityError) as caught:
        parse_id_number(text, today=TODAY)
    assert caught.value.code == code
    assert caught.value.message == message
    assert str(caught.value) == message
    assert is_valid_id_number(text, today=TODAY) is False


def test_born_today_is_valid() -> None:
    assert parse_id_number("110105202611230015", today=TODAY).birth_date == TODAY


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("11010519491231002x", "110105********002X"),
        ("110105491231002", "110105*****1002"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_check_character_matches_standard_formula() -> None:
    assert id_check_character("11010519491231002") == "X"
    assert id_check_character("44052418800101001") == "4"


# --- generated ------------------------------------------------------------------------------

dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(st.sampled_from(MAINLAND_CODES), dates, sequences)
def test_generated_numbers_parse(region_code: str, born: date, sequence: int) -> None:
    number = make_id(region_code, born, sequence)
    assert parse_id_number(number, today=TODAY) == ResidentIdentity(
        number=number,
        kind="mainland",
        birth_date=born,
        sex="male" if sequence % 2 else "female",
        region_code=region_code,
        region_name=region_name(region_code),  # type: ignore[arg-type]
        upgraded_from_15=False,
    )


@given(st.sampled_from(ABOLISHED_CODES), dates, sequences)
def test_generated_numbers_of_abolished_regions_parse(
    region_code: str, born: date, sequence: int
) -> None:
    assert parse_id_number(make_id(region_code, born, sequence), today=TODAY).region_code == (
        region_code
    )


@given(st.sampled_from(MAINLAND_CODES), dates, sequences, st.data())
def test_any_single_character_change_fails_the_checksum(
    region_code: str, born: date, sequence: int, data: st.DataObject
) -> None:
    number = make_id(region_code, born, sequence)
    position = data.draw(st.integers(min_value=0, max_value=17))
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from(alphabet).filter(lambda c: c != number[position]))
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(IdentityError) as caught:
        parse_id_number(changed, today=TODAY)
    assert caught.value.code == "checksum"


@given(st.sampled_from(MAINLAND_CODES), dates, sequences, st.integers(min_value=0, max_value=15))
def test_adjacent_transpositions_fail_the_checksum(
    region_code: str, born: date, sequence: int, position: int
) -> None:
    number = make_id(region_code, born, sequence)
    if number[position] == number[position + 1]:
        return
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    assert is_valid_id_number(swapped, today=TODAY) is False


@given(st.sampled_from(MAINLAND_CODES), dates, sequences, st.data())
def test_fullwidth_and_spaced_variants_normalise_equal(
    region_code: str, born: date, sequence: int, data: st.DataObject
) -> None:
    number = make_id(region_code, born, sequence)
    typed = ""
    for character in number.replace("X", "x" if data.draw(st.booleans()) else "X"):
        if data.draw(st.booleans()):
            character = chr(ord(character) + 0xFEE0)  # full-width form
        typed += character + data.draw(st.sampled_from(["", "", " ", "\u3000", "-"]))
    assert parse_id_number(typed, today=TODAY).number == number


@given(
    st.sampled_from(MAINLAND_CODES),
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    sequences,
)
def test_generated_fifteen_digit_numbers_upgrade(
    region_code: str, born: date, sequence: int
) -> None:
    old = f"{region_code}{born:%y%m%d}{sequence:03d}"
    identity = parse_id_number(old, today=TODAY)
    assert identity.number == make_id(region_code, born, sequence)
    assert identity.upgraded_from_15 is True
    assert identity.birth_date == born


@given(st.sampled_from(["810000", "820000", "830000"]), dates, sequences)
def test_generated_permits_parse(region_code: str, born: date, sequence: int) -> None:
    kinds = {"810000": "hong_kong_permit", "820000": "macau_permit", "830000": "taiwan_permit"}
    identity = parse_id_number(make_id(region_code, born, sequence), today=TODAY)
    assert identity.kind == kinds[region_code]


@given(
    st.sampled_from(sorted(c[:2] for c, r in all_regions().items() if r.level == "province")),
    st.from_regex(r"[0-9]{3}", fullmatch=True),
    dates,
    st.integers(min_value=0, max_value=999),
)
def test_generated_foreigner_ids(province: str, country: str, born: date, order: int) -> None:
    body = f"9{province}{country}{born:%Y%m%d}{order:03d}"
    number = body + iso7064_check(body)
    if province in ("81", "82", "83"):
        with pytest.raises(IdentityError) as caught:
            parse_id_number(number, today=TODAY)
        assert caught.value.code == "unknown_region"
        return
    identity = parse_id_number(number, today=TODAY)
    assert identity.kind == "foreign_permanent"
    assert identity.region_code == f"{province}0000"
    assert identity.country_code == country
    assert identity.birth_date == born
    assert identity.sex == ("male" if order % 2 else "female")
