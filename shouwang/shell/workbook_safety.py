"""Checks an untrusted spreadsheet upload before anything parses it.

A 1.6 KB xlsx can declare a sheet up to XFD1048576 and a 1 MB zip can inflate to 1 GB, so every
import looks at the container first: what the file really is (by its bytes, not its name), the
zip's member count and declared sizes, each worksheet's declared dimension (the first few KB of
the member, read through zipfile's streaming reader) and formula cells. Nothing here holds more
than one 64 KB chunk of inflated data at a time. What a file can hide from these checks (a real
last cell beyond the declared dimension, no dimension at all) is bounded again by the parse
itself, in a child process with a memory limit (`workbook_reading`).
"""

import html
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXTENSIONS = (".xlsx", ".xls", ".ods", ".csv")
CHUNK = 64 * 1024
HEAD = 4 * 1024
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\""
)
_WORKSHEET = re.compile(rb"<(\w+:)?worksheet[\s>]")
# Bytes no text file has: NUL and the C0 controls other than tab, line feed, carriage return.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class WorkbookLimits:
    """Caps for one uploaded list; `SHOUWANG_WORKBOOK_LIMITS` (a dict) overrides any of them."""

    max_upload_bytes: int = 50 * 2**20
    max_xls_bytes: int = 20 * 2**20
    max_members: int = 200
    max_inflated_bytes: int = 300 * 2**20
    max_member_bytes: int = 250 * 2**20
    # Spreadsheet XML compresses 5-30x; zip bombs 1000x. Checked only on members past 1 MB,
    # where a high ratio means a mostly repeated payload rather than a small styled part.
    max_ratio: int = 200
    ratio_floor_bytes: int = 2**20
    max_rows: int = 200_000
    max_columns: int = 256
    max_cells: int = 5_000_000
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    parse_memory_bytes: int = 2 * 2**30
    parse_seconds: int = 600


def workbook_limits() -> WorkbookLimits:
    return WorkbookLimits(**getattr(settings, "SHOUWANG_WORKBOOK_LIMITS", {}))


def read_upload(upload: Any, limits: WorkbookLimits | None = None) -> bytes:
    """An uploaded file's bytes, refused before reading when it is over the upload cap."""
    limits = limits or workbook_limits()
    if (upload.size or 0) > limits.max_upload_bytes:
        raise refuse(_("文件过大（上限%(mb)sMB）") % {"mb": limits.max_upload_bytes // 2**20})
    return upload.read(limits.max_upload_bytes + 1)


def refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def check_workbook(content: bytes, filename: str, limits: WorkbookLimits | None = None) -> str:
    """The kind of the upload ("xlsx", "ods", "xls" or "csv"), or a Chinese refusal.

    Decided by the bytes: a PNG renamed .xlsx or a zip of photos is refused, an xlsx saved with
    the .xls name is read as what it is.
    """
    limits = limits or workbook_limits()
    name = filename.lower()
    if not name.endswith(EXTENSIONS):
        raise refuse(_("只支持 xlsx、xls、ods 或 csv 文件"))
    if not content:
        raise refuse(_("请选择要导入的文件"))
    if len(content) > limits.max_upload_bytes:
        raise refuse(_("文件过大（上限%(mb)sMB）") % {"mb": limits.max_upload_bytes // 2**20})
    if name.endswith(".csv"):
        _check_csv(content, limits)
        return "csv"
    if content.startswith(ZIP_MAGIC):
        return _check_zip(content, limits)
    if content.startswith(OLE_MAGIC) and not name.endswith(".xls"):
        raise refuse(_("工作簿已加密或为旧版格式，请取消密码并另存为 xlsx 后上传"))
    if content.startswith(OLE_MAGIC):
        if len(content) > limits.max_xls_bytes:
            raise refuse(
                _("xls 文件过大（上限%(mb)sMB），请另存为 xlsx 后上传")
                % {"mb": limits.max_xls_bytes // 2**20}
            )
        return "xls"
    raise refuse(_("文件内容不是 Excel 或 WPS 工作簿（可能只是改了扩展名），请另存为 xlsx 后上传"))


def _check_csv(content: bytes, limits: WorkbookLimits) -> None:
    if _BINARY.search(content):
        raise refuse(_("csv 文件含有二进制内容，不是文本表格，请另存为 UTF-8 编码的 csv"))
    lines = content.count(b"\n") + 1
    if lines > limits.max_rows + 10:
        raise refuse(
            _("文件有%(n)s行，超过上限%(max)s行，请分成几个文件导入")
            % {"n": lines, "max": limits.max_rows}
        )


def _check_zip(content: bytes, limits: WorkbookLimits) -> str:
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise refuse(_("文件已损坏，无法读取，请用 Excel 或 WPS 重新保存后上传")) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" in names:
        kind = "xlsx"
    elif "content.xml" in names and "mimetype" in names:
        kind = "ods"
    else:
        raise refuse(_("压缩包不是 Excel 或 WPS 工作簿，请上传 xlsx、ods 或 csv 文件"))
    if len(members) > limits.max_members:
        raise refuse(_("工作簿结构异常（含%(n)s个部件），拒绝读取") % {"n": len(members)})
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise refuse(_("工作簿已加密，请取消密码后上传"))
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if (
            member.file_size > limits.max_member_bytes
            or total > limits.max_inflated_bytes
            or (member.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio)
        ):
            raise refuse(
                _("工作簿解压后过大（%(mb)sMB，压缩比%(ratio)s倍），疑似压缩炸弹，拒绝读取")
                % {"mb": max(member.file_size, total) // 2**20, "ratio": int(ratio)}
            )
    try:
        names = _sheet_names(archive) if kind == "xlsx" else {}
        for member in members:
            if _is_sheet(archive, member, kind):
                label = names.get(member.filename) or _("工作簿")
                _check_sheet(archive, member, kind, label, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        # A member whose bytes disagree with its declared size or checksum, or an unknown
        # compression method: nothing an office suite writes.
        raise refuse(_("文件已损坏，无法读取，请用 Excel 或 WPS 重新保存后上传")) from None
    return kind


def _is_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, kind: str) -> bool:
    if kind == "ods":
        return member.filename == "content.xml"
    if not member.filename.lower().endswith(".xml") or member.filename.startswith("[Content"):
        return False
    # A worksheet is found by its root element, not its name: calamine follows the
    # workbook's relationships, and a part may be called anything.
    with archive.open(member) as stream:
        return _WORKSHEET.search(stream.read(HEAD)) is not None


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """{part path: sheet name as the user sees it}, read from the first 256 KB of two parts."""

    def head(name: str) -> str:
        try:
            with archive.open(name) as stream:
                return stream.read(256 * 1024).decode("utf-8", "replace")
        except KeyError:
            return ""

    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\s[^>]*>", head("xl/_rels/workbook.xml.rels")):
        found = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        target = found.get("Target", "").lstrip("/")
        targets[found.get("Id")] = target if target.startswith("xl/") else f"xl/{target}"
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\s[^>]*>", head("xl/workbook.xml")):
        found = dict(re.findall(r'(?:\w+:)?(\w+)="([^"]*)"', tag))
        if found.get("id") in targets:
            names[targets[found["id"]]] = html.unescape(found.get("name", ""))
    return names


def _check_sheet(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    kind: str,
    label: str,
    limits: WorkbookLimits,
) -> None:
    """The declared dimension from the head, then formulas in the whole part, chunk by chunk.

    Formulas are found with plain byte searches (a regular expression took seconds on a
    100,000-row sheet): `<f>`, `<f t="shared" …/>` in a worksheet (text cannot hold a raw `<`),
    with the root element's namespace prefix if it has one; `table:formula="` in an ods.
    """
    with archive.open(member) as stream:
        head = stream.read(HEAD)
        if kind == "xlsx":
            _check_dimension(head, label, limits)
            root = _WORKSHEET.search(head)
            tag = b"<" + (root[1] if root and root[1] else b"") + b"f"
            needles = (tag + b">", tag + b" ", tag + b"/", tag + b"\t", tag + b"\n")
        else:
            needles = (b' table:formula="', b'\ttable:formula="', b'\ntable:formula="')
        tail, chunk = b"", head
        while chunk:
            window = tail + chunk
            if any(needle in window for needle in needles):
                raise refuse(
                    _("工作表“%(sheet)s”含有公式：请全选后复制，“选择性粘贴→数值”，保存后再上传")
                    % {"sheet": label}
                )
            tail = window[-32:]
            chunk = stream.read(CHUNK)


def _check_dimension(head: bytes, label: str, limits: WorkbookLimits) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return  # no dimension declared: the bounded parse checks the real extent
    last_column, last_row = (match[3], match[4]) if match[3] else (match[1], match[2])
    rows, columns = int(last_row), column_number(last_column.decode())
    check_extent(label, rows, columns, limits)


def check_extent(sheet: str, rows: int, columns: int, limits: WorkbookLimits) -> None:
    """Refuse a sheet reaching past the row, column or cell caps (counted from A1)."""
    if rows > limits.max_rows or columns > limits.max_columns or rows * columns > limits.max_cells:
        raise refuse(
            _(
                "工作表“%(sheet)s”范围达%(rows)s行×%(columns)s列，超过上限"
                "（最多%(max_rows)s行、%(max_columns)s列），请删除多余的行列或分成几个文件"
            )
            % {
                "sheet": sheet,
                "rows": rows,
                "columns": columns,
                "max_rows": limits.max_rows,
                "max_columns": limits.max_columns,
            }
        )


def column_number(letters: str) -> int:
    """ "A" → 1, "XFD" → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
