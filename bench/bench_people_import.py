"""Import of a department's list: a BENCH_IMPORT_ROWS-row xlsx (default 100,000) validated,
reconciled against BENCH_EXISTING_PEOPLE existing people (default 1,000,000) on PostgreSQL and
applied, end to end, against merely reading the same file with python-calamine in the same run.

Also measured: the write floor, i.e. the rows the import stored (verdicts; people, watch records,
trips) copied again with COPY into the same tables, with no validation, encryption or lookups:
what any import storing these rows must pay, whatever its code.

The existing people are written with COPY (one shared ciphertext for their ID numbers: only
the blind index takes part in reconciliation). Run alone: `python -m bench bench_people_import`.
"""

import json
import os
import sys
import time
from datetime import date, timedelta

from bench.harness import Measurement, Section, bench_database, run_worker

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
EXISTING = int(os.environ.get("BENCH_EXISTING_PEOPLE", "1000000"))
TARGET_RATIO = 3.0


def run() -> Section:
    url = bench_database("people_import", "postgres")
    result = json.loads(run_worker("bench.bench_people_import", ["worker"], url, timeout=1200))
    ratio = result["end_to_end"] / result["read"]
    floor = sum(result["floor"].values())
    return Section(
        "People: list import and reconciliation",
        notes=(
            f"A {ROWS:,}-row xlsx (70% new people, 20% already registered, 5% conflicting "
            f"names, 5% wrong checksums) against {EXISTING:,} existing people on PostgreSQL. "
            "End to end = upload (hash, encrypt, read) + validation and reconciliation in "
            "chunks of 5,000 + the atomic apply (people with Fernet-encrypted ID and phone, "
            "watch records, trips; their history entries are written at each record's first "
            "change). Bare read = python-calamine reading the same file to Python lists. "
            "Write floor = the rows the import stored written again with COPY into the same "
            "tables, indexes and foreign-key checks included but no validation, encryption or "
            "lookup, in two transactions: the row verdicts the preview shows, then the people, "
            "watch records and trips the issue asks for. No import storing these rows can be "
            "faster than its floor on this machine. "
            f"Phases: upload {result['upload']:.1f} s, validate {result['validate']:.1f} s, "
            f"apply {result['apply']:.1f} s. Outcome: {result['counts']}."
        ),
        measurements=[
            Measurement("bare read (python-calamine)", result["read"], "s"),
            Measurement("import end to end", result["end_to_end"], "s"),
            Measurement(
                "end to end / bare read", ratio, "×", f"≤ {TARGET_RATIO:g}×", ratio <= TARGET_RATIO
            ),
            Measurement("import throughput", ROWS / result["end_to_end"], "rows/s"),
            Measurement(
                "write floor: people, watch records, trips (COPY)",
                result["floor"]["records"],
                "s",
                notes=f"{result['floor_rows']['records']:,} rows",
            ),
            Measurement(
                "write floor: row verdicts of the preview (COPY)",
                result["floor"]["verdicts"],
                "s",
                notes=f"{result['floor_rows']['verdicts']:,} rows",
            ),
            Measurement("write floor, all / bare read", floor / result["read"], "×"),
            Measurement(
                "write floor, records alone / bare read",
                result["floor"]["records"] / result["read"],
                "×",
            ),
        ],
    )


def _id(region: str, n: int) -> str:
    from shouwang.identity.id_numbers import id_check_character

    born = date(1950, 1, 1) + timedelta(days=n % 20000)
    body = f"{region}{born:%Y%m%d}{n // 20000 % 1000:03d}"
    return body + id_check_character(body)


def _existing_people(unit_id: int) -> None:
    from django.db import connection

    from shouwang.privacy.fields import EncryptedCharField
    from shouwang.privacy.identifiers import id_number_index

    cipher = EncryptedCharField(max_length=18).get_prep_value(_id("610824", 0))
    columns = (
        "unit_id, name, id_number, id_number_index, id_region_code, sex, phone, phone_index, "
        "current_address, household_address, workplace, created_at"
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY people_person ({columns}) FROM STDIN") as copy:
            for n in range(EXISTING):
                copy.write_row(
                    (
                        unit_id,
                        f"居民{n}",
                        cipher,
                        id_number_index(_id("610824", n)),
                        "610824",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "2020-01-01 00:00:00+08",
                    )
                )
    # A registry of a million people has long been written, vacuumed and checkpointed: the
    # timed import must not pay for flushing the load that stands in for it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) people_person")
        cursor.execute("CHECKPOINT")


def _import_file() -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名单")
    sheet.append(
        [
            "姓名",
            "身份证号",
            "手机号",
            "现住址",
            "来源地",
            "到达日期",
            "类别",
            "交通方式",
            "车次/航班/车牌",
        ]
    )
    for n in range(ROWS):
        kind = n % 20
        if kind < 4:  # already registered (same name)
            name, number = f"居民{n * 7 % EXISTING}", _id("610824", n * 7 % EXISTING)
        elif kind == 4:  # registered under another name
            name, number = f"他人{n}", _id("610824", n * 7 % EXISTING)
        elif kind == 5:  # wrong checksum
            good = _id("420102", n)
            name, number = f"错号{n}", good[:-1] + ("0" if good[-1] != "0" else "1")
        else:
            name, number = f"新人{n}", _id("420102", n)
        sheet.append(
            [
                name,
                number,
                f"139{n:08d}",
                f"城关镇北门社区{n % 300}号",
                "湖北省武汉市",
                "2020-01-22",
                "重点地区来人",
                "火车",
                f"G{n % 9000}",
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The rows an import stores, by table: how to find them, and the columns that must change for a
# copy to be stored beside them (unique keys).
_STORED = (
    ("people_importrow", "job_id = %(job)s", {"job_id": "copy_job"}),
    ("people_person", "id > %(last_person)s", {"id_number_index": "fresh"}),
    ("people_watchrecord", "import_job_id = %(job)s", {}),
    ("people_travelrecord", "id > %(last_trip)s", {}),
)


def _write_floor(
    job_id: int, last_person: int, last_trip: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds to COPY the import's stored rows again, and their counts: the verdicts, then the
    people, watch records and trips, each part in one transaction."""
    import secrets

    from django.db import connection, transaction

    from shouwang.people.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    copy_job = ImportJob.objects.create(
        unit_id=job.unit_id,
        created_by_id=job.created_by_id,
        filename=job.filename,
        file_hash="floor",
        content=b"",
        source=job.source,
    )
    where = {"job": job_id, "last_person": last_person, "last_trip": last_trip}
    batches = []
    with connection.cursor() as cursor:
        for table, condition, changed in _STORED:
            cursor.execute(f"SELECT * FROM {table} WHERE {condition}", where)
            columns = [column[0] for column in cursor.description if column[0] != "id"]
            positions = [i for i, column in enumerate(cursor.description) if column[0] != "id"]
            rows = []
            for stored in cursor.fetchall():
                row = [stored[i] for i in positions]
                for column, how in changed.items():
                    at = columns.index(column)
                    row[at] = copy_job.pk if how == "copy_job" else secrets.token_hex(32)
                rows.append(row)
            batches.append((table, columns, rows))
    seconds = {}
    # The verdicts, then the records the issue asks for, each in its own transaction.
    for part, tables in (("verdicts", batches[:1]), ("records", batches[1:])):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for table, columns, rows in tables:
                names = ", ".join(f'"{column}"' for column in columns)
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        seconds[part] = time.perf_counter() - started
    return seconds, {
        part: sum(len(b[2]) for b in tables)
        for part, tables in (
            ("verdicts", batches[:1]),
            ("records", batches[1:]),
        )
    }


def worker() -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    from shouwang.demo import bureau
    from shouwang.people.models import ImportJob, ImportStatus, Person, TravelRecord
    from shouwang.people.services import import_job_apply, import_job_create, import_job_process

    units = bureau.load_units()
    officer = bureau.load_accounts(units)[3]
    _existing_people(units["城关派出所"].pk)
    content = _import_file()

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_filelike(BytesIO(content))
    rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    read = time.perf_counter() - started
    assert len(rows) == ROWS + 1

    last_person = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_trip = TravelRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started = time.perf_counter()
    job = import_job_create(actor=officer, filename="名单.xlsx", content=content)
    uploaded = time.perf_counter()
    import_job_process(job_id=job.pk)
    validated = time.perf_counter()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLYING, applied_by=officer)
    job = import_job_apply(job_id=job.pk)
    finished = time.perf_counter()
    assert job.status == ImportStatus.APPLIED, job.error
    floor, floor_rows = _write_floor(job.pk, last_person, last_trip)
    print(
        json.dumps(
            {
                "read": read,
                "end_to_end": finished - started,
                "upload": uploaded - started,
                "validate": validated - uploaded,
                "apply": finished - validated,
                "floor": floor,
                "floor_rows": floor_rows,
                "counts": f"{job.new_count:,} new, {job.matched_count:,} matched, "
                f"{job.conflict_count:,} conflicts, {job.rejected_count:,} rejected",
            }
        )
    )


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
