"""The case pages: list, new, detail with its decision and evidence, figures, export."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent
from shouwang.cases.models import Case, CaseStatus, EvidenceFile
from shouwang.cases.services import Party

from .factories import open_case, png_bytes


def test_an_officer_opens_a_case_from_the_form(login_as, staff):
    response = login_as("officer1").post(
        "/cases/new/",
        {
            "unit": staff["officer1"].unit_id,
            "kind": "gambling_gathering",
            "occurred_at": "2020-02-14T22:10",
            "place": "汇景小区棋牌室",
            "facts": "巡逻发现4人聚集打麻将",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.place, case.opened_by) == ("汇景小区棋牌室", staff["officer1"])


def test_the_auxiliary_sees_no_decision_form_and_posting_one_is_refused(login_as, staff):
    case = open_case(staff["auxiliary1"])
    client = login_as("auxiliary1")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/decision/" not in page
    assert client.post(f"/cases/{case.pk}/decision/", {"fine_amount": 200}).status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_a_chief_records_a_decision_on_the_case_page(login_as, staff):
    case = open_case(staff["officer1"])
    client = login_as("chief1")
    assert f"/cases/{case.pk}/decision/" in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(
        f"/cases/{case.pk}/decision/", {"fine_amount": "500", "detention_days": "5"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decision_text == "罚款500元、行政拘留5日"


def test_an_empty_decision_comes_back_with_its_error(login_as, staff):
    case = open_case(staff["officer1"])
    response = login_as("chief1").post(f"/cases/{case.pk}/decision/", {})
    assert response.status_code == 422
    assert "请至少选择一项处理决定" in response.content.decode()


def test_photos_are_uploaded_shown_and_a_renamed_file_is_refused(login_as, staff):
    case = open_case(staff["officer1"])
    client = login_as("officer1")
    good = SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png")
    bad = SimpleUploadedFile("照片.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    refused = client.post(f"/cases/{case.pk}/evidence/", {"files": [good, bad]})
    assert refused.status_code == 422
    assert "“照片.jpg”不是 JPEG、PNG 照片或 PDF 文件" in refused.content.decode()
    assert EvidenceFile.objects.count() == 0
    good.seek(0)
    assert client.post(f"/cases/{case.pk}/evidence/", {"files": [good]}).status_code == 302
    evidence = EvidenceFile.objects.get()
    served = client.get(f"/cases/evidence/{evidence.pk}/")
    assert (served.status_code, served["Content-Type"], served.content) == (
        200,
        "image/png",
        png_bytes(),
    )
    assert served["X-Content-Type-Options"] == "nosniff"


def test_the_export_masks_party_names_and_logs_the_export(login_as, staff):
    from shouwang.people.tests.factories import id_number, register

    person = register(staff["officer1"], name="王小明", id_number=id_number(sequence="431"))
    open_case(staff["officer1"], parties=[Party(person=person)])
    response = login_as("chief1").post("/cases/export/", {})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.getvalue())).active.values)
    assert rows[0][:3] == ("案件编号", "案件类别", "状态")
    assert rows[1][6] == "王*明"
    assert AccessEvent.objects.filter(target_type="cases.case").count() == 1


def test_an_auxiliary_may_not_export(login_as):
    assert login_as("auxiliary1").post("/cases/export/", {}).status_code == 403


def test_the_figures_page_shows_the_counts(login_as, staff):
    open_case(staff["officer1"])
    page = login_as("commander").get("/cases/figures/").content.decode()
    assert "聚众赌博" in page and "城关派出所" in page


def test_a_sibling_stations_case_page_is_not_found(login_as, staff):
    case = open_case(staff["officer2"])
    client = login_as("officer1")
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.post(f"/cases/{case.pk}/close/", {"note": "越权"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
