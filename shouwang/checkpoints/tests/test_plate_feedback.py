"""The feedback under the plate field reads naturally: a municipality named once, nothing shown
for what is not known or not typed."""

import re

import pytest

from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.selectors import plate_lookup
from shouwang.checkpoints.services import passage_register

from .factories import passage_data

pytestmark = pytest.mark.django_db


def _feedback(client, province: str, plate: str) -> str:
    response = client.get("/checkpoints/plate-feedback/", {"province": province, "plate": plate})
    assert response.status_code == 200
    return response.content.decode()


def _facts(html: str) -> str:
    """The passage page's facts (its first <dl>), without the correction form."""
    return re.search(r"<dl>.*?</dl>", html, re.DOTALL).group(0)


def _summary(html: str) -> str:
    found = re.search(r'<p class="plate-summary[^"]*" role="status"><strong>(.*?)</strong>', html)
    assert found is not None, html
    return found.group(1)


@pytest.mark.parametrize(
    ("province", "plate", "summary"),
    [
        ("京", "A12345", "京A · 北京 · 外地车辆"),
        ("沪", "b12345", "沪B · 上海 · 外地车辆"),
        ("津", "A12345", "津A · 天津 · 外地车辆"),
        ("渝", "A12345", "渝A · 重庆主城 · 外地车辆"),
        ("渝", "F12345", "渝F · 重庆万州 · 外地车辆"),
        ("鄂", "A12345", "鄂A · 湖北武汉 · 外地车辆"),
        ("吉", "B12345", "吉B · 吉林省吉林市 · 外地车辆"),
        # A letter our table does not know: the province alone, no "None", no "（）".
        ("京", "Z12345", "京Z · 北京 · 外地车辆"),
        ("陕", "K12345", "陕K · 陕西榆林 · 本地车辆"),
    ],
)
def test_the_summary_names_each_place_once(login_as, province, plate, summary):
    html = _feedback(login_as("volunteer1"), province, plate)
    assert _summary(html) == summary
    assert "None" not in html and "（）" not in html and "—" not in html


@pytest.mark.parametrize("plate", ["A1", "A12", "A1234567"])
def test_a_short_or_long_plate_says_only_what_is_wrong(login_as, plate):
    html = _feedback(login_as("volunteer1"), "鄂", plate)
    assert re.sub(r"\s+", " ", html).strip() == (
        '<p class="errorlist" role="alert">车牌号格式不正确</p>'
    )


def test_an_unknown_province_says_so(login_as):
    html = _feedback(login_as("volunteer1"), "", "X12345")
    assert "车牌号格式不正确" in html and "plate-summary" not in html


@pytest.mark.parametrize(("province", "plate"), [("鄂", ""), ("鄂", "   "), ("", "")])
def test_an_empty_plate_shows_nothing(login_as, province, plate):
    assert _feedback(login_as("volunteer1"), province, plate).strip() == ""


def test_a_returning_car_lists_only_what_was_recorded(login_as, staff, checkpoints):
    passage_register(
        actor=staff["officer1"],
        data=passage_data(checkpoints["城关"], plate="京A12345", disposition="registered"),
    )
    html = _feedback(login_as("volunteer1"), "京", "A12345")
    assert _summary(html) == "京A · 北京 · 外地车辆"
    last = re.search(r"<li><small>(.*?)</small></li>", html, re.DOTALL).group(1)
    assert last.endswith("城关东出口卡点 · 进 · 登记放行"), last
    assert "来自" not in last and "去往" not in last


def test_the_lookup_and_the_api_share_the_summary(api_as, staff):
    lookup = plate_lookup(user=staff["officer1"], text="沪B12345")
    body = api_as("officer1").get("/api/v1/plates/沪B12345/lookup").json()
    assert lookup.summary == body["summary"] == "沪B · 上海 · 外地车辆"


def test_the_passage_page_names_places_once_and_hides_empty_fields(login_as, staff, checkpoints):
    bare = passage_register(
        actor=staff["officer1"], data=passage_data(checkpoints["城关"], plate="京A12345")
    )
    told = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            plate="鄂A12345",
            origin="武汉",
            origin_region_code="420100",
            destination="县城",
        ),
    )
    client = login_as("officer1")
    facts = _facts(client.get(f"/checkpoints/passages/{bare.pk}/").content.decode())
    assert "京A12345 · 北京 · 外地车辆" in facts and "北京北京" not in facts
    # Where it came from is the plate's region when nobody typed it: named once.
    assert "<dt>来自</dt><dd>北京市</dd>" in facts
    assert "—" not in facts and "（）" not in facts and "去往" not in facts and "事由" not in facts
    facts = _facts(client.get(f"/checkpoints/passages/{told.pk}/").content.decode())
    assert "<dd>武汉（湖北省武汉市）</dd>" in facts and "<dd>县城</dd>" in facts
    assert Passage.objects.count() == 2
