"""The command dashboard and the daily report for a bureau at scale, on PostgreSQL: p95 of the
report (service and API), of the dashboard page and of one refreshed panel, each beside a naive
GROUP BY over the raw tables answering the same checkpoint question in the same run.

Records, generated in the database (INSERT … SELECT generate_series, the other benchmarks'
generators reused): BENCH_COMMAND_PASSAGES passages (default 10,000,000) over 90 days at the
bureau's checkpoints, their per-hour and per-origin counts rebuilt; 200,000 households with
1,000,000 visits; 500,000 residents' reports; 100,000 isolating people with their watch records
and 1,400,000 follow-ups. BENCH_COMMAND_REPEATS (default 20) timed calls of each.
Run alone: `python -m bench bench_command_dashboard`.
"""

import json
import os
import sys
import time
from datetime import timedelta

from bench.harness import Measurement, Section, bench_database, run_worker, timed

PASSAGES = int(os.environ.get("BENCH_COMMAND_PASSAGES", "10000000"))
REPEATS = int(os.environ.get("BENCH_COMMAND_REPEATS", "20"))
TARGET_MS = 1000  # the issue asks for the p95 beside the naive query; a second is our bar
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
    from bench import bench_community_coverage, bench_followups_due, bench_intake_queue

    households = bench_community_coverage.HOUSEHOLDS
    visits = bench_community_coverage.VISITS
    isolating = 2 * bench_followups_due.ISOLATING
    section = Section(
        "Command: dashboard and daily report for a bureau at scale",
        notes=(
            f"{PASSAGES:,} passages over 90 days at 6 checkpoints of the demo bureau, with "
            f"{households:,} households and {visits:,} visits, "
            f"{bench_intake_queue.REPORTS:,} residents' reports and {isolating:,} isolating "
            f"people ({14 * isolating:,} follow-ups), on PostgreSQL. The report and the "
            "dashboard read the kept counts (`checkpoints.tallies`) and each area's selectors; "
            "the naive lines answer only the checkpoint part with a GROUP BY over the raw "
            f"passages, in the same run. {REPEATS} timed calls of each after one warm-up; page "
            "and API through the Django test client (no network)."
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
    for key, label in LABELS.items():
        p95 = result[key]["p95"]
        naive = key.startswith("naive")
        section.measurements.append(
            Measurement(
                f"{label}, PostgreSQL",
                p95,
                "ms p95",
                "" if naive else f"≤ {TARGET_MS:,} ms",
                None if naive else p95 <= TARGET_MS,
                notes=f"p50 {result[key]['p50']:.1f} ms",
            )
        )
    section.measurements.append(
        Measurement(
            "generating the records, PostgreSQL",
            result["generate_seconds"],
            "s",
            notes=f"{result['passages']:,} passages, counts rebuilt and analysed"
            + ("" if result["screening"] else "; households and visits not generated"),
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


def _others(units, chief, commander) -> bool:
    """Households and visits, residents' reports, isolating people: the other benchmarks' own
    generators, then a watch record for each isolating person."""
    from django.db import connection

    from bench import bench_community_coverage, bench_followups_due, bench_intake_queue
    from shouwang.accounts.models import User

    screening = True
    try:
        bench_community_coverage._generate(
            bench_community_coverage.HOUSEHOLDS,
            bench_community_coverage.VISITS,
            units,
            chief,
            commander,
        )
    except Exception as error:  # noqa: BLE001 (another area's generator, behind its schema)
        print(f"screening records skipped: {error}", file=sys.stderr)
        screening = False
    stations = [units["城关派出所"].pk, units["白云山派出所"].pk, units["通镇派出所"].pk]
    bench_intake_queue._fill(stations)
    officers = list(User.objects.filter(role="officer").values_list("pk", flat=True))
    bench_followups_due._fill(units["城关派出所"].pk, officers, units["白云山派出所"].pk)
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO people_watchrecord (person_id, unit_id, reason, contact_of_text, source,
                origin, origin_region_code, status, note, created_at)
            SELECT p.id, p.unit_id, 'close_contact', '', 'department_list', '', '', 'isolating',
                '', now() - (p.id % 30) * interval '1 day'
            FROM people_person p"""
        )
        cursor.execute("ANALYZE")
    return screening


def worker(count: int) -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.bench_checkpoint_figures import _generate
    from shouwang.accounts.models import User
    from shouwang.accounts.services import api_token_issue
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.command.reports.services import daily_report
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
    started = time.perf_counter()
    _generate(count, [c.pk for c in checkpoints], officer.pk)
    screening = _others(units, chief, commander)
    generate_seconds = time.perf_counter() - started

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
        "screening": screening,
        "generate_seconds": generate_seconds,
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
