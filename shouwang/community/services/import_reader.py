"""Reading a list of addresses and households (xlsx or csv), row by row, errors in Chinese.

One row per resident (the address repeated on each), or one row per household with the
resident's columns left blank. The file is parsed in the memory-limited child of
`shell.workbook_reading.read_bounded`; only the template's columns come back from it.
"""

import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.identity import to_simplified
from shouwang.privacy.identifiers import identifiers_read
from shouwang.shell.tables import Table, cell_text, find_table, row_error, table_cells
from shouwang.shell.workbook_reading import read_bounded

from .common import (
    PART_LABELS,
    address_errors,
    address_part,
    member_name_error,
    plates_read,
    simplified,
)

# Template column → field.
COLUMNS = {
    "社区/村": "unit",
    "楼栋": "building",
    "单元": "entrance",
    "房号": "room",
    "地址": "address_text",
    "姓名": "name",
    "身份证号": "id_number",
    "手机号": "phone",
    "与户主关系": "relation",
    "车牌": "plates",
}
REQUIRED_COLUMNS = ("社区/村", "楼栋", "房号")
TEMPLATE_EXAMPLE = [
    ["北门社区", "34号楼", "2单元", "601", "", "张三", "", "13800000000", "户主", "陕K12345"],
    ["北门社区", "34号楼", "2单元", "601", "", "李四", "", "", "配偶", ""],
    ["北门社区", "34号楼", "2单元", "602", "", "", "", "", "", ""],
]
LIMITS = {"building": 30, "entrance": 20, "room": 20}
_PLATE_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def address(self) -> tuple[int, str, str, str]:
        values = self.values
        return values["unit_id"], values["building"], values["entrance"], values["room"]

    @property
    def member_key(self) -> str:
        """The resident's key within his household: his ID's blind index, else his name."""
        values = self.values
        if not values.get("name"):
            return ""
        return values["id_number_index"] or f"name:{values['name']}"

    @property
    def address_label(self) -> str:
        values = self.values
        parts = (
            values.get("unit_name", ""),
            values["building"],
            values["entrance"],
            values["room"],
        )
        return " ".join(part for part in parts if part)[:120]


def read_table(content: bytes, filename: str) -> Table:
    return read_bounded(
        partial(find_table, columns=COLUMNS, required=REQUIRED_COLUMNS, anchor="楼栋"),
        content,
        filename,
    )


def parse_rows(
    table: Table,
    units: Mapping[str, int],
    start: int = 0,
    stop: int | None = None,
    only: Container[int] | None = None,
) -> Iterator[ParsedRow]:
    """Validate rows [start, stop) (those numbered in `only`, when given); `units` maps the
    names of the communities and villages the importer reaches to their ids."""
    today = timezone.localdate()
    home = settings.SHOUWANG_HOME_PLATE_PREFIXES
    for number, cells in table_cells(table, start, stop):
        if only is None or number in only:
            yield _parsed(number, cells, units, today, home)


def _parsed(number: int, cells: dict[str, Any], units, today, home) -> ParsedRow:
    row = ParsedRow(number)
    values = row.values
    unit_name = simplified(cell_text(cells.get("unit")))
    values["unit_name"] = unit_name
    values["unit_id"] = units.get(unit_name, 0)
    if not unit_name:
        row.errors.append(row_error(number, "社区/村", _("不能为空")))
    elif not values["unit_id"]:
        row.errors.append(
            row_error(
                number, "社区/村", _("“%(v)s”不是本单位辖区内的社区或村") % {"v": unit_name[:30]}
            )
        )
    for part in ("building", "entrance", "room"):
        values[part] = address_part(cell_text(cells.get(part)))
    for part, message in address_errors(
        building=values["building"], entrance=values["entrance"], room=values["room"], limits=LIMITS
    ).items():
        row.errors.append(row_error(number, PART_LABELS[part], message))
    values["address_text"] = to_simplified(cell_text(cells.get("address_text")))[:200]
    plates = cell_text(cells.get("plates"))
    values["plates"] = []
    if plates:
        try:
            values["plates"] = plates_read(_PLATE_SEPARATORS.split(plates), home)
        except ValidationError as error:
            row.errors.append(row_error(number, "车牌", "；".join(error.messages)))
    _member(row, cells, today)
    return row


def _member(row: ParsedRow, cells: dict[str, Any], today) -> None:
    number, values = row.number, row.values
    values["name"] = to_simplified(cell_text(cells.get("name")))
    id_text, phone_text = cell_text(cells.get("id_number")), cell_text(cells.get("phone"))
    identifiers, errors = identifiers_read(id_number=id_text, phone=phone_text, today=today)
    values.update(identifiers.columns())
    values["relation"] = simplified(cell_text(cells.get("relation")))[:20]
    if not values["name"]:
        if id_text or phone_text:
            row.errors.append(row_error(number, "姓名", _("填写了身份证号或手机号，请填写姓名")))
        return
    if message := member_name_error(values["name"], 50):
        row.errors.append(row_error(number, "姓名", message))
    for name, label in (("id_number", "身份证号"), ("phone", "手机号")):
        if name in errors:
            row.errors.append(row_error(number, label, errors[name]))
