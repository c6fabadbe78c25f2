"""The pages: drill-down scoped to the user's units, panels refreshed alone, zones drawn or
imported with field errors in Chinese, each role offered only what it may do."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from shouwang.command.models import Zone

from .world import SQUARE

pytestmark = pytest.mark.django_db


def test_the_commander_drills_down_to_a_station(staff, bureau, login_as):
    client = login_as("commander")
    top = client.get("/command/")
    assert top.status_code == 200
    assert [child.name for child in top.context["children"]] == [
        "交通管理大队",
        "城关派出所",
        "白云山派出所",
        "通镇派出所",
    ]
    station = client.get(f"/command/?unit={bureau['白云山派出所'].pk}")
    assert station.status_code == 200
    assert [unit.name for unit in station.context["trail"]] == ["清河县公安局", "白云山派出所"]
    keys = [panel.key for panel in station.context["panels"]]
    assert keys[:8] == [
        "passages",
        "origins",
        "people",
        "followups",
        "screening",
        "intake",
        "venues",
        "zones",
    ]


def test_a_chief_cannot_drill_into_a_sibling_station(staff, bureau, login_as):
    client = login_as("chief1")
    sibling = bureau["白云山派出所"].pk
    assert client.get(f"/command/?unit={sibling}").status_code == 404
    assert client.get(f"/command/panel/?key=passages&unit={sibling}").status_code == 404
    assert client.get(f"/reports/daily/?unit={sibling}").status_code == 404
    assert client.get(f"/reports/daily.xlsx?unit={sibling}").status_code == 404
    assert client.get(f"/command/zones/?unit={sibling}").status_code == 404
    assert client.get("/command/?unit=abc").status_code == 404
    assert client.get(f"/command/?unit={bureau['北门社区'].pk}").status_code == 200


def test_a_panel_is_served_alone_for_htmx_to_swap(staff, bureau, login_as):
    response = login_as("chief1").get("/command/panel/?key=followups")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="panel-followups"' in html and 'hx-trigger="every 60s"' in html
    assert login_as("chief1").get("/command/panel/?key=nothing").status_code == 404


@pytest.mark.parametrize("username", ["officer1", "auxiliary1", "volunteer1", "duty1", "health1"])
def test_the_dashboard_and_report_are_for_commanders_and_chiefs(staff, login_as, username):
    client = login_as(username)
    assert client.get("/command/").status_code == 403
    assert client.get("/reports/daily/").status_code == 403


def test_the_officer_reads_the_zones_map_without_the_draw_button(staff, bureau, login_as):
    zone_page = login_as("officer1").get("/command/zones/")
    assert zone_page.status_code == 200
    assert "/command/zones/new/" not in zone_page.content.decode()
    assert "/command/zones/new/" in login_as("chief1").get("/command/zones/").content.decode()
    assert login_as("officer1").get("/command/zones/new/").status_code == 403


def _form(bureau, **changes):
    data = {
        "name": "北门社区3号楼",
        "level": "sealed",
        "unit": bureau["北门社区"].pk,
        "started_on": timezone.localdate().isoformat(),
        "lift_after_days": 14,
        "geometry": json.dumps(SQUARE),
        "note": "",
    }
    data.update(changes)
    return data


def test_a_drawn_zone_is_saved_and_opens_on_its_page(staff, bureau, login_as):
    client = login_as("chief1")
    response = client.post("/command/zones/new/", _form(bureau))
    zone = Zone.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/command/zones/{zone.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "北门社区3号楼" in page.content.decode()
    assert zone.history.get().history_change_reason == "划定区域"


def test_a_bad_drawing_is_a_field_error_and_nothing_is_stored(staff, bureau, login_as):
    open_ring = {
        "type": "Polygon",
        "coordinates": [[[108.9, 34.3], [108.91, 34.3], [108.91, 34.31], [108.9, 34.32]]],
    }
    response = login_as("chief1").post(
        "/command/zones/new/", _form(bureau, geometry=json.dumps(open_ring))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["geometry"] == ["多边形外边界未闭合：首尾两个点应相同"]
    missing = login_as("chief1").post("/command/zones/new/", _form(bureau, geometry=""))
    assert missing.context["form"].errors["geometry"] == ["请在地图上绘制范围或导入GeoJSON文件"]
    assert not Zone.objects.exists()


def test_a_zone_imported_from_a_geojson_file(staff, bureau, login_as):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": SQUARE},
            {"type": "Feature", "properties": {}, "geometry": SQUARE},
        ],
    }
    upload = SimpleUploadedFile(
        "zone.geojson", json.dumps(collection).encode(), "application/geo+json"
    )
    response = login_as("chief1").post(
        "/command/zones/new/", {**_form(bureau, geometry=""), "geometry_file": upload}
    )
    assert response.status_code == 302
    assert Zone.objects.get().geometry["type"] == "MultiPolygon"


@override_settings(SHOUWANG_ZONE_UPLOAD_MAX_BYTES=100)
def test_a_too_large_or_broken_file_is_refused(staff, bureau, login_as):
    big = SimpleUploadedFile("zone.geojson", b" " * 101 + json.dumps(SQUARE).encode())
    response = login_as("chief1").post(
        "/command/zones/new/", {**_form(bureau, geometry=""), "geometry_file": big}
    )
    assert response.context["form"].errors["geometry_file"] == ["文件过大，最大0KB"]
    broken = SimpleUploadedFile("zone.geojson", b"\xff\xfe[[[")
    response = login_as("chief1").post(
        "/command/zones/new/", {**_form(bureau, geometry=""), "geometry_file": broken}
    )
    assert response.context["form"].errors["geometry_file"] == ["文件不是UTF-8编码的GeoJSON"]
    assert not Zone.objects.exists()


def test_lifting_a_zone_from_its_page_needs_a_reason(staff, bureau, login_as):
    client = login_as("chief1")
    client.post(
        "/command/zones/new/",
        _form(bureau, started_on=(timezone.localdate() - timedelta(days=20)).isoformat()),
    )
    zone = Zone.objects.get()
    page = client.get(f"/command/zones/{zone.pk}/")
    assert page.context["rule"].meets_lifting_rule is True
    client.post(
        f"/command/zones/{zone.pk}/lift/", {"on": timezone.localdate().isoformat(), "reason": ""}
    )
    zone.refresh_from_db()
    assert zone.status == "active"
    client.post(
        f"/command/zones/{zone.pk}/lift/",
        {"on": timezone.localdate().isoformat(), "reason": "连续20天无新增，经指挥部研究解除"},
    )
    zone.refresh_from_db()
    assert zone.status == "lifted" and zone.lifted_on == timezone.localdate()
    assert zone.history.first().history_change_reason == "连续20天无新增，经指挥部研究解除"
    # A sibling station's chief neither opens nor lifts it.
    other = login_as("chief2")
    assert other.get(f"/command/zones/{zone.pk}/").status_code == 404
    assert (
        other.post(
            f"/command/zones/{zone.pk}/level/", {"level": "controlled", "reason": "x"}
        ).status_code
        == 404
    )
