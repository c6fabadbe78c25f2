"""Household import: a BENCH_HOUSEHOLD_ROWS-row xlsx (default 100,000 residents of 50,000
households in 100 communities) uploaded, validated and reconciled, and applied, end to end on
PostgreSQL, beside its write floor measured in the same run: the rows the import stored
(row verdicts, buildings, households, residents) written again with COPY into the same tables,
indexes and constraints included, with no parsing, validation, encryption or lookup.

Run alone: `python -m bench bench_household_import`.
"""

import json
import os
import sys
import time

from bench.harness import Measurement, Section, bench_database, run_worker

ROWS = int(os.environ.get("BENCH_HOUSEHOLD_ROWS", "100000"))
COMMUNITIES = 100


def run() -> Section:
    url = bench_database("household_import", "postgres")
    result = json.loads(run_worker("bench.bench_household_import", ["worker"], url, timeout=3600))
    floor = sum(result["floor"].values())
    ratio = result["end_to_end"] / floor
    return Section(
        "Community: household import against its write floor",
        notes=(
            f"A {ROWS:,}-row xlsx: {ROWS // 2:,} households in {COMMUNITIES} communities, two "
            "residents each (one with ID number and phone), 5% of the rows with a wrong ID "
            "checksum (rejected, with their reason). End to end = upload (container check, "
            "hash, encrypt) + validation and reconciliation in the worker's bounded child "
            "(verdict rows by COPY) + the atomic apply (buildings, households, residents with "
            "Fernet-encrypted ID and phone, linked to the registry by blind index). Write floor "
            "= the rows the import stored copied again with COPY into the same tables (verdicts "
            "in one transaction, buildings/households/residents in another), unique keys "
            "changed, no parsing, validation, encryption or lookup. "
            f"Phases: upload {result['upload']:.1f} s, validate {result['validate']:.1f} s, "
            f"apply {result['apply']:.1f} s; bare read of the file {result['read']:.1f} s. "
            f"Outcome: {result['counts']}. A second apply of the same rows "
            f"(a second file repeating them) took {result['rerun']:.1f} s and added nothing."
        ),
        measurements=[
            Measurement("import end to end", result["end_to_end"], "s"),
            Measurement("import throughput", ROWS / result["end_to_end"], "rows/s"),
            Measurement(
                "write floor: verdicts (COPY)",
                result["floor"]["verdicts"],
                "s",
                notes=f"{result['floor_rows']['verdicts']:,} rows",
            ),
            Measurement(
                "write floor: buildings, households, residents (COPY)",
                result["floor"]["records"],
                "s",
                notes=f"{result['floor_rows']['records']:,} rows",
            ),
            Measurement("end to end / write floor", ratio, "×"),
            Measurement("bare read (python-calamine)", result["read"], "s"),
        ],
    )


def _id(n: int) -> str:
    from shouwang.identity.id_numbers import id_check_character

    birth = f"{1950 + n % 50}{n % 12 + 1:02d}{n % 28 + 1:02d}"
    body = f"610824{birth}{n // 1400 % 1000:03d}"
    return body + id_check_character(body)


def _import_file(communities: list[str], sheet: str = "住户") -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet)
    sheet.append(
        ["社区/村", "楼栋", "单元", "房号", "地址", "姓名", "身份证号", "手机号", "与户主关系"]
    )
    for n in range(ROWS):
        household = n // 2
        building = household // 20
        number = ""
        phone = ""
        if n % 2 == 0:
            number = _id(household)
            phone = f"139{household:08d}"
            if n % 40 == 0:  # 5% of the rows: a wrong checksum
                number = number[:-1] + ("0" if number[-1] != "0" else "1")
        sheet.append(
            [
                communities[building % len(communities)],
                f"{building}号楼",
                "1单元",
                str(101 + household % 20),
                "",
                f"居民{n}",
                number,
                phone,
                "户主" if n % 2 == 0 else "配偶",
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _copy(cursor, table: str, columns: list[str], rows: list[list]) -> None:
    names = ", ".join(f'"{column}"' for column in columns)
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _select(cursor, sql: str, params: list) -> tuple[list[str], list[list]]:
    cursor.execute(sql, params)
    return [column[0] for column in cursor.description], [list(row) for row in cursor.fetchall()]


def _write_floor(job_id: int, first_building: int) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds to COPY the import's stored rows again (unique keys changed), and their counts."""
    from django.db import connection, transaction

    from shouwang.community.models import HouseholdImportJob

    job = HouseholdImportJob.objects.get(pk=job_id)
    copy_job = HouseholdImportJob.objects.create(
        unit_id=job.unit_id, filename=job.filename, file_hash="floor", content=b""
    )
    with connection.cursor() as cursor:
        verdicts = _select(
            cursor, "SELECT * FROM community_householdimportrow WHERE job_id = %s", [job_id]
        )
        buildings = _select(
            cursor, "SELECT * FROM community_building WHERE id >= %s", [first_building]
        )
        households = _select(
            cursor, "SELECT * FROM community_household WHERE import_job_id = %s", [job_id]
        )
        members = _select(
            cursor,
            "SELECT m.* FROM community_householdmember m JOIN community_household h "
            "ON h.id = m.household_id WHERE h.import_job_id = %s",
            [job_id],
        )

        def nextvals(table: str, count: int) -> list[int]:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]

        def renumber(rows: list[list], table: str) -> dict[int, int]:
            """Give `rows` (id first) fresh ids from the table's sequence; old id → new."""
            fresh = dict(zip([row[0] for row in rows], nextvals(table, len(rows)), strict=True))
            for row in rows:
                row[0] = fresh[row[0]]
            return fresh

        # Fresh ids, names and links, prepared before the clock starts.
        columns, rows = verdicts
        for row in rows:
            row[columns.index("job_id")] = copy_job.pk
        verdict_rows = [row[1:] for row in rows]
        columns_b, rows_b = buildings
        new_b = renumber(rows_b, "community_building")
        for row in rows_b:
            row[columns_b.index("name")] += "'"
        columns_h, rows_h = households
        new_h = renumber(rows_h, "community_household")
        for row in rows_h:
            row[columns_h.index("building_id")] = new_b[row[columns_h.index("building_id")]]
        columns_m, rows_m = members
        for row in rows_m:
            row[columns_m.index("household_id")] = new_h[row[columns_m.index("household_id")]]
        member_rows = [row[1:] for row in rows_m]
    seconds = {}
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(cursor, "community_householdimportrow", columns[1:], verdict_rows)
    seconds["verdicts"] = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(cursor, "community_building", columns_b, rows_b)
        _copy(cursor, "community_household", columns_h, rows_h)
        _copy(cursor, "community_householdmember", columns_m[1:], member_rows)
    seconds["records"] = time.perf_counter() - started
    return seconds, {
        "verdicts": len(verdict_rows),
        "records": len(rows_b) + len(rows_h) + len(member_rows),
    }


def worker() -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    from shouwang.community.models import (
        Building,
        Household,
        HouseholdImportJob,
        HouseholdMember,
        ImportStatus,
    )
    from shouwang.community.services import (
        household_import_apply,
        household_import_create,
        household_import_process,
    )
    from shouwang.demo import bureau
    from shouwang.units.models import UnitKind
    from shouwang.units.services import unit_create

    units = bureau.load_units()
    officer = bureau.load_accounts(units)[3]
    station = units[officer.unit.name]
    communities = [
        unit_create(actor=None, name=f"基准社区{n}", kind=UnitKind.COMMUNITY, parent=station).name
        for n in range(COMMUNITIES)
    ]
    content = _import_file(communities)

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_filelike(BytesIO(content))
    rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    read = time.perf_counter() - started
    assert len(rows) == ROWS + 1

    first_building = (
        Building.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1
    started = time.perf_counter()
    job = household_import_create(actor=officer, filename="住户.xlsx", content=content)
    uploaded = time.perf_counter()
    household_import_process(job_id=job.pk)
    validated = time.perf_counter()
    HouseholdImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.APPLYING, applied_by=officer
    )
    job = household_import_apply(job_id=job.pk)
    finished = time.perf_counter()
    assert job.status == ImportStatus.APPLIED, job.error
    counts = (
        f"{job.new_count:,} households and {job.added_count:,} residents added, "
        f"{job.rejected_count:,} rows rejected"
    )
    stored = (Household.objects.count(), HouseholdMember.objects.count())

    # The same rows in a second file: everything is there already.
    again = household_import_create(
        actor=officer, filename="住户（再次）.xlsx", content=_import_file(communities, "再次")
    )
    assert again.pk != job.pk
    started_again = time.perf_counter()
    household_import_process(job_id=again.pk)
    HouseholdImportJob.objects.filter(pk=again.pk).update(
        status=ImportStatus.APPLYING, applied_by=officer
    )
    household_import_apply(job_id=again.pk)
    rerun = time.perf_counter() - started_again
    assert (Household.objects.count(), HouseholdMember.objects.count()) == stored

    floor, floor_rows = _write_floor(job.pk, first_building)
    print(
        json.dumps(
            {
                "read": read,
                "end_to_end": finished - started,
                "upload": uploaded - started,
                "validate": validated - uploaded,
                "apply": finished - validated,
                "rerun": rerun,
                "floor": floor,
                "floor_rows": floor_rows,
                "counts": counts,
            }
        )
    )


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
