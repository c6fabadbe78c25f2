"""Venues for tests, registered through the service."""

from io import BytesIO

from openpyxl import Workbook

from shouwang.venues.models import VenueKind
from shouwang.venues.services import venue_register

VALID_CODE = "91610824MA70X2Y57L"


def venue(actor, unit=None, *, kind: str = VenueKind.KTV, name: str = "金色年华KTV", **data):
    data.setdefault("address", "城关镇人民路12号")
    officer = data.pop("officer", None)
    every = data.pop("inspection_every_days", None)
    return venue_register(
        actor=actor,
        unit=unit or actor.unit,
        data={"kind": kind, "name": name, **data},
        officer=officer,
        inspection_every_days=every,
    )


HEADERS = ["场所名称", "场所类别", "地址", "经营者", "联系电话", "统一社会信用代码", "所属单位"]


def register_file(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "场所"
    sheet.append(["城关派出所辖区场所名册"])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
