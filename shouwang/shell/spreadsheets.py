"""xlsx files for every export, written in streaming mode so big lists stay small in memory."""

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _as_text(worksheet: Any, value: Any) -> Any:
    """A string cell that stays the text it was, never a formula or an error value.

    openpyxl turns a string starting with "=" into a formula and "#N/A" and the like into
    error values; any other string is written as an inline string, which Excel and WPS show
    as typed ("+1", "-2+3", "@SUM(A1)" included). Names and notes come from the public and
    from imported lists, so "=HYPERLINK(...)" must reach the reader as text.
    """
    if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1"
) -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append([_as_text(worksheet, value) for value in headers])
    for row in rows:
        worksheet.append([_as_text(worksheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(headers, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
