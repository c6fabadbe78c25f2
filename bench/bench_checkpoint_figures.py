"""Checkpoint figures for a bureau with a million passages: p95 latency of the figures service,
of `GET /api/v1/stats/checkpoints` and of the figures page, for a one-month period.

The passages are generated in the database with one INSERT … SELECT (generate_series on
PostgreSQL, a recursive CTE on SQLite), spread over 90 days and the bureau's checkpoints, with
realistic mixes of dispositions, origins and people counts; their per-hour and per-origin counts
are then made by `tallies_rebuild`, which is what the figures read.

Sizes: BENCH_FIGURES_PASSAGES (default 1,000,000) on PostgreSQL; BENCH_FIGURES_SQLITE_PASSAGES
(default 300,000, to stay within a few minutes; 0 skips SQLite); BENCH_FIGURES_REPEATS (default 20) timed calls of each.
Run alone: `python -m bench bench_checkpoint_figures`.
"""

import json
import os
import sys
import time
from datetime import timedelta

from bench.harness import Measurement, Section, bench_database, run_worker, timed

PASSAGES = int(os.environ.get("BENCH_FIGURES_PASSAGES", "1000000"))
SQLITE_PASSAGES = int(os.environ.get("BENCH_FIGURES_SQLITE_PASSAGES", "300000"))
REPEATS = int(os.environ.get("BENCH_FIGURES_REPEATS", "20"))
DAYS = 90
TARGET_MS = 1000  # the issue asks for the p95 only; a page within a second is the bar we set


def run() -> Section:
    section = Section(
        "Checkpoints: figures for a bureau with a million passages",
        notes=(
            f"{PASSAGES:,} passages (PostgreSQL) over {DAYS} days at the bureau's checkpoints; "
            f"figures of the whole bureau (root unit) for the last 30 days, {REPEATS} timed "
            "calls of each after one warm-up: the service `checkpoint_figures`, the API "
            "`GET /api/v1/stats/checkpoints` and the figures page, both through the Django "
            "test client (no network)."
        ),
    )
    runs = [("postgres", PASSAGES)]
    if SQLITE_PASSAGES:
        runs.append(("sqlite", SQLITE_PASSAGES))
    for vendor, count in runs:
        url = bench_database("checkpoint_figures", vendor)
        result = json.loads(
            run_worker("bench.bench_checkpoint_figures", ["worker", str(count)], url, static=True)
        )
        name = "PostgreSQL" if vendor == "postgres" else "SQLite"
        note = f"{count:,} passages, {result['period_rows']:,} in the month"
        for key, label in (
            ("service", "figures service"),
            ("api", "GET /api/v1/stats/checkpoints"),
            ("page", "figures page"),
        ):
            p95 = result[key]["p95"]
            section.measurements.append(
                Measurement(
                    f"{label}, {name}",
                    p95,
                    "ms p95",
                    f"≤ {TARGET_MS:,} ms",
                    p95 <= TARGET_MS,
                    notes=f"{note}; p50 {result[key]['p50']:.1f} ms",
                )
            )
        section.measurements.append(
            Measurement(
                f"generating the passages, {name}",
                result["generate_seconds"],
                "s",
                notes=f"{count / result['generate_seconds']:,.0f} rows/s, indexes and counts included",
            )
        )
    return section


# --- worker ----------------------------------------------------------------------------------

# One row per passage, from its number g (1..N), as SQL expressions shared by both databases
# except for the few vendor-specific ones passed in.
COLUMNS = {
    "direction": "CASE WHEN g % 3 = 0 THEN 'out' ELSE 'in' END",
    "vehicle_kind": "CASE WHEN g % 10 = 9 THEN 'pedestrian' WHEN g % 10 = 8 THEN 'truck' "
    "ELSE 'car' END",
    "plate": "CASE WHEN g % 10 = 9 THEN '' WHEN g % 10 IN (0, 5) THEN '鄂A' || {serial} "
    "ELSE '陕K' || {serial} END",
    "plate_prefix": "CASE WHEN g % 10 = 9 THEN '' WHEN g % 10 IN (0, 5) THEN '鄂A' ELSE '陕K' END",
    "plate_province": "CASE WHEN g % 10 = 9 THEN '' WHEN g % 10 IN (0, 5) THEN '湖北' "
    "ELSE '陕西' END",
    "plate_city": "CASE WHEN g % 10 = 9 THEN '' WHEN g % 10 IN (0, 5) THEN '武汉' ELSE '榆林' END",
    "plate_region_code": "CASE WHEN g % 10 = 9 THEN '' WHEN g % 10 IN (0, 5) THEN '420100' "
    "ELSE '610800' END",
    "out_of_town": "g % 10 IN (0, 5)",
    "is_key_area": "g % 10 IN (0, 5)",
    "occupants_count": "1 + g % 4",
    "health_code": "CASE WHEN g % 4 = 0 THEN '' WHEN g % 97 = 0 THEN 'yellow' ELSE 'green' END",
    "origin": "''",
    "origin_region_code": "''",
    "origin_province": "CASE WHEN g % 10 IN (0, 5) THEN '湖北省' WHEN g % 10 = 9 THEN '' "
    "ELSE '陕西省' END",
    "origin_city": "CASE WHEN g % 10 IN (0, 5) THEN '武汉市' WHEN g % 10 = 9 THEN '' "
    "ELSE '榆林市' END",
    "destination": "'县城'",
    "purpose": "'返乡'",
    "disposition": "CASE WHEN g % 97 = 0 THEN 'handed_over' WHEN g % 7 = 0 THEN 'turned_back' "
    "WHEN g % 10 IN (0, 5) THEN 'registered' ELSE 'passed' END",
    "override_reason": "''",
    "green_channel": "g % 500 = 0",
    "green_channel_kind": "CASE WHEN g % 500 = 0 THEN 'medicine' ELSE '' END",
    "green_channel_reason": "CASE WHEN g % 500 = 0 THEN '送药' ELSE '' END",
    "pass_code": "''",
    "void_reason": "''",
}


def _generate(count: int, checkpoint_ids: list[int], officer_id: int) -> float:
    from django.db import connection, transaction

    from shouwang.checkpoints.tallies import tallies_rebuild

    postgres = connection.vendor == "postgresql"
    # Passages every few seconds, back from now over DAYS days, in Beijing time for day/hour.
    step = DAYS * 86400 / count
    cps = len(checkpoint_ids)
    checkpoint = "CASE g % {} {} END".format(
        cps, " ".join(f"WHEN {i} THEN {pk}" for i, pk in enumerate(checkpoint_ids))
    )
    if postgres:
        at = f"(now() - make_interval(secs => g * {step}))"
        local = f"({at} AT TIME ZONE 'Asia/Shanghai')"
        vendor = {
            "client_id": "md5(g::text || clock_timestamp()::text)::uuid",
            "occurred_at": at,
            "occurred_on": f"{local}::date",
            "occurred_hour": f"extract(hour FROM {local})::int",
            "max_temperature": "CASE WHEN g % 4 = 0 THEN NULL ELSE 36.0 + (g % 15) / 10.0 END",
            "created_at": "now()",
            "plate": COLUMNS["plate"].format(serial="lpad((g % 100000)::text, 5, '0')"),
        }
        source = f"FROM generate_series(1, {count}) AS s(g)"
        prefix = ""
    else:
        at = f"datetime('now', '-' || CAST(g * {step} AS INTEGER) || ' seconds')"
        local = f"datetime({at}, '+8 hours')"
        vendor = {
            "client_id": "lower(hex(randomblob(16)))",
            "occurred_at": at,
            "occurred_on": f"date({local})",
            "occurred_hour": f"CAST(strftime('%H', {local}) AS INTEGER)",
            "max_temperature": "CASE WHEN g % 4 = 0 THEN NULL "
            "ELSE printf('%.1f', 36.0 + (g % 15) / 10.0) END",
            "created_at": "datetime('now')",
            "plate": COLUMNS["plate"].format(serial="substr('0000' || (g % 100000), -5, 5)"),
        }
        source = "FROM series"
        prefix = (
            f"WITH RECURSIVE series(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM series "
            f"WHERE g < {count}) "
        )
    columns = {
        **COLUMNS,
        **vendor,
        "checkpoint_id": checkpoint,
        "recorded_by_id": str(officer_id),
    }
    names = ", ".join(columns)
    expressions = ", ".join(columns.values())
    sql = f"{prefix}INSERT INTO checkpoints_passage ({names}) SELECT {expressions} {source}"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    if postgres and connection.in_atomic_block:
        raise RuntimeError("VACUUM needs autocommit")
    # Passages written by SQL, not by the service: their counts are made afresh, as after a
    # restore.
    tallies_rebuild()
    with connection.cursor() as cursor:
        # What autovacuum does after a mass insert: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    return time.perf_counter() - started


def worker(count: int) -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.test import Client
    from django.utils import timezone

    from shouwang.accounts.models import User
    from shouwang.accounts.services import api_token_issue
    from shouwang.checkpoints.figures import checkpoint_figures
    from shouwang.checkpoints.models import Checkpoint, Passage
    from shouwang.demo import bureau

    units = bureau.load()
    commander = User.objects.select_related("unit").get(username="commander")
    officer = User.objects.get(username="officer1")
    posts = ["城关东出口卡点", "白云山高速出口检查站"]
    checkpoints = [
        Checkpoint.objects.create(unit=units[post], name=f"基准卡点{n}", kind="highway_exit")
        for post in posts
        for n in range(3)
    ]
    generate_seconds = _generate(count, [c.pk for c in checkpoints], officer.pk)

    root = commander.unit
    date_to = timezone.localdate()
    date_from = date_to - timedelta(days=29)
    period_rows = Passage.objects.filter(occurred_on__gte=date_from).count()

    def service():
        checkpoint_figures(user=commander, unit=root, date_from=date_from, date_to=date_to)

    _token, raw = api_token_issue(user=commander, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", SERVER_NAME="localhost")
    query = f"unit={root.pk}&from={date_from.isoformat()}&to={date_to.isoformat()}"

    def api_call():
        response = api.get(f"/api/v1/stats/checkpoints?{query}")
        assert response.status_code == 200, response.content[:300]

    page = Client(SERVER_NAME="localhost")
    page.force_login(commander)

    def page_call():
        response = page.get(f"/checkpoints/figures/?{query}")
        assert response.status_code == 200, response.status_code

    result = {
        "generate_seconds": generate_seconds,
        "period_rows": period_rows,
        "service": timed(service, REPEATS),
        "api": timed(api_call, REPEATS),
        "page": timed(page_call, REPEATS),
    }
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    worker(int(sys.argv[2]))
