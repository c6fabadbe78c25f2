"""Fictional people with valid-checksum ID numbers."""

from datetime import date

from shouwang.identity.id_numbers import id_check_character

WUHAN_DISTRICT = "420102"  # 武汉市江岸区
HOME_COUNTY = "610824"


def id_number(region: str = HOME_COUNTY, birth: str = "19850101", sequence: str = "123") -> str:
    body = f"{region}{birth}{sequence}"
    return body + id_check_character(body)


def wrong_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def register(actor, unit=None, **fields):
    from shouwang.people.services import person_register

    fields.setdefault("name", "测试人")
    return person_register(actor=actor, unit=unit or actor.unit, **fields)


def key_area_wuhan(commander, valid_from: date | None = None):
    from shouwang.areas.services import key_area_create

    return key_area_create(
        actor=commander,
        region_code="420100",
        risk_level="high",
        valid_from=valid_from or date(2020, 1, 1),
    )


TEMPLATE_HEADERS = ["姓名", "身份证号", "手机号", "现住址", "来源地", "到达日期", "类别"]


def xlsx_file(rows, headers=TEMPLATE_HEADERS, sheet="名单") -> bytes:
    import re
    from datetime import datetime
    from io import BytesIO
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append(list(row))
    # Fixed timestamps, inside the workbook and in the zip entries: the same rows give the
    # same bytes, whatever second the file was made in (imports recognise files by hash).
    # openpyxl stamps "modified" with the clock on save, so the properties are rewritten after.
    moment = datetime(2026, 1, 1)
    buffer = BytesIO()
    workbook.save(buffer)
    repacked = BytesIO()
    with (
        ZipFile(BytesIO(buffer.getvalue())) as source,
        ZipFile(repacked, "w", ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
            target.writestr(ZipInfo(entry.filename, date_time=moment.timetuple()[:6]), data)
    return repacked.getvalue()
