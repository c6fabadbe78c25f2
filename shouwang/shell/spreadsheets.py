"""xlsx files for every export, written in streaming mode so big lists stay small in memory:
rows are written one at a time (openpyxl's write-only mode) into a temporary file, which the
response streams (`xlsx_file_response`)."""

import tempfile
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any, BinaryIO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
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


def xlsx_write(
    file: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1"
) -> None:
    """Write the workbook into `file`, one row at a time: openpyxl's write-only mode keeps no
    row once written, so a generator of rows is never held whole."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append([_as_text(worksheet, value) for value in headers])
    for row in rows:
        worksheet.append([_as_text(worksheet, value) for value in row])
    workbook.save(file)


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1"
) -> bytes:
    buffer = BytesIO()
    xlsx_write(buffer, headers, rows, sheet)
    return buffer.getvalue()


def _attachment(response: HttpResponseBase, filename: str) -> None:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A small workbook (a template, a few rows) answered from memory."""
    response = HttpResponse(xlsx_bytes(headers, rows), content_type=XLSX_TYPE)
    _attachment(response, filename)
    return response


def xlsx_file_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> FileResponse:
    """A workbook of any size: written to a temporary file, then streamed from it, so memory
    stays the same for ten rows or a million (the file goes when the response is closed)."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    try:
        xlsx_write(file, headers, rows)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(file, content_type=XLSX_TYPE)
    _attachment(response, filename)
    return response
