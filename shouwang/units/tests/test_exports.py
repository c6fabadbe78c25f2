from io import BytesIO

from openpyxl import load_workbook


def test_unit_export_is_a_post_and_writes_a_formula_like_name_as_text(login_as, bureau):
    from shouwang.units.models import Unit

    Unit.objects.filter(pk=bureau["北门社区"].pk).update(name='=HYPERLINK("http://x","click")')
    client = login_as("chief1")
    assert client.get("/units/export/").status_code == 405
    sheet = load_workbook(BytesIO(client.post("/units/export/").getvalue())).active
    names = {(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=2)}
    assert ('=HYPERLINK("http://x","click")', "s") in names
