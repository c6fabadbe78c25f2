from io import BytesIO

from openpyxl import load_workbook

from shouwang.audit.models import AccessEvent

from .factories import passage_data


def test_passage_export_is_a_post_and_keeps_formula_like_text_as_text(login_as, staff, checkpoints):
    from shouwang.checkpoints.services import passage_register

    passage = passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"],
            purpose='=HYPERLINK("http://x","click")',
            destination="@SUM(A1)",
            occupants=[{"name": "-张三+1", "id_number": "610824198801150717"}],
        ),
    )
    client = login_as("chief1")
    assert client.get("/checkpoints/passages/export/").status_code == 405
    response = client.post("/checkpoints/passages/export/", {"full": "on", "reason": "案件协查"})
    sheet = load_workbook(BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    row = {header[index]: cell for index, cell in enumerate(sheet[2])}
    # Stored as normalised on registration (upper case), never made a formula.
    assert passage.purpose == '=HYPERLINK("HTTP://X","CLICK")'
    assert (row["事由"].value, row["事由"].data_type) == (passage.purpose, "s")
    assert (row["去往"].value, row["去往"].data_type) == (passage.destination, "s")
    assert passage.destination.startswith("@")
    assert (row["人员"].value, row["人员"].data_type) == ("-张三+1 610824198801150717", "s")
    assert AccessEvent.objects.get().reason == "案件协查"


def test_passage_search_by_id_number_is_posted_and_kept_out_of_the_url(
    login_as, staff, checkpoints
):
    from shouwang.checkpoints.services import passage_register

    passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"], occupants=[{"name": "李四", "id_number": "610824198801150717"}]
        ),
    )
    client = login_as("chief1")
    response = client.post("/checkpoints/passages/", {"q": "610824198801150717", "plate": ""})
    assert response.status_code == 302
    assert "610824198801150717" not in response["Location"]
    assert response["Location"].startswith("/checkpoints/passages/?search=")
    page = client.get(response["Location"]).content.decode()
    assert "陕K12345" in page
