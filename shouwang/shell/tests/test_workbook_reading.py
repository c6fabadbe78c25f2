import resource
import time

import pytest
from django.core.exceptions import ValidationError

from shouwang.shell.workbook_reading import read_bounded
from shouwang.shell.workbook_safety import WorkbookLimits

from . import hostile_files


def _all_sheets(sheets):
    return list(sheets)


def _refusal(content: bytes, filename: str, build=_all_sheets, limits=None) -> str:
    with pytest.raises(ValidationError) as error:
        read_bounded(build, content, filename, limits)
    (message,) = error.value.message_dict["file"]
    return message


def test_only_what_build_keeps_comes_back_from_the_child():
    content = "姓名,手机号\n张三,13800000001\n".encode()
    assert read_bounded(_all_sheets, content, "a.csv") == [
        ("CSV", [["姓名", "手机号"], ["张三", "13800000001"]])
    ]
    first_cells = read_bounded(lambda sheets: [rows[0][0] for _n, rows in sheets], content, "a.csv")
    assert first_cells == ["姓名"]


def test_a_refusal_raised_by_build_in_the_child_reaches_the_caller():
    def refuse(sheets):
        raise ValidationError({"file": "缺少“姓名”列"})

    assert _refusal(b"a,b\n", "a.csv", refuse) == "缺少“姓名”列"


def test_a_parse_that_asks_for_512_gb_kills_only_the_child():
    _name, bomb = hostile_files.sparse_bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert _refusal(bomb, "a.xlsx") == (
        "文件超出读取限制（内存2048MB），可能已损坏或含大量空白行列，请另存后重试"
    )
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024


def test_the_real_extent_is_checked_before_the_sheet_becomes_python_lists():
    _name, bomb = hostile_files.undeclared_dimension_bomb()
    assert "范围达1048576行×16384列" in _refusal(bomb, "a.xlsx")
    assert _refusal(b"a\nb\nc\n", "a.csv", limits=WorkbookLimits(max_rows=2)) == (
        "工作表“CSV”范围达3行×1列，超过上限（最多2行、256列），请删除多余的行列或分成几个文件"
    )


def test_a_parse_that_runs_too_long_is_stopped():
    def slow(sheets):
        time.sleep(30)

    started = time.monotonic()
    message = _refusal(b"a\n", "a.csv", slow, WorkbookLimits(parse_seconds=1))
    assert message == "读取文件超时，请删除多余的内容或分成几个文件导入"
    assert time.monotonic() - started < 10


def test_a_damaged_workbook_is_refused_not_raised():
    content = hostile_files.xlsx_parts("<worksheet><sheetData><row><c r=")
    assert _refusal(content, "a.xlsx") == "无法读取该文件，请上传 xlsx 或 csv 格式的名单"
