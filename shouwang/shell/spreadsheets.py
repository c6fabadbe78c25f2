"""xlsx files for every export, written row by row so big lists stay small in memory.

Rows are written as they come into a temporary file, which the response streams
(`xlsx_file_response`): an export of a million rows holds one row, never the list. The writer
is this module's own, a workbook of one sheet holding text, numbers, booleans and dates:
openpyxl's write-only mode, which builds an element tree per cell in pure Python, wrote some
2,500 rows of twenty cells a second, too slow for a bureau's 100,000 passages in a request.

Every string is written as an inline string, which Excel and WPS show as typed ("+1", "-2+3",
"@SUM(A1)" included) and never as a formula or an error value: names and notes come from the
public and from imported lists, so "=HYPERLINK(...)" must reach the reader as text.
"""

import math
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from typing import Any, BinaryIO
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_WRITE = 500

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_PACKAGE_RELATIONSHIPS = (
    _HEAD + f'<Relationships xmlns="{_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELATIONSHIPS = (
    _HEAD + f'<Relationships xmlns="{_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Cell styles: 0 plain, 1 date, 2 date and time, 3 time of day.
_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# Characters XML 1.0 cannot hold (and lone surrogates, which UTF-8 cannot): left out.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
_NUMBERS = (int, float, Decimal)
_MAX_SHEET_NAME = 31


def _column_letters(index: int) -> str:
    """A for 0, Z for 25, AA for 26…"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_COLUMNS = [_column_letters(index) for index in range(702)]  # A … ZZ, more made on demand


def _text(reference: str, value: str) -> str:
    text = escape(_UNWRITABLE.sub("", value))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{reference}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _serial(moment: datetime) -> float:
    delta = moment - _EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def _cell(reference: str, value: Any) -> str:
    """One cell's XML; "" for an empty one."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _text(reference, value)
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, _NUMBERS):
        if isinstance(value, Decimal):
            shown = format(value, "f") if value.is_finite() else ""
        elif isinstance(value, float):
            shown = repr(value) if math.isfinite(value) else ""
        else:
            shown = str(value)
        if not shown:  # NaN or infinity: no number Excel reads, so its text
            return _text(reference, str(value))
        return f'<c r="{reference}"><v>{shown}</v></c>'
    if isinstance(value, datetime):
        if timezone.is_aware(value):  # Excel has no time zones: the local wall clock
            value = timezone.make_naive(value)
        return f'<c r="{reference}" s="2"><v>{_serial(value)!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{reference}" s="1"><v>{(value - _EPOCH.date()).days}</v></c>'
    if isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return (
            f'<c r="{reference}" s="3"><v>{(seconds + value.microsecond / 1e6) / 86400!r}</v></c>'
        )
    return _text(reference, str(value))


def _row(number: int, values: Sequence[Any]) -> str:
    while len(_COLUMNS) < len(values):
        _COLUMNS.append(_column_letters(len(_COLUMNS)))
    cells = "".join(
        _cell(f"{_COLUMNS[index]}{number}", value) for index, value in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def _sheet_name(name: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", _UNWRITABLE.sub("", name))[:_MAX_SHEET_NAME]
    return name.strip("'") or "Sheet1"


def xlsx_write(
    file: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1"
) -> None:
    """Write a workbook of one sheet, the headers then the rows, into `file` (seekable).

    Rows are taken one at a time and written on (a few hundred at once), never kept: a
    generator of a million rows costs the memory of one.
    """
    workbook = (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}"><sheets>'
        f'<sheet name={quoteattr(_sheet_name(sheet))} sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _PACKAGE_RELATIONSHIPS)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELATIONSHIPS)
        package.writestr("xl/styles.xml", _STYLES)
        # Up to 2 GiB of sheet, far beyond any export's row limit, without ZIP64 headers.
        with package.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            pending = [_row(1, [str(header) for header in headers])]
            for number, values in enumerate(rows, start=2):
                pending.append(_row(number, values))
                if len(pending) >= ROWS_PER_WRITE:
                    part.write("".join(pending).encode())
                    pending.clear()
            pending.append("</sheetData></worksheet>")
            part.write("".join(pending).encode())


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
    file = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    try:
        xlsx_write(file, headers, rows)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(file, content_type=XLSX_TYPE)
    _attachment(response, filename)
    return response
