"""Importing a venue register: template, per-row errors, duplicates skipped, hostile files refused."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shouwang.venues.models import ImportStatus, Venue, VenueImport
from shouwang.venues.services import venue_import_create

from .factories import VALID_CODE, register_file, venue


def test_the_template_has_the_registers_columns(login_as):
    response = login_as("officer1").get("/venues/import/template/")
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0] == (
        "场所名称",
        "场所类别",
        "地址",
        "经营者",
        "联系电话",
        "统一社会信用代码",
        "所属单位",
        "备注",
    )


def test_good_rows_are_imported_bad_rows_listed_and_known_venues_skipped(staff, bureau):
    venue(staff["officer1"], name="已登记KTV", address="人民路1号")
    content = register_file(
        [
            ["金色年华KTV", "KTV", "人民路12号", "王某", "13809120001", VALID_CODE, ""],
            ["北门麻将馆", "麻将馆", "北门社区5号", "", "", "", "北门社区"],
            ["已登记KTV", "KTV", "人民路1号", "", "", "", ""],
            ["", "网吧", "东街3号", "", "", "", ""],
            ["坏号码网吧", "网咖", "东街4号", "", "12345", "91610824MA70X2Y57A", ""],
            ["外所宾馆", "宾馆", "白云村1号", "", "", "", "白云村"],
            ["某场所", "夜总会", "某路", "", "", "", ""],
        ]
    )
    job = venue_import_create(actor=staff["officer1"], filename="名册.xlsx", content=content)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.total_rows, job.created_count, job.skipped_count, job.rejected_count) == (
        7,
        2,
        1,
        4,
    )
    assert job.row_errors == [
        "第6行“场所名称”列：不能为空",
        "第7行“联系电话”列：手机号码应为11位",
        "第7行“统一社会信用代码”列：统一社会信用代码校验位错误",
        "第8行“所属单位”列：“白云村”不是本单位或下级单位",
        "第9行“场所类别”列：未知的场所类别“夜总会”",
    ]
    imported = dict(Venue.objects.exclude(name="已登记KTV").values_list("name", "unit__name"))
    assert imported == {"金色年华KTV": "城关派出所", "北门麻将馆": "北门社区"}
    ktv = Venue.objects.get(name="金色年华KTV")
    assert (ktv.kind, ktv.owner_phone, ktv.credit_code) == ("ktv", "13809120001", VALID_CODE)
    assert ktv.history.get().history_user == staff["officer1"]


def test_a_file_that_is_not_a_workbook_is_refused_before_anything_is_stored(login_as, staff):
    from shouwang.cases.tests.factories import png_bytes

    upload = SimpleUploadedFile("名册.xlsx", png_bytes(), content_type="application/vnd.ms-excel")
    response = login_as("officer1").post("/venues/import/", {"file": upload})
    assert response.status_code == 422
    assert "不是 Excel 或 WPS 工作簿" in response.content.decode()
    assert VenueImport.objects.count() == 0


def test_a_file_without_the_header_fails_with_its_reason(login_as, staff):
    content = register_file([["x", "y"]], headers=["名称", "类型"])
    upload = SimpleUploadedFile("名册.xlsx", content)
    response = login_as("officer1").post("/venues/import/", {"file": upload})
    job = VenueImport.objects.get()
    assert response["Location"] == f"/venues/import/{job.pk}/"
    assert job.status == ImportStatus.FAILED
    assert "都没有“场所名称”列" in job.error
    page = login_as("officer1").get(f"/venues/import/{job.pk}/").content.decode()
    assert "都没有“场所名称”列" in page


def test_the_auxiliary_may_not_import(login_as):
    upload = SimpleUploadedFile("名册.xlsx", register_file([]))
    assert login_as("auxiliary1").post("/venues/import/", {"file": upload}).status_code == 403
