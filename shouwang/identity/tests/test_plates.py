import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouwang.identity.errors import IdentityError
from shouwang.identity.plates import (
    LicencePlate,
    parse_plate,
    plate_prefixes,
    plate_prefixes_for_region,
    province_abbreviations,
)
from shouwang.identity.regions import get_region

PREFIXES = sorted(plate_prefixes())
DOMESTIC_PREFIXES = [prefix for prefix in PREFIXES if prefix != "粤Z"]  # 粤Z: Hong Kong, Macau
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
SERIAL_CHARACTERS = "0123456789" + LETTERS

# --- the prefix table -----------------------------------------------------------------------


def test_table_covers_every_province() -> None:
    assert len(plate_prefixes()) == 415
    assert "".join(province_abbreviations()) == (
        "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新"
    )
    assert province_abbreviations()["鄂"] == ("湖北", "420000")
    assert province_abbreviations()["蒙"] == ("内蒙古", "150000")


def test_every_prefix_maps_to_a_current_region_of_its_province() -> None:
    for prefix, entry in plate_prefixes().items():
        region = get_region(entry.region_code)
        assert region is not None and not region.abolished, entry
        assert entry.prefix == prefix
        assert entry.prefix[1] in LETTERS, entry
        assert province_abbreviations()[prefix[0]][1][:2] == entry.region_code[:2], entry


@pytest.mark.parametrize(
    ("prefix", "province", "area", "region_code"),
    [
        ("鄂A", "湖北", "武汉", "420100"),
        ("鄂F", "湖北", "襄阳", "420600"),
        ("鄂M", "湖北", "仙桃", "429004"),
        ("鄂L", "湖北", "咸宁", "421200"),  # Chibi's plates
        ("陕K", "陕西", "榆林", "610800"),
        ("陕V", "陕西", "杨凌", "610403"),
        ("蒙B", "内蒙古", "包头", "150200"),
        ("辽K", "辽宁", "辽阳", "211000"),
        ("辽L", "辽宁", "盘锦", "211100"),  # the Liaohe oil field
        ("豫K", "河南", "许昌", "411000"),
        ("豫D", "河南", "平顶山", "410400"),  # Jia County
        ("鲁S", "山东", "济南", "370100"),  # former 莱芜
        ("粤X", "广东", "顺德", "440606"),
        ("粤Z", "广东", "港澳入出境车辆", "440000"),
        ("渝A", "重庆", "重庆主城", "500000"),
        ("渝F", "重庆", "万州", "500101"),
        ("京A", "北京", "北京", "110000"),
        ("沪R", "上海", "崇明", "310151"),
        ("新C", "新疆", "石河子", "659001"),
        ("冀X", "河北", "雄安新区", "130000"),
    ],
)
def test_prefix_table_entries(prefix: str, province: str, area: str, region_code: str) -> None:
    entry = plate_prefixes()[prefix]
    assert (entry.province, entry.area, entry.region_code) == (province, area, region_code)


def test_every_prefix_parses_to_its_table_entry() -> None:
    for prefix, entry in plate_prefixes().items():
        if prefix == "粤Z":
            continue  # 粤Z carries only Hong Kong and Macau plates
        plate = parse_plate(prefix + "12345")
        assert (plate.number, plate.prefix, plate.city) == (prefix + "12345", prefix, entry.area)
        assert (plate.province, plate.region_code) == (entry.province, entry.region_code)


# --- every kind -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "鄂A12345",
            LicencePlate("鄂A12345", "ordinary", "湖北", "鄂A", "武汉", "420100", True),
        ),
        (
            "陕K8A2B3",
            LicencePlate("陕K8A2B3", "ordinary", "陕西", "陕K", "榆林", "610800", False),
        ),
        (
            "京AD12345",
            LicencePlate("京AD12345", "new_energy_small", "北京", "京A", "北京", "110000", True),
        ),
        (
            "沪AFA1234",
            LicencePlate("沪AFA1234", "new_energy_small", "上海", "沪A", "上海", "310000", True),
        ),
        (
            "粤BA12345",
            LicencePlate("粤BA12345", "new_energy_small", "广东", "粤B", "深圳", "440300", True),
        ),
        (
            "鄂A12345D",
            LicencePlate("鄂A12345D", "new_energy_large", "湖北", "鄂A", "武汉", "420100", True),
        ),
        (
            "蒙B12345F",
            LicencePlate("蒙B12345F", "new_energy_large", "内蒙古", "蒙B", "包头", "150200", True),
        ),
        (
            "鄂A0123警",
            LicencePlate("鄂A0123警", "police", "湖北", "鄂A", "武汉", "420100", True),
        ),
        (
            "陕K1234学",
            LicencePlate("陕K1234学", "coach", "陕西", "陕K", "榆林", "610800", False),
        ),
        (
            "冀A1234挂",
            LicencePlate("冀A1234挂", "trailer", "河北", "冀A", "石家庄", "130100", True),
        ),
        (
            "粤Z1234港",
            LicencePlate("粤Z1234港", "hong_kong", "广东", "粤Z", "港澳入出境车辆", "440000", True),
        ),
        (
            "粤ZA123澳",
            LicencePlate("粤ZA123澳", "macau", "广东", "粤Z", "港澳入出境车辆", "440000", True),
        ),
        (
            "沪A0012领",
            LicencePlate("沪A0012领", "consulate", "上海", "沪A", "上海", "310000", True),
        ),
        (
            "使014578",
            LicencePlate("使014578", "embassy", "北京", "使", None, "110000", True),
        ),
        (
            "WJ鄂12345",
            LicencePlate("WJ鄂12345", "armed_police", "湖北", "WJ鄂", None, "420000", True),
        ),
        (
            "WJ陕0001X",
            LicencePlate("WJ陕0001X", "armed_police", "陕西", "WJ陕", None, "610000", False),
        ),
        (
            # a letter missing from the table still parses, located by its province only
            "鄂Z12345",
            LicencePlate("鄂Z12345", "ordinary", "湖北", "鄂Z", None, "420000", True),
        ),
    ],
)
def test_every_kind(text: str, expected: LicencePlate) -> None:
    assert parse_plate(text, home_prefixes=["陕"]) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("遼A12345", "辽A12345"),
        ("鄂ａ１２３４５", "鄂A12345"),
        ("鄂a12345", "鄂A12345"),
        ("鄂A·12345", "鄂A12345"),
        ("鄂A 12345", "鄂A12345"),
        (" 鄂 A · 1 2 3 4 5 ", "鄂A12345"),
        ("鄂A-12345", "鄂A12345"),
        ("鄂Ａ・１２３４５", "鄂A12345"),
        ("晉A12345", "晋A12345"),
        ("陝K12345", "陕K12345"),
        ("粵Z1234港", "粤Z1234港"),
        ("貴A12345", "贵A12345"),
        ("雲A12345", "云A12345"),
        ("寧A12345", "宁A12345"),
        ("瓊A12345", "琼A12345"),
        ("贛A12345", "赣A12345"),
        ("魯A12345", "鲁A12345"),
        ("蘇E12345", "苏E12345"),
        ("滬A12345", "沪A12345"),
        ("閩D12345", "闽D12345"),
        ("鄂A1234學", "鄂A1234学"),
        ("鄂A1234掛", "鄂A1234挂"),
        ("滬A0012領", "沪A0012领"),
        ("京ａｄ１２３４５", "京AD12345"),
        ("wj鄂12345", "WJ鄂12345"),
        ("使 014·578", "使014578"),
    ],
)
def test_traditional_fullwidth_and_separators(text: str, number: str) -> None:
    assert parse_plate(text).number == number


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "empty", "请输入车牌号"),
        ("  ·  ", "empty", "请输入车牌号"),
        ("台A12345", "province", "未知的省份简称"),
        ("港A12345", "province", "未知的省份简称"),
        ("WJ台12345", "province", "未知的省份简称"),
        ("AB12345", "format", "车牌号格式不正确"),
        ("12345", "format", "车牌号格式不正确"),
        ("鄂", "format", "车牌号格式不正确"),
        ("鄂A", "format", "车牌号格式不正确"),
        ("鄂A1234", "format", "车牌号格式不正确"),
        ("鄂A123456", "format", "车牌号格式不正确"),
        ("鄂A1234567", "format", "车牌号格式不正确"),
        ("鄂I12345", "format", "车牌号格式不正确"),
        ("鄂O12345", "format", "车牌号格式不正确"),
        ("鄂112345", "format", "车牌号格式不正确"),
        ("鄂A1234I", "format", "车牌号格式不正确"),
        ("鄂A12O45", "format", "车牌号格式不正确"),
        ("鄂A1234#", "format", "车牌号格式不正确"),
        ("鄂AL12345", "format", "车牌号格式不正确"),  # new-energy small: L is not D-K
        ("鄂AD1234A", "format", "车牌号格式不正确"),  # last four must be digits
        ("鄂A12345E", "format", "车牌号格式不正确"),  # new-energy large: D or F only
        ("鄂A1234A5D", "format", "车牌号格式不正确"),
        ("鄂A123警", "format", "车牌号格式不正确"),
        ("鄂A12345警", "format", "车牌号格式不正确"),
        ("粤A1234港", "format", "车牌号格式不正确"),  # cross-border plates are 粤Z only
        ("粤Z12345", "format", "车牌号格式不正确"),
        ("使01457", "format", "车牌号格式不正确"),
        ("使A14578", "format", "车牌号格式不正确"),
        ("WJ12345", "format", "车牌号格式不正确"),
        ("WJ鄂1234", "format", "车牌号格式不正确"),
    ],
)
def test_errors(text: str, code: str, message: str) -> None:
    with pytest.raises(IdentityError) as caught:
        parse_plate(text)
    assert caught.value.code == code
    assert caught.value.message == message


# --- out of town ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "home", "out_of_town"),
    [
        ("陕K12345", ["陕K"], False),
        ("陕A12345", ["陕K"], True),
        ("陕A12345", ["陕"], False),
        ("鄂A12345", ["陕"], True),
        ("鄂A12345", ["陕K", "鄂A"], False),
        ("鄂A12345", ("鄂",), False),
        ("鄂A12345", iter(["陕K"]), True),
        ("鄂A12345", ["鄂ａ"], False),  # home entries are normalised like plates
        ("遼L12345", ["辽"], False),
        ("鄂A12345", [], False),  # no home configured: nothing is out of town
        ("鄂A12345", [" "], False),
        ("使014578", ["京"], False),
        ("使014578", ["使"], False),
        ("使014578", ["鄂"], True),
        ("WJ鄂12345", ["鄂A"], True),
        ("WJ鄂12345", ["鄂"], False),
        ("粤Z1234港", ["粤"], False),
        ("粤Z1234港", ["粤B"], True),
    ],
)
def test_out_of_town(text: str, home: list[str], out_of_town: bool) -> None:
    assert parse_plate(text, home_prefixes=home).out_of_town is out_of_town


# --- prefixes of a region -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region_code", "prefixes"),
    [
        ("420000", "鄂A 鄂B 鄂C 鄂D 鄂E 鄂F 鄂G 鄂H 鄂J 鄂K 鄂L 鄂M 鄂N 鄂P 鄂Q 鄂R 鄂S"),
        ("420100", "鄂A"),
        ("420102", "鄂A"),
        ("421281", "鄂L"),  # 赤壁市 → 咸宁
        ("429004", "鄂M"),
        ("429000", "鄂M 鄂N 鄂P 鄂R"),  # the province-administered cities
        ("610000", "陕A 陕B 陕C 陕D 陕E 陕F 陕G 陕H 陕J 陕K 陕U 陕V"),
        ("610800", "陕K"),
        ("610403", "陕D 陕V"),  # 杨陵区: its own letter and 咸阳's
        ("370100", "鲁A 鲁S"),
        ("510100", "川A 川G"),
        ("440600", "粤E 粤X 粤Y"),
        ("440606", "粤E 粤X"),
        ("310151", "沪R"),
        ("500101", "渝F"),
        ("500103", "渝A 渝B 渝D"),  # 渝中区: the letters of central Chongqing
        ("110105", "京A 京B 京C 京D 京E 京F 京G 京H 京J 京K 京L 京M 京N 京P 京Q 京Y"),
        ("120225", "津A 津B 津C 津D 津E 津F 津G 津H 津J 津K 津L 津M 津N"),
        ("130600", "冀F"),
        ("150200", "蒙B"),
    ],
)
def test_plate_prefixes_for_region(region_code: str, prefixes: str) -> None:
    assert plate_prefixes_for_region(region_code) == prefixes.split()


@pytest.mark.parametrize("region_code", ["810000", "820000", "830000", "990000", "810101"])
def test_regions_without_plates(region_code: str) -> None:
    assert plate_prefixes_for_region(region_code) == []


def test_plate_prefixes_for_malformed_region_raises() -> None:
    with pytest.raises(IdentityError) as caught:
        plate_prefixes_for_region("4201")
    assert caught.value.code == "region_format"


def test_every_prefix_is_found_from_its_own_region() -> None:
    for prefix, entry in plate_prefixes().items():
        assert prefix in plate_prefixes_for_region(entry.region_code), entry


# --- generated ------------------------------------------------------------------------------

ordinary_serials = st.text(alphabet=SERIAL_CHARACTERS, min_size=5, max_size=5)
small_new_energy_serials = st.tuples(
    st.sampled_from("DABCEFGHJK"),
    st.sampled_from(SERIAL_CHARACTERS),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
).map("".join)
large_new_energy_serials = st.tuples(
    st.from_regex(r"[0-9]{5}", fullmatch=True), st.sampled_from("DF")
).map("".join)


@given(st.sampled_from(DOMESTIC_PREFIXES), ordinary_serials)
def test_generated_ordinary_plates(prefix: str, serial: str) -> None:
    plate = parse_plate(prefix + serial, home_prefixes=[prefix])
    entry = plate_prefixes()[prefix]
    assert plate.number == prefix + serial
    assert (plate.kind, plate.prefix, plate.city) == ("ordinary", prefix, entry.area)
    assert (plate.province, plate.region_code) == (entry.province, entry.region_code)
    assert plate.out_of_town is False


@given(st.sampled_from(DOMESTIC_PREFIXES), small_new_energy_serials)
def test_generated_small_new_energy_plates(prefix: str, serial: str) -> None:
    assert parse_plate(prefix + serial).kind == "new_energy_small"


@given(st.sampled_from(DOMESTIC_PREFIXES), large_new_energy_serials)
def test_generated_large_new_energy_plates(prefix: str, serial: str) -> None:
    assert parse_plate(prefix + serial).kind == "new_energy_large"


@given(
    st.sampled_from(DOMESTIC_PREFIXES),
    st.text(alphabet=SERIAL_CHARACTERS, min_size=4, max_size=4),
    st.sampled_from([("警", "police"), ("学", "coach"), ("挂", "trailer"), ("领", "consulate")]),
)
def test_generated_suffix_plates(prefix: str, serial: str, suffix_kind: tuple[str, str]) -> None:
    suffix, kind = suffix_kind
    assert parse_plate(prefix + serial + suffix).kind == kind


@given(st.sampled_from(DOMESTIC_PREFIXES), ordinary_serials, st.data())
def test_generated_typed_variants_normalise_equal(
    prefix: str, serial: str, data: st.DataObject
) -> None:
    typed = prefix[0]
    for character in prefix[1] + serial:
        if data.draw(st.booleans()):
            character = character.lower()
        if data.draw(st.booleans()):
            character = chr(ord(character) + 0xFEE0)  # full-width form
        typed += data.draw(st.sampled_from(["", "", " ", "·", "\u3000"])) + character
    assert parse_plate(typed).number == prefix + serial


@given(st.sampled_from(PREFIXES), st.sampled_from("IO"), st.integers(min_value=0, max_value=4))
def test_generated_plates_with_i_or_o_fail(prefix: str, letter: str, position: int) -> None:
    serial = "12345"[:position] + letter + "12345"[position + 1 :]
    with pytest.raises(IdentityError) as caught:
        parse_plate(prefix + serial)
    assert caught.value.code == "format"


@given(
    st.text(alphabet=SERIAL_CHARACTERS, min_size=4, max_size=4),
    st.sampled_from([("港", "hong_kong"), ("澳", "macau")]),
)
def test_generated_cross_border_plates(serial: str, suffix_kind: tuple[str, str]) -> None:
    suffix, kind = suffix_kind
    plate = parse_plate("粤Z" + serial + suffix)
    assert (plate.kind, plate.prefix, plate.region_code) == (kind, "粤Z", "440000")
