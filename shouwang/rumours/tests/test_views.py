"""The pages: list, entry, detail with its copy-ready text, status change, the staff check and
the residents' check, each for the roles allowed and refused."""

import pytest
from django.core.cache import cache
from django.test import Client

from shouwang.rumours import throttle
from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour, RumourSighting

from .factories import GARLIC, make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    forget_index()
    cache.clear()
    yield
    forget_index()


def test_the_list_searches_in_traditional_too(staff, login_as):
    make(staff["chief1"])
    make(staff["chief1"], GARLIC)
    page = login_as("auxiliary1").get("/rumours/", {"q": "甲醇"})
    assert page.status_code == 200
    assert "甲醇可以代替酒精消毒" in page.text and "大蒜" not in page.text
    assert "录入谣言" not in page.text  # auxiliaries read, never enter
    assert login_as("volunteer1").get("/rumours/").status_code == 403


def test_a_rumour_is_entered_and_shown_with_its_copy_ready_rebuttal(staff, login_as):
    client = login_as("officer1")
    assert client.get("/rumours/new/").status_code == 200
    response = client.post(
        "/rumours/new/",
        {
            "claim": "甲醇可以代替酒精消毒",
            "rebuttal": "甲醇有毒，可致失明。",
            "category": "disinfection",
            "sources": "卫健委\n疾控中心",
            "first_seen": "2020-02-01",
            "publish": "on",
        },
    )
    rumour = Rumour.objects.get()
    assert response.status_code == 302 and response.url == f"/rumours/{rumour.pk}/"
    page = client.get(response.url)
    assert "【辟谣】甲醇可以代替酒精消毒" in page.text
    assert "来源：卫健委；疾控中心" in page.text
    assert "复制辟谣内容" in page.text


def test_bad_input_comes_back_on_the_form_in_chinese(staff, login_as):
    response = login_as("chief1").post(
        "/rumours/new/",
        {
            "claim": "甲醇可以代替酒精消毒",
            "rebuttal": "有毒",
            "category": "remedy",
            "first_seen": "2020-02-01",
            "publish": "on",
        },
    )
    assert response.status_code == 422
    assert "发布前请填写至少一个来源" in response.text
    assert Rumour.objects.count() == 0


def test_status_change_with_a_reason(staff, login_as):
    rumour = make(staff["chief1"])
    client = login_as("duty1")
    response = client.post(
        f"/rumours/{rumour.pk}/transition/", {"status": "retired", "reason": "不再流传"}
    )
    assert response.status_code == 302
    rumour.refresh_from_db()
    assert rumour.status == "retired"
    refused = client.post(f"/rumours/{rumour.pk}/transition/", {"status": "draft", "reason": "x"})
    assert refused.status_code == 422


def test_the_staff_check_shows_the_match_and_counts_it(staff, login_as):
    rumour = make(staff["chief1"])
    client = login_as("auxiliary1")
    assert client.get("/rumours/check/").status_code == 200
    page = client.post("/rumours/check/", {"text": "群裡說甲醇能代替酒精消毒，快轉發"})
    assert page.status_code == 200
    assert "【辟谣】甲醇可以代替酒精消毒" in page.text
    rumour.refresh_from_db()
    assert rumour.times_seen == 1
    nothing = client.post("/rumours/check/", {"text": "明天社区发放蔬菜包"})
    assert "谣言库中没有相近的谣言" in nothing.text
    assert client.post("/rumours/check/", {"text": ""}).status_code == 422
    assert RumourSighting.objects.count() == 1


def test_residents_check_a_message_without_an_account(staff):
    make(staff["chief1"])
    make(staff["chief1"], GARLIC, publish=False)
    client = Client()
    assert client.get("/public/rumour-check/").status_code == 200
    page = client.get("/public/rumour-check/", {"q": "藥店沒酒精了，可以用甲醇擦桌子消毒嗎？"})
    assert page.status_code == 200
    assert "甲醇有毒" in page.text and "这是已辟谣的谣言" in page.text
    # A draft is not shown to residents; an unrelated message finds nothing.
    assert (
        "没有找到相近的已知谣言"
        in client.get("/public/rumour-check/", {"q": "多吃大蒜能预防新冠肺炎"}).text
    )
    assert (
        "没有找到相近的已知谣言" in client.get("/public/rumour-check/", {"q": "小区几点开门"}).text
    )
    # The page counts nothing.
    assert RumourSighting.objects.count() == 0


def test_residents_checks_are_rate_limited_per_address(staff, monkeypatch):
    monkeypatch.setattr(throttle, "CHECKS", 2)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        assert client.get("/public/rumour-check/", {"q": "甲醇"}).status_code == 200
    limited = client.get("/public/rumour-check/", {"q": "甲醇"})
    assert limited.status_code == 429 and "查询过于频繁" in limited.text
    assert (
        Client(REMOTE_ADDR="203.0.113.10").get("/public/rumour-check/", {"q": "甲醇"}).status_code
        == 200
    )
