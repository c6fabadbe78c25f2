"""Parsing an untrusted spreadsheet in a child process that cannot take the server down.

The checks before parsing (`workbook_safety`) read what a file declares; a file can lie (a last
cell far beyond its declared dimension, no dimension at all, a member that inflates past its
declared size). So the parse runs in a forked child with an address-space limit
(RLIMIT_AS, the parent's size plus `parse_memory_bytes`) and a CPU limit: python-calamine asked
for 512 GB aborts the child, not the worker, and the caller gets a Chinese refusal. Inside the
child every sheet's real extent is checked against the row, column and cell caps before it is
turned into Python lists, and cells longer than Excel's own limit are refused.

Only `build`'s result comes back (pickled through a pipe): callers pass a function that keeps
what they need (one sheet's table, say), and nothing parsed outlives the call in the parent.
"""

import csv
import faulthandler
import io
import multiprocessing
import os
import resource
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from .workbook_safety import WorkbookLimits, check_extent, check_workbook, refuse, workbook_limits

T = TypeVar("T")
Sheet = tuple[str, list[list[Any]]]
UNREADABLE = "无法读取该文件，请上传 xlsx 或 csv 格式的名单"


def read_bounded(
    build: Callable[[Iterator[Sheet]], T],
    content: bytes,
    filename: str,
    limits: WorkbookLimits | None = None,
) -> T:
    """`build(sheets)` run in a memory-limited child; its ValidationError is raised here."""
    limits = limits or workbook_limits()
    kind = check_workbook(content, filename, limits)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sender, build, content, kind, limits), name="workbook-parse"
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.parse_seconds):
            raise refuse(_("读取文件超时，请删除多余的内容或分成几个文件导入"))
        outcome, value = receiver.recv()
    except EOFError:
        outcome, value = "died", None  # killed by its limits before it could answer
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "ok":
        return value
    if outcome == "refused":
        raise ValidationError(value)
    if outcome == "error":
        raise refuse(_(UNREADABLE))
    raise refuse(
        _("文件超出读取限制（内存%(mb)sMB），可能已损坏或含大量空白行列，请另存后重试")
        % {"mb": limits.parse_memory_bytes // 2**20}
    )


def _child(sender, build, content: bytes, kind: str, limits: WorkbookLimits) -> None:
    faulthandler.disable()  # an abort at the memory limit is an answer here, not a crash to dump
    try:
        _limit_self(limits)
        answer = ("ok", build(iter_sheets(content, kind, limits)))
    except ValidationError as error:
        answer = ("refused", error.message_dict if hasattr(error, "error_dict") else error.messages)
    except MemoryError:
        answer = ("died", None)
    except Exception as error:  # calamine's own errors: a damaged file, not a server fault
        answer = ("error", f"{type(error).__name__}: {error}"[:300])
    try:
        sender.send(answer)
    except MemoryError:
        sender.send(("died", None))
    sender.close()


def _limit_self(limits: WorkbookLimits) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * page
    _lower(resource.RLIMIT_AS, mapped + limits.parse_memory_bytes)
    _lower(resource.RLIMIT_CPU, limits.parse_seconds)


def _lower(which: int, value: int) -> None:
    _soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


def iter_sheets(content: bytes, kind: str, limits: WorkbookLimits) -> Iterator[Sheet]:
    """(name, rows from A1) per sheet, each checked against the caps before it is converted."""
    if kind == "csv":
        yield "CSV", _csv_rows(content, limits)
        return
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception:
        raise refuse(_(UNREADABLE)) from None
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.end is None:
            yield name, []
            continue
        last_row, last_column = sheet.end
        check_extent(name, last_row + 1, last_column + 1, limits)
        rows = sheet.to_python(skip_empty_area=False)
        _check_cells(name, rows, limits)
        yield name, rows


def _check_cells(sheet: str, rows: list[list[Any]], limits: WorkbookLimits) -> None:
    for number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
                raise refuse(
                    _("工作表“%(sheet)s”第%(row)s行第%(column)s列的内容超过%(max)s个字符")
                    % {
                        "sheet": sheet,
                        "row": number,
                        "column": column,
                        "max": limits.max_cell_chars,
                    }
                )


def _csv_rows(content: bytes, limits: WorkbookLimits) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise refuse(_("无法识别 csv 文件的编码，请另存为 UTF-8"))
    csv.field_size_limit(limits.max_cell_chars)  # this process only: the child
    reader = csv.reader(io.StringIO(text))
    rows, cells = [], 0
    try:
        for row in reader:
            rows.append(row)
            cells += len(row)
            if len(rows) > limits.max_rows or len(row) > limits.max_columns:
                check_extent("CSV", len(rows), len(row), limits)
            if cells > limits.max_cells:
                raise refuse(
                    _("文件超过%(max)s个单元格，请分成几个文件导入") % {"max": limits.max_cells}
                )
    except csv.Error:
        raise refuse(
            _("csv 第%(line)s行格式错误或单元格超过%(max)s个字符")
            % {"line": reader.line_num, "max": limits.max_cell_chars}
        ) from None
    return rows
