import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from shouwang.shell.workbook_safety import (
    OLE_MAGIC,
    WorkbookLimits,
    check_workbook,
    column_number,
)

from . import hostile_files


def _xlsx(rows, title="名单") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods(content_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content_xml)
    return buffer.getvalue()


def _refusal(content: bytes, filename: str, limits: WorkbookLimits | None = None) -> str:
    with pytest.raises(ValidationError) as error:
        check_workbook(content, filename, limits)
    (message,) = error.value.message_dict["file"]
    return message


def test_an_ordinary_list_passes_in_every_format():
    rows = [["姓名", "身份证号", "手机号"], ["张三", "", "13800000001"]]
    assert check_workbook(_xlsx(rows), "名单.xlsx") == "xlsx"
    assert check_workbook(_xlsx(rows), "名单.xls") == "xlsx"  # saved as xlsx, named .xls
    assert check_workbook("姓名,手机号\r\n张三,13800000001\r\n".encode(), "a.csv") == "csv"
    assert check_workbook(OLE_MAGIC + bytes(512), "a.xls") == "xls"
    # LibreOffice writes the empty rest of a sheet as one row repeated a million times.
    trailing = '<table:table-row table:number-rows-repeated="1048575"><table:table-cell/>'
    assert check_workbook(_ods(f"<office:document-content>{trailing}"), "a.ods") == "ods"


def test_the_dimension_is_read_from_the_head_with_the_sheet_name_the_user_sees():
    _name, bomb = hostile_files.dimension_bomb()
    assert _refusal(bomb, "a.xlsx") == (
        "工作表“名单”范围达1048576行×16384列，超过上限（最多200000行、256列），"
        "请删除多余的行列或分成几个文件"
    )
    small = WorkbookLimits(max_rows=1)
    assert "范围达2行×3列" in _refusal(
        _xlsx([["姓名", "a", "b"], ["x", "y", "z"]]), "a.xlsx", small
    )
    assert column_number("XFD") == 16384


def test_caps_on_cells_members_and_size_are_counted_before_reading():
    assert "范围达3行×2列" in _refusal(
        _xlsx([["a", "b"], ["c", "d"], ["e", "f"]]), "a.xlsx", WorkbookLimits(max_cells=5)
    )
    assert _refusal(_xlsx([["a"]]), "a.xlsx", WorkbookLimits(max_members=3)).startswith(
        "工作簿结构异常（含"
    )
    assert _refusal(b"x" * 11, "a.csv", WorkbookLimits(max_upload_bytes=10)) == (
        "文件过大（上限0MB）"
    )
    assert _refusal(b"a\n" * 30, "a.csv", WorkbookLimits(max_rows=10)) == (
        "文件有31行，超过上限10行，请分成几个文件导入"
    )
    assert _refusal(OLE_MAGIC + bytes(64), "a.xls", WorkbookLimits(max_xls_bytes=10)) == (
        "xls 文件过大（上限0MB），请另存为 xlsx 后上传"
    )


def test_formulas_are_found_in_xlsx_and_ods():
    assert "含有公式" in _refusal(hostile_files.formula_workbook()[1], "a.xlsx")
    cell = '<table:table-cell table:formula="of:=1+1" office:value="2"/>'
    assert "含有公式" in _refusal(_ods(f"<office:document-content>{cell}"), "a.ods")


def test_wrong_kinds_are_refused_by_their_bytes():
    assert _refusal(b"%PDF-1.4", "a.pdf") == "只支持 xlsx、xls、ods 或 csv 文件"
    assert _refusal(b"", "a.xlsx") == "请选择要导入的文件"
    assert _refusal(b"PK\x03\x04broken", "a.xlsx") == (
        "文件已损坏，无法读取，请用 Excel 或 WPS 重新保存后上传"
    )
    assert _refusal(OLE_MAGIC + bytes(64), "a.xlsx") == (
        "工作簿已加密或为旧版格式，请取消密码并另存为 xlsx 后上传"
    )
    assert _refusal(b"<html><table>", "a.xls").startswith("文件内容不是 Excel 或 WPS 工作簿")


def test_an_oversized_upload_is_refused_before_it_is_read():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from shouwang.shell.workbook_safety import read_upload

    class Unreadable:
        size = 20

        def read(self, *args):
            pytest.fail("read")

    with pytest.raises(ValidationError) as error:
        read_upload(Unreadable(), WorkbookLimits(max_upload_bytes=10))
    assert error.value.message_dict == {"file": ["文件过大（上限0MB）"]}
    assert read_upload(SimpleUploadedFile("a.csv", b"a,b\n")) == b"a,b\n"
