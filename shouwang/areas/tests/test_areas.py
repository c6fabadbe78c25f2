from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.areas.models import KeyArea
from shouwang.areas.selectors import (
    key_area_for_plate_prefix,
    key_area_search,
    region_search,
)
from shouwang.areas.services import key_area_create, key_area_end, key_area_update

pytestmark = pytest.mark.django_db
DAY = date(2026, 2, 1)


def wuhan(actor, **extra):
    fields = {"region_code": "420100", "risk_level": "high", "valid_from": DAY}
    fields.update(extra)
    return key_area_create(actor=actor, **fields)


def test_creating_derives_name_and_plate_prefixes(staff):
    area = wuhan(staff["commander"])
    assert (area.name, area.plate_prefixes, area.unit.name) == (
        "湖北省武汉市",
        ["鄂A"],
        "清河县公安局",
    )


def test_bad_input_gives_chinese_field_errors(staff):
    with pytest.raises(ValidationError) as refused:
        wuhan(staff["commander"], region_code="999999", risk_level="x", valid_to=date(2026, 1, 1))
    assert refused.value.message_dict == {
        "region_code": ["未知的行政区划代码"],
        "risk_level": ["风险等级应为高、中或低"],
        "valid_to": ["失效日期不能早于生效日期"],
    }


def test_only_managers_maintain_the_list(staff):
    with pytest.raises(PermissionDenied):
        wuhan(staff["officer1"])


def test_editing_keeps_history_with_the_actor(staff):
    area = wuhan(staff["commander"])
    key_area_update(
        actor=staff["commander"],
        area=area,
        risk_level="medium",
        valid_from=DAY,
        valid_to=None,
        note="降级",
    )
    latest = area.history.first()
    assert (latest.risk_level, latest.history_user) == ("medium", staff["commander"])
    assert area.history.count() == 2


def test_ending_sets_the_last_day_and_the_area_stops_applying(staff, bureau):
    area = wuhan(staff["commander"])
    key_area_end(actor=staff["commander"], area=area, on=date(2026, 2, 10), reason="解除")
    area.refresh_from_db()
    assert (area.valid_to, area.note) == (date(2026, 2, 10), "解除")
    station = bureau["城关派出所"]
    assert key_area_for_plate_prefix(station, "鄂A", date(2026, 2, 10)) == area
    assert key_area_for_plate_prefix(station, "鄂A", date(2026, 2, 11)) is None
    assert KeyArea.objects.count() == 1
    with pytest.raises(ValidationError):
        key_area_end(actor=staff["commander"], area=area, on=date(2026, 1, 1))


def test_stations_read_the_bureau_list_but_not_a_sibling_list(staff):
    bureau_area = wuhan(staff["commander"])
    own = wuhan(staff["chief1"], region_code="110000", risk_level="medium")
    sibling = wuhan(staff["chief2"], region_code="310000", risk_level="low")
    assert list(key_area_search(staff["officer1"])) == [own, bureau_area]
    assert list(key_area_search(staff["commander"])) == [own, sibling, bureau_area]
    assert list(key_area_search(staff["officer1"], risk_level="high")) == [bureau_area]
    assert list(key_area_search(staff["officer1"], query="武漢")) == [bureau_area]


def test_search_on_a_date_keeps_areas_in_force(staff):
    area = wuhan(staff["commander"], valid_to=date(2026, 2, 5))
    assert list(key_area_search(staff["commander"], on=date(2026, 2, 5))) == [area]
    assert list(key_area_search(staff["commander"], on=date(2026, 2, 6))) == []


def test_region_search_finds_by_name_and_code():
    assert region_search("武汉")[0] == {"code": "420100", "name": "湖北省武汉市", "level": "city"}
    assert region_search("4201")[0]["code"] == "420100"
    assert region_search("") == []


def test_api_lists_creates_and_patches(api_as, staff, django_assert_num_queries):
    client = api_as("commander")
    response = client.post_json(
        "/api/v1/key-areas",
        {"region_code": "420100", "risk_level": "high", "valid_from": "2026-02-01"},
    )
    assert response.status_code == 201
    area_id = response.json()["id"]
    response = client.patch_json(f"/api/v1/key-areas/{area_id}", {"risk_level": "low"})
    assert (response.status_code, response.json()["risk_level"]) == (200, "low")
    officer = api_as("officer1")
    with django_assert_num_queries(4):  # token, user, count, page
        listed = officer.get("/api/v1/key-areas?on=2026-02-02").json()
    assert [item["name"] for item in listed["items"]] == ["湖北省武汉市"]
    bad = client.post_json(
        "/api/v1/key-areas", {"region_code": "12", "risk_level": "high", "valid_from": "2026-02-01"}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [{"field": "region_code", "message": "未知的行政区划代码"}]


def test_a_station_cannot_edit_the_bureau_list_nor_a_sibling_reach_it(api_as, staff):
    area = wuhan(staff["commander"])
    own = wuhan(staff["chief1"], region_code="110000")
    assert (
        api_as("chief1")
        .patch_json(f"/api/v1/key-areas/{area.pk}", {"risk_level": "low"})
        .status_code
        == 404
    )
    chief2 = api_as("chief2")
    assert chief2.get(f"/api/v1/key-areas/{own.pk}").status_code == 404
    assert (
        chief2.patch_json(f"/api/v1/key-areas/{own.pk}", {"risk_level": "low"}).status_code == 404
    )
    assert chief2.post_json(f"/api/v1/key-areas/{own.pk}/end", {}).status_code == 404
    area.refresh_from_db()
    own.refresh_from_db()
    assert (area.risk_level, own.risk_level, own.valid_to) == ("high", "high", None)


def test_pages_list_create_and_show_history(login_as, staff):
    client = login_as("commander")
    response = client.post(
        "/areas/new/",
        {
            "region_code": "420100",
            "risk_level": "high",
            "valid_from": "2026-02-01",
        },
    )
    area = KeyArea.objects.get()
    assert response.status_code == 302
    assert response.url == f"/areas/{area.pk}/"
    page = client.get(f"/areas/{area.pk}/").content.decode()
    assert "湖北省武汉市" in page and "变更历史" in page
    assert "湖北省武汉市" in login_as("officer1").get("/areas/").content.decode()
    options = client.get("/areas/regions/?region_code=武汉").content.decode()
    assert '<option value="420100">湖北省武汉市</option>' in options
    bad = client.post(
        "/areas/new/", {"region_code": "999999", "risk_level": "high", "valid_from": "2026-02-01"}
    )
    assert "未知的行政区划代码" in bad.content.decode()


def test_a_sibling_station_gets_404_on_pages(login_as, staff):
    own = wuhan(staff["chief1"], region_code="110000")
    client = login_as("chief2")
    assert client.get(f"/areas/{own.pk}/").status_code == 404
    assert client.post(f"/areas/{own.pk}/end/", {"on": "2026-02-02"}).status_code == 404
    own.refresh_from_db()
    assert own.valid_to is None


def test_the_update_service_refuses_an_area_outside_the_actors_jurisdiction(staff):
    bureau_area = wuhan(staff["commander"])
    sibling_area = wuhan(staff["chief2"], region_code="110100")
    for area in (bureau_area, sibling_area):
        with pytest.raises(PermissionDenied) as refused:
            key_area_update(
                actor=staff["chief1"], area=area, risk_level="low", valid_from=DAY, valid_to=None
            )
        assert str(refused.value) == "只能修改本单位或下级单位发布的重点地区"
        with pytest.raises(PermissionDenied):
            key_area_end(actor=staff["chief1"], area=area, on=DAY)
    assert list(KeyArea.objects.order_by("pk").values_list("risk_level", "valid_to")) == [
        ("high", None),
        ("high", None),
    ]
