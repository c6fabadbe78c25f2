import pytest

from shouwang.identity.plates import plate_prefixes
from shouwang.identity.regions import place_name


@pytest.mark.parametrize(
    ("province", "city", "read"),
    [
        ("湖北", "武汉", "湖北武汉"),
        ("湖北省", "武汉市", "湖北省武汉市"),
        ("北京", "北京", "北京"),
        ("上海", "上海", "上海"),
        ("天津", "天津", "天津"),
        ("重庆", "重庆主城", "重庆主城"),
        ("重庆", "万州", "重庆万州"),
        ("北京市", "市辖区", "北京市"),
        ("重庆市", "县", "重庆市"),
        ("吉林", "吉林", "吉林省吉林市"),
        ("陕西", "省直机关", "陕西省直机关"),
        ("湖北", "", "湖北"),
        ("湖北", None, "湖北"),
        ("", "武汉", "武汉"),
        ("", "", ""),
        (None, None, ""),
    ],
)
def test_a_place_reads_as_people_say_it(province, city, read):
    assert place_name(province, city) == read


def test_no_plate_prefix_repeats_its_province():
    for entry in plate_prefixes().values():
        read = place_name(entry.province, entry.area)
        assert not read.startswith(entry.province * 2), entry
        assert read.startswith(entry.province), entry
