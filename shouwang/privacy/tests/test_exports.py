"""The export-column policy (privacy.exports), proven through the people export."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent
from shouwang.people.tests.factories import id_number, register

# Each holds a letter: names without one are refused on registration, whatever they start with.
FORMULA_LIKE = ['=HYPERLINK("http://x","click")', "+1张", "@SUM(A1)", "-2+3王"]
ID_NUMBER = id_number(sequence="271")


def cells(response) -> list[list[tuple[object, str]]]:
    sheet = load_workbook(BytesIO(response.getvalue())).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def person(staff):
    return register(staff["officer1"], name="张伟", id_number=ID_NUMBER, phone="13800138000")


def test_get_on_an_export_shows_the_form_and_sends_no_file(login_as, person):
    response = login_as("officer1").get(reverse("people:export"))
    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert response["Content-Type"].startswith("text/html")
    assert 'name="reason"' in response.content.decode()
    assert AccessEvent.objects.count() == 0


def test_full_export_without_a_reason_is_refused_and_not_logged(login_as, person):
    response = login_as("officer1").post(reverse("people:export"), {"full": "on", "reason": " "})
    assert response.status_code == 422
    assert "导出完整信息须填写导出事由" in response.content.decode()
    assert AccessEvent.objects.count() == 0


def test_full_export_with_a_reason_writes_full_values_and_one_access_event(login_as, person):
    response = login_as("officer1").post(
        reverse("people:export"), {"full": "on", "reason": "报送卫健委"}
    )
    rows = cells(response)
    assert [value for value, _type in rows[1][4:6]] == [ID_NUMBER, "13800138000"]
    event = AccessEvent.objects.get()
    assert (event.action, event.reason, event.fields, event.target_ids) == (
        "export",
        "报送卫健委",
        ["full"],
        [str(person.pk)],
    )


def test_masked_export_masks_ids_and_phones_and_is_logged_with_its_reason(login_as, person):
    response = login_as("officer1").post(reverse("people:export"), {"reason": "核对名单"})
    row = [value for value, _type in cells(response)[1]]
    assert row[4:6] == [ID_NUMBER[:6] + "********" + ID_NUMBER[-4:], "138****8000"]
    event = AccessEvent.objects.get()
    assert (event.reason, event.fields) == ("核对名单", ["masked"])


def test_the_list_page_offers_a_post_export_form_with_reason(login_as, person):
    page = login_as("officer1").get(reverse("people:list")).content.decode()
    assert f'method="post" action="{reverse("people:export")}' in page
    assert 'name="reason"' in page and 'name="full"' in page
    assert f'href="{reverse("people:export")}' not in page


def test_names_that_look_like_formulas_are_exported_as_text(login_as, staff):
    for position, name in enumerate(FORMULA_LIKE):
        register(staff["officer1"], name=name, id_number=id_number(sequence=f"{300 + position}"))
    rows = cells(login_as("officer1").post(reverse("people:export")))
    names = sorted(row[1] for row in rows[1:])
    assert names == sorted((name, "s") for name in FORMULA_LIKE)
