"""The API contract: POST /api/v1/rumours → 201 {"id"}; GET /api/v1/public/rumour-check?q= →
{"matches": [{"id", "claim", "rebuttal", "score"}]} best first, empty when nothing is close."""

import pytest
from django.core.cache import cache
from django.test import Client

from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour

from .factories import BAIJIU, GARLIC, make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    forget_index()
    cache.clear()
    yield
    forget_index()


def test_staff_enter_a_rumour(staff, api_as):
    response = api_as("officer1").post_json(
        "/api/v1/rumours",
        {
            "claim": "甲醇可以代替酒精消毒",
            "rebuttal": "甲醇有毒",
            "category": "disinfection",
            "sources": ["卫健委"],
        },
    )
    assert response.status_code == 201
    rumour = Rumour.objects.get()
    assert response.json() == {"id": rumour.pk}
    assert (rumour.status, rumour.sources, rumour.unit) == (
        "draft",
        ["卫健委"],
        staff["officer1"].unit,
    )


def test_category_and_sources_are_optional_and_bad_input_is_422(staff, api_as):
    api = api_as("duty1")
    assert (
        api.post_json("/api/v1/rumours", {"claim": "喝茶能防新冠", "rebuttal": "不能"}).status_code
        == 201
    )
    refused = api.post_json("/api/v1/rumours", {"claim": "", "rebuttal": "不能", "category": "x"})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"claim", "category"}
    assert api.post_json("/api/v1/rumours", {"claim": "a\x00b", "rebuttal": "x"}).status_code == 422


@pytest.mark.parametrize("username", ["commander", "auxiliary1", "volunteer1", "health1"])
def test_roles_without_the_capability_are_refused(staff, api_as, username):
    response = api_as(username).post_json(
        "/api/v1/rumours", {"claim": "喝茶能防新冠", "rebuttal": "不能"}
    )
    assert response.status_code == 403
    assert Rumour.objects.count() == 0


def test_the_public_check_answers_best_first(staff):
    methanol = make(staff["chief1"])
    make(staff["chief1"], GARLIC)
    make(staff["chief1"], BAIJIU)
    response = Client().get("/api/v1/public/rumour-check", {"q": "聽說甲醇能代替酒精消毒？"})
    assert response.status_code == 200
    matches = response.json()["matches"]
    assert [m["id"] for m in matches] == [methanol.pk]
    assert set(matches[0]) == {"id", "claim", "rebuttal", "score"}
    assert (matches[0]["claim"], matches[0]["rebuttal"]) == (methanol.claim, methanol.rebuttal)
    assert 0 < matches[0]["score"] <= 1


def test_the_public_check_is_empty_when_nothing_is_close(staff):
    make(staff["chief1"])
    client = Client()
    assert client.get("/api/v1/public/rumour-check", {"q": "明天几点停水"}).json() == {
        "matches": []
    }
    assert client.get("/api/v1/public/rumour-check").json() == {"matches": []}


def test_list_detail_update_and_transition(staff, api_as):
    rumour = make(staff["chief1"], publish=False)
    api = api_as("officer1")
    listed = api.get("/api/v1/rumours", {"q": "甲醇"}).json()
    assert [item["id"] for item in listed["items"]] == [rumour.pk]
    assert api.get(f"/api/v1/rumours/{rumour.pk}").json()["status"] == "draft"
    patched = api.patch_json(f"/api/v1/rumours/{rumour.pk}", {"evidence": "甲醇代谢为甲酸"})
    assert patched.status_code == 200 and patched.json()["evidence"] == "甲醇代谢为甲酸"
    moved = api.post_json(
        f"/api/v1/rumours/{rumour.pk}/transitions", {"status": "published", "reason": "核实"}
    )
    assert moved.status_code == 200 and moved.json()["status"] == "published"
    checked = api.post_json("/api/v1/rumours/check", {"text": "甲醇能消毒吗"}).json()
    assert [m["id"] for m in checked["matches"]] == [rumour.pk]
