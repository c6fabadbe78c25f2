"""Reading and validating a department's list (xlsx or csv), row by row, in Chinese."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.identity import to_simplified
from shouwang.identity.event_dates import EARLIEST_EVENT_DATE, TOO_EARLY
from shouwang.identity.names import person_name_error
from shouwang.privacy.identifiers import identifiers_read, name_phone_index
from shouwang.shell.tables import Table, cell_text, find_table, row_error, table_cells
from shouwang.shell.workbook_reading import read_bounded

from ..models import Person, TravelMeans, WatchReason
from ..places import region_code_for_place

# Template column → field; the first three must be present as columns.
COLUMNS = {
    "姓名": "name",
    "身份证号": "id_number",
    "手机号": "phone",
    "现住址": "current_address",
    "户籍地址": "household_address",
    "工作单位": "workplace",
    "来源地": "origin",
    "到达日期": "arrived_on",
    "类别": "reason",
    "交通方式": "means",
    "车次/航班/车牌": "carrier_number",
    "备注": "note",
}
REQUIRED_COLUMNS = ("姓名", "身份证号", "手机号")
NAME_MAX = Person._meta.get_field("name").max_length
TEMPLATE_EXAMPLE = [
    "张三",
    "",
    "13800000000",
    "城关镇北门社区3号楼2单元501",
    "",
    "",
    "湖北省武汉市",
    "2020-01-22",
    "重点地区来人",
    "火车",
    "G1234",
    "",
]
REASON_WORDS = {
    "重点地区来人": WatchReason.KEY_AREA_ARRIVAL,
    "重点地区": WatchReason.KEY_AREA_ARRIVAL,
    "密接": WatchReason.CLOSE_CONTACT,
    "密切接触者": WatchReason.CLOSE_CONTACT,
    "次密接": WatchReason.SECONDARY_CONTACT,
    "次密切接触者": WatchReason.SECONDARY_CONTACT,
    "发热": WatchReason.FEVER,
    "发热人员": WatchReason.FEVER,
    "返乡": WatchReason.RETURNEE,
    "返乡人员": WatchReason.RETURNEE,
    "其他": WatchReason.OTHER,
}
MEANS_WORDS = {str(label): value for value, label in TravelMeans.choices} | {
    "高铁": TravelMeans.TRAIN,
    "动车": TravelMeans.TRAIN,
    "航班": TravelMeans.FLIGHT,
    "汽车": TravelMeans.CAR,
    "私家车": TravelMeans.CAR,
    "大巴": TravelMeans.BUS,
}
# Enum `.values` builds a new list on every call: far too slow per row of a 100,000-row list.
REASON_VALUES = frozenset(WatchReason.values)
MEANS_VALUES = frozenset(TravelMeans.values)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    identity_key: str = ""


def read_table(content: bytes, filename: str) -> Table:
    """The list's header and data rows; a file without the required columns is refused whole.

    The file is parsed in a memory-limited child process (`read_bounded`); only the list's own
    columns come back from it.
    """
    return read_bounded(
        partial(find_table, columns=COLUMNS, required=REQUIRED_COLUMNS, anchor="姓名"),
        content,
        filename,
    )


def _date(cell: Any, today: date) -> date | None:
    if cell in (None, ""):
        return None
    if isinstance(cell, datetime):
        value = cell.date()
    elif isinstance(cell, date):
        value = cell
    else:
        text = cell_text(cell)
        match = _DATE.fullmatch(text) or (re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
        if not match:
            raise ValueError(_("日期格式不正确，应为 2020-01-25"))
        try:
            value = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ValueError(_("日期不存在")) from None
    if value > today:
        raise ValueError(_("日期晚于今天"))
    if value < EARLIEST_EVENT_DATE:
        raise ValueError(TOO_EARLY)
    return value


def parse_rows(table: Table, start: int = 0, stop: int | None = None) -> Iterator[ParsedRow]:
    """Validate rows [start, stop) of the table; each error names its row and column."""
    today = timezone.localdate()
    for number, cells in table_cells(table, start, stop):
        yield _parsed(number, cells, today)


def _parsed(number: int, cells: dict[str, Any], today: date) -> ParsedRow:
    row = ParsedRow(number)
    values = row.values
    values["name"] = to_simplified(cell_text(cells.get("name")))
    if not values["name"]:
        row.errors.append(row_error(number, "姓名", _("不能为空")))
    elif person_name_error(values["name"]):
        row.errors.append(row_error(number, "姓名", person_name_error(values["name"])))
    elif len(values["name"]) > NAME_MAX:
        row.errors.append(row_error(number, "姓名", _("内容过长，最多%(n)s个字") % {"n": NAME_MAX}))
    id_text, phone_text = cell_text(cells.get("id_number")), cell_text(cells.get("phone"))
    identifiers, errors = identifiers_read(id_number=id_text, phone=phone_text, today=today)
    for name, label in (("id_number", "身份证号"), ("phone", "手机号")):
        if name in errors:
            row.errors.append(row_error(number, label, errors[name]))
    values.update(identifiers.person_columns())
    if not id_text and not phone_text:
        row.errors.append(row_error(number, "身份证号", _("身份证号和手机号至少填写一项")))
    for name in ("current_address", "household_address", "workplace", "origin", "note"):
        values[name] = cell_text(cells.get(name))[:200]
    values["carrier_number"] = cell_text(cells.get("carrier_number")).upper()[:30]
    try:
        values["arrived_on"] = _date(cells.get("arrived_on"), today)
    except ValueError as error:
        row.errors.append(row_error(number, "到达日期", str(error)))
    reason = cell_text(cells.get("reason"))
    values["reason"] = REASON_WORDS.get(reason) or (reason if reason in REASON_VALUES else None)
    if reason and values["reason"] is None:
        row.errors.append(row_error(number, "类别", _("未知的类别“%(v)s”") % {"v": reason}))
    values["reason"] = values["reason"] or WatchReason.KEY_AREA_ARRIVAL
    means = cell_text(cells.get("means"))
    values["means"] = MEANS_WORDS.get(means) or (means if means in MEANS_VALUES else "")
    if means and not values["means"]:
        row.errors.append(row_error(number, "交通方式", _("未知的交通方式“%(v)s”") % {"v": means}))
    values["origin_region_code"] = region_code_for_place(values["origin"])
    # One person per ID, else per name + phone: also the key for duplicates inside the file.
    row.identity_key = identifiers.id_number_index or name_phone_index(
        values["name"], values["phone"]
    )
    return row
