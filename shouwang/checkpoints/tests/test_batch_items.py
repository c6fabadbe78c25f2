"""One bad item of a batch fails alone: the others are stored and counted."""

import pytest
from django.db import connection

from shouwang.checkpoints import services, validation
from shouwang.checkpoints.models import Passage, PassageCountsByHour

from .factories import passage_data

UNSTORABLE = {"field": "__all__", "message": "该条记录无法保存，请核对后重新提交"}


def _batch(api_as, items) -> list[dict]:
    response = api_as("officer1").post_json("/api/v1/passages/batch", {"items": items})
    assert response.status_code == 200
    return response.json()["results"]


def _counted() -> int:
    return sum(PassageCountsByHour.objects.values_list("passages", flat=True))


@pytest.fixture
def three(checkpoints):
    return [passage_data(checkpoints["城关"], plate=f"陕K3000{n}") for n in range(3)]


def test_item_the_database_refuses_fails_alone(api_as, checkpoints, three, monkeypatch):
    clean = services.passage_clean

    def clean_with_a_slip(item, **kwargs):
        cleaned = clean(item, **kwargs)
        if item["plate"] == "陕K30001":
            cleaned.values["occurred_hour"] = 99  # a check constraint refuses it, as a bug would
        return cleaned

    monkeypatch.setattr(services, "passage_clean", clean_with_a_slip)

    results = _batch(api_as, three)

    assert [r["status"] for r in results] == ["created", "error", "created"]
    assert results[1]["errors"] == [UNSTORABLE]
    assert sorted(Passage.objects.values_list("plate", flat=True)) == ["陕K30000", "陕K30002"]
    assert _counted() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps over-long text")
def test_item_too_long_for_its_column_fails_alone(api_as, checkpoints, three, monkeypatch):
    monkeypatch.setitem(validation.TEXT_LIMITS, "origin", 5000)  # as if validation missed it
    three[0]["origin"] = "长" * 101

    results = _batch(api_as, three)

    assert [r["status"] for r in results] == ["error", "created", "created"]
    assert results[0]["errors"] == [UNSTORABLE]
    assert Passage.objects.count() == 2
    assert _counted() == 2


def test_item_whose_validation_breaks_fails_alone(api_as, checkpoints, three, monkeypatch):
    clean = services.passage_clean

    def clean_that_breaks(item, **kwargs):
        if item["plate"] == "陕K30002":
            raise ArithmeticError("a bug met by one item")
        return clean(item, **kwargs)

    monkeypatch.setattr(services, "passage_clean", clean_that_breaks)

    results = _batch(api_as, three)

    assert [r["status"] for r in results] == ["created", "created", "error"]
    assert results[2]["errors"] == [UNSTORABLE]
    assert Passage.objects.count() == 2


def test_a_repeat_of_a_refused_item_is_refused_too(api_as, checkpoints, three, monkeypatch):
    clean = services.passage_clean

    def clean_with_a_slip(item, **kwargs):
        cleaned = clean(item, **kwargs)
        if item["plate"] == "陕K30000":
            cleaned.values["occurred_hour"] = 99
        return cleaned

    monkeypatch.setattr(services, "passage_clean", clean_with_a_slip)

    results = _batch(api_as, [three[0], three[1], dict(three[0])])

    assert [r["status"] for r in results] == ["error", "created", "error"]
    assert results[2]["errors"] == [UNSTORABLE]
    assert Passage.objects.count() == 1


@pytest.mark.parametrize(
    ("occurred_at", "message"),
    [
        ("0001-01-01T00:00:00", "时间不能早于2019年1月1日"),
        ("0001-01-01T00:00:00+14:00", "时间不能早于2019年1月1日"),
        ("2018-12-31T23:59:00+08:00", "时间不能早于2019年1月1日"),
        ("9999-12-31T23:59:59", "通行时间不能晚于当前时间"),
        ("9999-12-31T23:59:59-12:00", "通行时间不能晚于当前时间"),
        ("2020-02-30T08:00:00", "时间格式不正确，应为 ISO 8601"),
    ],
)
def test_item_dated_out_of_bounds_is_a_field_error(
    api_as, checkpoints, three, occurred_at, message
):
    three[1]["occurred_at"] = occurred_at

    results = _batch(api_as, three)

    assert [r["status"] for r in results] == ["created", "error", "created"]
    assert results[1]["errors"] == [{"field": "occurred_at", "message": message}]
    assert Passage.objects.count() == 2


def test_single_registration_dated_in_year_1_is_422(api_as, checkpoints):
    response = api_as("officer1").post_json(
        "/api/v1/passages", passage_data(checkpoints["城关"], occurred_at="0001-01-01T00:00:00")
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "occurred_at", "message": "时间不能早于2019年1月1日"}
    ]


def test_single_registration_sent_twice_is_409(api_as, checkpoints):
    data = passage_data(checkpoints["城关"])
    client = api_as("officer1")
    assert client.post_json("/api/v1/passages", data).status_code == 201
    again = client.post_json("/api/v1/passages", data)
    assert again.status_code == 409
    assert again.json() == {
        "detail": "与当前数据冲突",
        "errors": [{"field": "client_id", "message": "该登记已提交过"}],
    }
    assert Passage.objects.count() == 1
