"""The command dashboard and the daily report for a bureau at scale, on PostgreSQL: p95 of the
report (service and API), of the dashboard page and of one refreshed panel, each beside a naive
GROUP BY over the raw tables answering the same checkpoint question in the same run.

Records, generated in the database (INSERT … SELECT generate_series, the other benchmarks'
generators reused) into tables stripped of their secondary indexes, unique and foreign keys,
which are built again once the rows are in (as a restore does): BENCH_COMMAND_PASSAGES passages
(default 10,000,000) over 90 days at the bureau's checkpoints, their per-hour and per-origin
counts rebuilt by one GROUP BY each; BENCH_COMMAND_HOUSEHOLDS households (default 200,000) with
BENCH_COMMAND_VISITS visits (1,000,000); BENCH_COMMAND_REPORTS residents' reports (500,000);
2 × BENCH_COMMAND_ISOLATING isolating people (2 × 50,000) with their watch records and 14
follow-ups each (the other records at the sizes of their own areas' benchmarks). BENCH_COMMAND_REPEATS (default 20) timed calls of each.
Run alone: `python -m bench bench_command_dashboard`. `python -m bench.bench_command_dashboard
generate N` (DATABASE_URL set) only fills a database, to profile the queries by hand.
"""

import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

from bench.harness import Measurement, Section, bench_database, run_worker, timed

PASSAGES = int(os.environ.get("BENCH_COMMAND_PASSAGES", "10000000"))
HOUSEHOLDS = int(os.environ.get("BENCH_COMMAND_HOUSEHOLDS", "200000"))
VISITS = int(os.environ.get("BENCH_COMMAND_VISITS", "1000000"))
REPORTS = int(os.environ.get("BENCH_COMMAND_REPORTS", "500000"))
ISOLATING = int(os.environ.get("BENCH_COMMAND_ISOLATING", "50000"))  # at each of two stations
REPEATS = int(os.environ.get("BENCH_COMMAND_REPEATS", "20"))
# The issue asks for the p95 beside a naive GROUP BY: the whole report (or dashboard) is to cost
# no more than the naive query answering only its checkpoint part, in the same run.
TARGET_RATIO = 1.0
LABELS = {
    "report_day": "daily report of the bureau, yesterday (service)",
    "report_month": "report of the bureau, last 30 days (service)",
    "report_api": "GET /api/v1/reports/daily, last 30 days",
    "dashboard": "dashboard page of the bureau (every panel)",
    "panel": "one panel refreshed (passages by hour)",
    "naive_month": "naive GROUP BY over raw passages, last 30 days",
    "naive_day": "naive GROUP BY over raw passages by disposition and hour, today",
}


def run() -> Section:
    isolating = 2 * ISOLATING
    section = Section(
        "Command: dashboard and daily report for a bureau at scale",
        notes=(
            f"{PASSAGES:,} passages over 90 days at 6 checkpoints of the demo bureau, with "
            f"{HOUSEHOLDS:,} households and {VISITS:,} visits, {REPORTS:,} residents' reports "
            f"and {isolating:,} isolating people ({14 * isolating:,} follow-ups), on "
            "PostgreSQL, generated in the database into tables without their secondary "
            "indexes and keys, built again after the load. The report and the dashboard read "
            "the kept counts (`checkpoints.tallies`) and each area's selectors; the naive lines "
            "answer only the checkpoint part with a GROUP BY over the raw passages, in the same "
            f"run (ratio = p95 / p95 of the naive line of the same period). {REPEATS} timed "
            "calls of each after one warm-up; page and API through the Django test client (no "
            "network)."
        ),
    )
    url = bench_database("command_dashboard", "postgres")
    result = json.loads(
        run_worker(
            "bench.bench_command_dashboard",
            ["worker", str(PASSAGES)],
            url,
            timeout=7200,
            static=True,
        )
    )
    naive_of = {"report_day": "naive_day", "panel": "naive_day", "dashboard": "naive_day"}
    for key, label in LABELS.items():
        p95 = result[key]["p95"]
        naive = key.startswith("naive")
        ratio = None if naive else p95 / result[naive_of.get(key, "naive_month")]["p95"]
        section.measurements.append(
            Measurement(
                f"{label}, PostgreSQL",
                p95,
                "ms p95",
                "" if naive else f"≤ {TARGET_RATIO:g} × naive",
                None if naive else ratio <= TARGET_RATIO,
                notes=f"p50 {result[key]['p50']:.1f} ms"
                + ("" if naive else f"; {ratio:.2f} × naive"),
            )
        )
    section.measurements.append(
        Measurement(
            "generating the records, PostgreSQL",
            result["generate_seconds"],
            "s",
            notes=f"{result['passages']:,} passages in {result['passage_seconds']:.0f} s, "
            "keys, indexes and counts included; "
            + (
                f"the other records in {result['other_seconds']:.0f} s"
                if result["screening"]
                else "households and visits not generated"
            ),
        )
    )
    return section


# --- worker ----------------------------------------------------------------------------------

NAIVE_MONTH = """
SELECT count(*) FILTER (WHERE p.plate <> '' AND p.disposition IN ('passed', 'registered')),
       count(*) FILTER (WHERE p.plate <> '' AND p.disposition = 'registered'),
       count(*) FILTER (WHERE p.plate <> '' AND p.disposition = 'turned_back'),
       coalesce(sum(p.occupants_count) FILTER (WHERE p.health_code <> ''
           OR p.max_temperature IS NOT NULL), 0),
       coalesce(sum(p.occupants_count) FILTER (WHERE p.disposition = 'turned_back'), 0)
FROM checkpoints_passage p JOIN checkpoints_checkpoint c ON c.id = p.checkpoint_id
JOIN units_unit u ON u.id = c.unit_id
WHERE u.path LIKE %s AND p.voided_at IS NULL AND p.occurred_on BETWEEN %s AND %s
"""
NAIVE_DAY = """
SELECT p.occurred_hour, p.disposition, count(*), sum(p.occupants_count)
FROM checkpoints_passage p JOIN checkpoints_checkpoint c ON c.id = p.checkpoint_id
JOIN units_unit u ON u.id = c.unit_id
WHERE u.path LIKE %s AND p.voided_at IS NULL AND p.occurred_on = %s
GROUP BY p.occurred_hour, p.disposition
"""


PASSAGE_TABLES = ["checkpoints_passage"]
OTHER_TABLES = [
    "community_building",
    "community_household",
    "community_visit",
    "community_visitfinding",
    "intake_report",
    "people_person",
    "people_watchrecord",
    "people_isolationepisode",
    "people_followup",
]


@contextmanager
def _bare(tables: list[str]):
    """The tables without their secondary indexes, unique and foreign keys while rows are
    loaded, then those built again from their own definitions (one sort per index, one join per
    key, instead of an index update and a deferred check per row)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f')
            ORDER BY contype DESC""",
            [tables],
        )
        constraints = cursor.fetchall()  # unique keys first, so foreign keys can use them
        for table, name, _kind, _definition in reversed(constraints):
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary""",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, _kind, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("RESET maintenance_work_mem")


def _others(units, chief, commander) -> bool:
    """Households and visits, residents' reports, isolating people: the other benchmarks' own
    generators at this benchmark's sizes, then a watch record for each person."""
    from django.db import connection

    from bench import bench_community_coverage, bench_followups_due, bench_intake_queue
    from shouwang.accounts.models import User

    screening = True
    try:
        bench_community_coverage._generate(HOUSEHOLDS, VISITS, units, chief, commander)
    except Exception as error:  # noqa: BLE001 (another area's generator, behind its schema)
        print(f"screening records skipped: {error!r}", file=sys.stderr)
        screening = False
    stations = [units["城关派出所"].pk, units["白云山派出所"].pk, units["通镇派出所"].pk]
    bench_intake_queue.REPORTS = REPORTS
    bench_intake_queue._fill(stations)
    officers = list(User.objects.filter(role="officer").values_list("pk", flat=True))
    bench_followups_due.ISOLATING = ISOLATING
    bench_followups_due._fill(units["城关派出所"].pk, officers, units["白云山派出所"].pk)
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO people_watchrecord (person_id, unit_id, reason, contact_of_text, source,
                origin, origin_region_code, status, note, created_at)
            SELECT p.id, p.unit_id, 'close_contact', '', 'department_list', '', '', 'isolating',
                '', now() - (p.id % 30) * interval '1 day'
            FROM people_person p
            WHERE NOT EXISTS (SELECT 1 FROM people_watchrecord w WHERE w.person_id = p.id)"""
        )
    return screening


def _generate_all(count: int, units, commander, chief, officer, checkpoints) -> dict:
    from django.db import connection

    from bench.bench_checkpoint_figures import _generate

    started = time.perf_counter()
    with _bare(PASSAGE_TABLES):
        _generate(count, [c.pk for c in checkpoints], officer.pk)  # counts rebuilt, analysed
    passage_seconds = time.perf_counter() - started
    with _bare(OTHER_TABLES):
        screening = _others(units, chief, commander)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(OTHER_TABLES)}")
    generate_seconds = time.perf_counter() - started
    return {
        "screening": screening,
        "generate_seconds": generate_seconds,
        "passage_seconds": passage_seconds,
        "other_seconds": generate_seconds - passage_seconds,
    }


def _setup(count: int):
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from shouwang.accounts.models import User
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.demo import bureau

    units = bureau.load()
    commander = User.objects.select_related("unit").get(username="commander")
    chief = User.objects.select_related("unit").get(username="chief1")
    officer = User.objects.get(username="officer1")
    posts = ["城关东出口卡点", "白云山高速出口检查站"]
    checkpoints = [
        Checkpoint.objects.create(unit=units[post], name=f"基准卡点{n}", kind="highway_exit")
        for post in posts
        for n in range(3)
    ]
    generated = _generate_all(count, units, commander, chief, officer, checkpoints)
    return commander, generated


def worker(count: int) -> None:
    commander, generated = _setup(count)
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from shouwang.accounts.services import api_token_issue
    from shouwang.command.reports.services import daily_report

    root = commander.unit
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    month_from = today - timedelta(days=29)

    def report_day():
        daily_report(user=commander, unit=root, date_from=yesterday, date_to=yesterday)

    def report_month():
        daily_report(user=commander, unit=root, date_from=month_from, date_to=today)

    _token, raw = api_token_issue(user=commander, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", SERVER_NAME="localhost")
    query = f"unit={root.pk}&from={month_from.isoformat()}&to={today.isoformat()}"

    def report_api():
        response = api.get(f"/api/v1/reports/daily?{query}")
        assert response.status_code == 200, response.content[:300]

    page = Client(SERVER_NAME="localhost")
    page.force_login(commander)

    def dashboard():
        response = page.get(f"/command/?unit={root.pk}")
        assert response.status_code == 200, response.status_code

    def panel():
        response = page.get(f"/command/panel/?key=passages&unit={root.pk}")
        assert response.status_code == 200, response.status_code

    def naive(sql, params):
        def call():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        return call

    result = {
        "passages": count,
        **generated,
        "report_day": timed(report_day, REPEATS),
        "report_month": timed(report_month, REPEATS),
        "report_api": timed(report_api, REPEATS),
        "dashboard": timed(dashboard, REPEATS),
        "panel": timed(panel, REPEATS),
        "naive_month": timed(naive(NAIVE_MONTH, [f"{root.path}%", month_from, today]), REPEATS),
        "naive_day": timed(naive(NAIVE_DAY, [f"{root.path}%", today]), REPEATS),
    }
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    worker(int(sys.argv[2]))
elif __name__ == "__main__" and sys.argv[1:2] == ["generate"]:
    print(json.dumps(_setup(int(sys.argv[2]))[1]))
