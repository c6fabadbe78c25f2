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


def test_numbers_booleans_dates_and_times_keep_their_types():
    from datetime import UTC, date, datetime, time
    from decimal import Decimal

    rows = read_back(
        xlsx_bytes(
            ["a"] * 7,
            [
                [
                    3,
                    Decimal("36.5"),
                    True,
                    date(2020, 1, 24),
                    # Aware times are written as the bureau's wall clock (Asia/Shanghai).
                    datetime(2020, 1, 24, 0, 30, tzinfo=UTC),
                    time(8, 30),
                    None,
                ]
            ],
        )
    )
    assert rows[1] == [
        (3, "n"),
        (36.5, "n"),
        (True, "b"),
        (datetime(2020, 1, 24), "d"),
        (datetime(2020, 1, 24, 8, 30), "d"),
        (time(8, 30), "d"),
        (None, "n"),
    ]


def test_characters_xml_cannot_hold_are_left_out_and_spaces_kept():
    rows = read_back(xlsx_bytes(["h"], [["a\x00b\x1fc<&>"], ["  两端空格 "]]))
    assert [row[0][0] for row in rows[1:]] == ["abc<&>", "  两端空格 "]


def test_a_file_response_streams_every_row_of_a_generator():
    from shouwang.shell.spreadsheets import xlsx_file_response

    response = xlsx_file_response("名单.xlsx", ["序号"], ([n] for n in range(3000)))
    assert response.streaming
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''%E5%90%8D%E5%8D%95.xlsx"
    rows = read_back(response.getvalue())
    assert len(rows) == 3001 and rows[-1] == [(2999, "n")]
