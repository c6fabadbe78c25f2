"""The venue pages: every page opens, the forms work, a page offers only what the role may do."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent
from shouwang.cases.models import Case, EvidenceFile
from shouwang.cases.tests.factories import png_bytes
from shouwang.venues.models import ClosureOrder, Inspection, Venue, VenueStatus
from shouwang.venues.services import closure_order_issue, inspection_record, price_item_save

from .factories import VALID_CODE, venue


@pytest.fixture
def closed(staff):
    place = venue(staff["chief1"], owner_name="王建国", owner_phone="13809120001")
    order = closure_order_issue(
        actor=staff["chief1"], unit=staff["chief1"].unit, kinds=["ktv"], legal_basis="依据"
    )
    return place, order


@pytest.mark.parametrize("username", ["commander", "chief1", "officer1", "auxiliary1"])
def test_every_page_opens_for_those_who_work_venues(login_as, staff, closed, username):
    place, order = closed
    inspection_record(actor=staff["officer1"], venue=place, result="compliant")
    client = login_as(username)
    urls = [
        "/venues/",
        f"/venues/{place.pk}/",
        "/venues/due/",
        "/venues/orders/",
        f"/venues/orders/{order.pk}/",
        "/venues/prices/",
        "/venues/import/template/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_owners_phone_is_masked_and_revealed_with_a_reason(login_as, closed):
    place, _order = closed
    client = login_as("officer1")
    page = client.get(f"/venues/{place.pk}/").content.decode()
    assert "138****0001" in page and "13809120001" not in page
    assert "王建国" in page
    revealed = client.post(f"/venues/{place.pk}/reveal/", {"reason": "通知关停"})
    assert "13809120001" in revealed.content.decode()
    assert AccessEvent.objects.filter(target_type="venues.venue", reason="通知关停").count() == 1


def test_a_search_by_the_owners_phone_is_posted_and_finds_the_venue(login_as, closed):
    client = login_as("officer1")
    response = client.post("/venues/", {"q": "13809120001"})
    assert response.status_code == 302 and "13809120001" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "金色年华KTV" in page


def test_a_venue_is_registered_from_the_form_with_a_field_error_first(login_as, staff):
    client = login_as("officer1")
    data = {
        "unit": staff["officer1"].unit_id,
        "kind": "pharmacy",
        "name": "康泰大药房",
        "address": "城关镇东街8号",
        "credit_code": "91610824MA70X2Y57A",
    }
    refused = client.post("/venues/new/", data)
    assert refused.status_code == 422
    assert "统一社会信用代码校验位错误" in refused.content.decode()
    data["credit_code"] = VALID_CODE
    assert client.post("/venues/new/", data).status_code == 302
    assert Venue.objects.get().credit_code == VALID_CODE


def test_a_violation_with_photos_opens_the_case_page(login_as, closed):
    place, _order = closed
    photo = SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png")
    response = login_as("auxiliary1").post(
        f"/venues/{place.pk}/inspect/",
        {
            "result": "violation",
            "notes": "卷帘门半开，内有4名顾客唱歌",
            "inspected_at": "2020-02-01T21:30",
            "photos": [photo],
        },
    )
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    inspection = Inspection.objects.get()
    assert (inspection.case, EvidenceFile.objects.get().subject) == (case, inspection)
    page = login_as("auxiliary1").get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/evidence/{EvidenceFile.objects.get().pk}/" in page


def test_a_renamed_file_among_the_photos_stores_no_inspection(login_as, closed):
    place, _order = closed
    fake = SimpleUploadedFile("现场.jpg", b"PK\x03\x04 zip", content_type="image/jpeg")
    response = login_as("officer1").post(
        f"/venues/{place.pk}/inspect/",
        {"result": "compliant", "inspected_at": "2020-02-01T21:30", "photos": [fake]},
    )
    assert response.status_code == 422
    assert "“现场.jpg”不是 JPEG、PNG 照片或 PDF 文件" in response.content.decode()
    assert Inspection.objects.count() == 0


def test_the_officer_is_not_offered_reopening_and_the_chief_is(login_as, closed):
    place, _order = closed
    officer_page = login_as("officer1").get(f"/venues/{place.pk}/").content.decode()
    chief_page = login_as("chief1").get(f"/venues/{place.pk}/").content.decode()
    assert 'value="reopened"' not in officer_page
    assert 'value="closure_confirmed"' in officer_page
    assert 'value="reopened"' in chief_page
    assert (
        login_as("officer1")
        .post(f"/venues/{place.pk}/status/", {"status": "reopened", "note": "x"})
        .status_code
        == 403
    )
    place.refresh_from_db()
    assert place.status == VenueStatus.ORDERED_CLOSED


def test_a_chief_issues_an_order_from_the_form(login_as, staff, bureau):
    venue(staff["chief1"], kind="internet_cafe", name="网吧")
    venue(staff["chief1"], kind="hotel", name="宾馆")
    response = login_as("chief1").post(
        "/venues/orders/new/",
        {
            "unit": bureau["城关派出所"].pk,
            "kinds": ["internet_cafe"],
            "venues": "",
            "legal_basis": "县指挥部1号通告",
            "effective_at": "2020-01-27T00:00",
        },
    )
    order = ClosureOrder.objects.get()
    assert response["Location"] == f"/venues/orders/{order.pk}/"
    assert order.venues_count == 1


def test_the_acknowledgement_is_recorded_from_the_order_page(login_as, closed):
    _place, order = closed
    entry = order.entries.get()
    response = login_as("auxiliary1").post(
        f"/venues/acknowledgements/{entry.pk}/",
        {"name": "王建国", "acknowledged_at": "2020-01-27T09:00"},
    )
    assert response["Location"] == f"/venues/orders/{order.pk}/"
    entry.refresh_from_db()
    assert entry.acknowledged_name == "王建国"


def test_a_price_check_above_the_threshold_opens_a_case(login_as, staff):
    pharmacy = venue(staff["officer1"], kind="pharmacy", name="康泰大药房")
    item = price_item_save(
        actor=staff["commander"],
        name="N95口罩",
        unit_of_sale="只",
        reference_price="8",
        threshold_percent=30,
    )
    response = login_as("auxiliary1").post(
        f"/venues/{pharmacy.pk}/price-check/",
        {"item": item.pk, "observed_price": "30", "checked_at": "2020-01-28T10:00"},
    )
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.kind == "price_gouging"


def test_the_export_masks_owners_and_is_logged(login_as, closed):
    response = login_as("chief1").post("/venues/export/", {})
    rows = list(load_workbook(BytesIO(response.getvalue())).active.values)
    assert rows[1][4:6] == ("王建国", "138****0001")
    assert AccessEvent.objects.filter(target_type="venues.venue").count() == 1


def test_the_figures_page_counts_the_closures(login_as, closed):
    page = login_as("commander").get("/venues/figures/").content.decode()
    assert "KTV" in page
