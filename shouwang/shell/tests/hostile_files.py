"""A corpus of hostile uploads, generated small and fast: none is ever inflated here.

Each builder returns (filename, bytes). The workbooks are written part by part with zipfile so
that they can say what no office suite would (a cell at XFD1048576, a 1 GB member).
"""

import base64
import hashlib
import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_PARTS = {
    "[Content_Types].xml": _CONTENT_TYPES,
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_NS}" '
    f'xmlns:r="{_REL}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
    f'xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _worksheet(rows: str, dimension: str | None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}">{declared}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def xlsx_parts(sheet_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def dimension_bomb() -> tuple[str, bytes]:
    """1.6 KB: one cell at XFD1048576, the sheet declared A1:XFD1048576 (the reported file)."""
    row = f'<row r="1048576">{_cell("XFD1048576", "x")}</row>'
    return "dimension-bomb.xlsx", xlsx_parts(_worksheet(row, "A1:XFD1048576"))


def undeclared_dimension_bomb() -> tuple[str, bytes]:
    """The same last cell with no <dimension>: only the parse can see how far the sheet goes."""
    row = f'<row r="1048576">{_cell("XFD1048576", "x")}</row>'
    return "undeclared-bomb.xlsx", xlsx_parts(_worksheet(row, None))


def sparse_bomb() -> tuple[str, bytes]:
    """A1 and XFD1048576, declared as A1:A1: python-calamine asks for 512 GB reading it."""
    rows = f'{HEADER}<row r="1048576">{_cell("XFD1048576", "x")}</row>'
    return "sparse-bomb.xlsx", xlsx_parts(_worksheet(rows, "A1"))


def formula_workbook() -> tuple[str, bytes]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号", "手机号"])
    sheet.append(["张三", "", '=HYPERLINK("http://example.invalid","点我")'])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "formulas.xlsx", buffer.getvalue()


def zip_bomb(inflated: int = 2**30) -> tuple[str, bytes]:
    """A worksheet member of `inflated` bytes of zeros in about 1 MB, built without inflating.

    One 1 MiB block of zeros is deflated once, ended with a full flush (so that the next copy
    does not refer back to it), and repeated; the CRC of the zeros is computed chunk by chunk.
    """
    block_size = 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(block_size)) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = inflated // block_size
    data = block * copies + compressor.flush()
    crc, zeros = 0, bytes(block_size)
    for _ in range(copies):
        crc = zlib.crc32(zeros, crc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
    # Append the bomb member by hand: zipfile would inflate nothing, but it would deflate 1 GB.
    return "zip-bomb.xlsx", _append_member(
        buffer.getvalue(), "xl/worksheets/sheet1.xml", data, crc, copies * block_size
    )


def _append_member(archive: bytes, name: str, data: bytes, crc: int, size: int) -> bytes:
    end = archive.rindex(b"PK\x05\x06")
    (entries, directory_size, directory_offset) = struct.unpack(
        "<HII", archive[end + 10 : end + 20]
    )
    body, directory = archive[:directory_offset], archive[directory_offset:end]
    encoded = name.encode()
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        len(body),
    )
    new_body = body + local + encoded + data
    new_directory = directory + central + encoded
    tail = struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        entries + 1,
        entries + 1,
        len(new_directory),
        len(new_body),
        0,
    )
    return new_body + new_directory + tail


def png_renamed() -> tuple[str, bytes]:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81"
        b"\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return "名单.xlsx", png


def zip_of_photos() -> tuple[str, bytes]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo1.jpg", b"\xff\xd8\xff\xe0 not really a photo")
        archive.writestr("readme.txt", "名单见附件")
    return "名单.xlsx", buffer.getvalue()


def binary_csv() -> tuple[str, bytes]:
    return (
        "名单.csv",
        "姓名,身份证号,手机号\n张三,,13800000001\n".encode() + b"\x00\x01\x02\xff" * 64,
    )


def wide_row(declared: bool = True) -> tuple[str, bytes]:
    """A row of 20,000 cells (more than the format's 16,384 columns: cells without a reference
    just go on to the right); declared as A1:XFD2, or with no dimension for the parse to find."""
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 20_000
    rows = f'{HEADER}<row r="2">{cells}</row>'
    return "wide.xlsx", xlsx_parts(_worksheet(rows, "A1:XFD2" if declared else None))


def wide_csv() -> tuple[str, bytes]:
    return "wide.csv", ("姓名,身份证号,手机号\n" + ",".join(["x"] * 20_000) + "\n").encode()


def huge_cell_text() -> str:
    """10 MB of letters that do not compress away (so no ratio check catches them)."""
    return base64.b64encode(hashlib.shake_256(b"shouwang").digest(7_500_000)).decode()


def huge_cell_xlsx() -> tuple[str, bytes]:
    rows = (
        '<row r="1">'
        + _cell("A1", "姓名")
        + _cell("B1", "身份证号")
        + _cell("C1", "手机号")
        + '</row><row r="2">'
        + _cell("A2", huge_cell_text())
        + "</row>"
    )
    return "huge-cell.xlsx", xlsx_parts(_worksheet(rows, "A1:C2"))


def huge_cell_csv() -> tuple[str, bytes]:
    return "huge-cell.csv", f"姓名,身份证号,手机号\n{huge_cell_text()},,13800000001\n".encode()
