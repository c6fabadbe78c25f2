"""Finding a list in an uploaded workbook and reading its cells, for every import.

An import names its template's columns ({header: field}), the ones that must be present, and
the header that marks the header row (姓名, 名称); `find_table` runs inside the memory-limited
child of `workbook_reading.read_bounded` and returns only those columns. Row errors name the
spreadsheet row and column as the person who filled in the file sees them.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The header row is looked for in the first rows of each sheet (a title line may come first).
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    header: dict[str, int]  # field → column position
    rows: list[list[Any]]  # data rows only
    first_row_number: int  # spreadsheet row number of rows[0]


def cell_label(cell: Any) -> str:
    return str(cell).strip().replace(" ", "") if cell is not None else ""


def cell_text(cell: Any) -> str:
    """A cell as text: 13800000000.0 (how a spreadsheet keeps a typed number) reads 13800000000."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def row_error(number: int, column: str, message: str) -> str:
    return _("第%(row)s行“%(column)s”列：%(message)s") % {
        "row": number,
        "column": column,
        "message": message,
    }


def find_table(
    sheets: Iterator[tuple[str, list[list[Any]]]],
    *,
    columns: Mapping[str, str],
    required: Sequence[str],
    anchor: str,
) -> Table:
    """The first sheet's table whose header row (within the first rows) holds `anchor`.

    Only the template's columns leave the parsing process, in template order; a header row
    lacking a required column refuses the whole file.
    """
    names = []
    for name, rows in sheets:
        names.append(name)
        for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            labels = [cell_label(cell) for cell in row]
            if anchor not in labels:
                continue
            missing = [column for column in required if column not in labels]
            if missing:
                raise ValidationError(
                    {
                        "file": _("工作表“%(sheet)s”第%(row)s行缺少必需的列：%(columns)s")
                        % {"sheet": name, "row": position + 1, "columns": "、".join(missing)}
                    }
                )
            fields = {
                columns[label]: index for index, label in enumerate(labels) if label in columns
            }
            indexes = list(fields.values())
            kept = [
                [raw[index] if index < len(raw) else None for index in indexes]
                for raw in rows[position + 1 :]
            ]
            header = {field: place for place, field in enumerate(fields)}
            return Table(header, kept, position + 2)
    raise ValidationError(
        {
            "file": _(
                "未找到名单：各工作表（%(sheets)s）的前10行都没有“%(anchor)s”列，请使用导入模板"
            )
            % {"sheets": "、".join(names) or "—", "anchor": anchor}
        }
    )


def table_cells(table: Table, start: int = 0, stop: int | None = None):
    """(spreadsheet row number, {field: cell}) of rows [start, stop), blank rows skipped."""
    for offset, raw in enumerate(table.rows[start:stop], start=start):
        cells = {
            name: raw[index] if index < len(raw) else None for name, index in table.header.items()
        }
        if all(cell_text(cell) == "" for cell in cells.values()):
            continue
        yield table.first_row_number + offset, cells
