from io import BytesIO

import pytest
from openpyxl import load_workbook

from shouwang.shell.spreadsheets import xlsx_bytes

# A carriage return is normalised to a line feed by any XML reader, so "\r=1" is left out of the
# exact comparison; like every string it is written as an inline string.
HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "#N/A"]


def read_back(content: bytes) -> list[list[tuple[object, str]]]:
    sheet = load_workbook(BytesIO(content)).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    rows = read_back(xlsx_bytes(["姓名"], [[text]]))
    assert rows[1] == [(text, "s")]


def test_a_header_starting_with_equals_stays_text_and_other_types_are_kept():
    rows = read_back(xlsx_bytes(["=表头", "数"], [["=1+1", 3]]))
    assert rows == [[("=表头", "s"), ("数", "s")], [("=1+1", "s"), (3, "n")]]


def test_no_cell_of_the_file_holds_a_formula():
    import zipfile

    content = xlsx_bytes(["h"], [HOSTILE])
    sheet_xml = zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and sheet_xml.count('t="inlineStr"') == len(HOSTILE) + 1
