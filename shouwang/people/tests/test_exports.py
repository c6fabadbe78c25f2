"""People exports under the export-column policy: rejected rows and the liaison's list."""

from datetime import timedelta
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent
from shouwang.people.services import episode_start, import_job_create
from shouwang.shell.spreadsheets import xlsx_bytes

from .factories import TEMPLATE_HEADERS, id_number, register, wrong_checksum

# Each holds a letter: names without one are refused on registration, whatever they start with.
FORMULA_LIKE = ['=HYPERLINK("http://x","click")', "+1张", "@SUM(A1)", "-2+3王"]
BAD_ID = wrong_checksum(id_number(sequence="411"))


def sheet_cells(response) -> list[list[tuple[object, str]]]:
    sheet = load_workbook(BytesIO(response.getvalue())).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def _job_with_formula_names(officer):
    # Written as text cells, as a department's list typed in Excel would hold them.
    rows = [[name, BAD_ID, "13800000009", "", "", "", ""] for name in FORMULA_LIKE]
    content = xlsx_bytes(TEMPLATE_HEADERS, rows)
    return import_job_create(actor=officer, filename="名单.xlsx", content=content)


def test_rejected_rows_are_posted_with_a_reason_and_keep_formula_like_names_as_text(
    login_as, staff
):
    job = _job_with_formula_names(staff["officer1"])
    client = login_as("officer1")
    url = reverse("people:import_rejected", args=[job.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"full": "on"}).status_code == 422
    assert AccessEvent.objects.count() == 0

    rows = sheet_cells(client.post(url, {"full": "on", "reason": "更正后重新导入"}))
    assert [row[0] for row in rows[1:]] == [(name, "s") for name in FORMULA_LIKE]
    assert [row[1] for row in rows[1:]] == [(BAD_ID, "s")] * 4
    assert [row[-2][0] for row in rows[1:]] == [2, 3, 4, 5]
    event = AccessEvent.objects.get()
    assert (event.reason, event.fields) == ("更正后重新导入", ["full"])


def test_masked_rejected_rows_hide_the_id_number_and_phone(login_as, staff):
    job = _job_with_formula_names(staff["officer1"])
    response = login_as("officer1").post(reverse("people:import_rejected", args=[job.pk]))
    first = [value for value, _type in sheet_cells(response)[1]]
    assert first[:3] == [FORMULA_LIKE[0], BAD_ID[:6] + "********" + BAD_ID[-4:], "138****0009"]
    assert AccessEvent.objects.get().reason == "下载导入被拒绝的行"


def test_the_liaison_export_masks_names_as_the_page_does(login_as, staff):
    officer = staff["officer1"]
    number = id_number(sequence="412")
    person = register(officer, name="欧阳娜娜", id_number=number, phone="13800138000")
    episode_start(
        actor=officer,
        person=person,
        kind="home",
        start_date=timezone.localdate() - timedelta(days=1),
        officer=officer,
    )
    response = login_as("health1").post(reverse("people:liaison_export"))
    row = [value for value, _type in sheet_cells(response)[1]]
    assert row[:3] == ["欧**娜", number[:6] + "********" + number[-4:], "138****8000"]
    assert AccessEvent.objects.get().reason == "卫健对接隔离名单"
