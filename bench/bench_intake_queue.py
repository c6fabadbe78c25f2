"""The duty desk's queue for a bureau holding BENCH_INTAKE_REPORTS residents' reports (default
500,000) on PostgreSQL: p95 latency of the queue as the page asks for it (open reports, urgent
and oldest first: count + first page of 50 with unit and handler), for the bureau and for one
station, of the API list (`GET /api/v1/intake/reports?status=open`, serialised) and of the
rendered page; then the same queue after dropping the intake indexes, in the same run.

Rows are written with set-based SQL (generate_series): 5 % still open, the rest closed; spread
over the bureau's stations and communities and the last 90 days.
Run alone: `python -m bench bench_intake_queue`.
"""

import json
import os
import statistics
import sys
import time

from bench.harness import Measurement, Section, bench_database, run_worker

REPORTS = int(os.environ.get("BENCH_INTAKE_REPORTS", "500000"))
REPEAT = int(os.environ.get("BENCH_INTAKE_REPEAT", "40"))
INDEXES = ("intake_open_queue", "intake_unit_received")


def run() -> Section:
    url = bench_database("intake_queue", "postgres")
    result = json.loads(
        run_worker("bench.bench_intake_queue", ["worker"], url, timeout=1800, static=True)
    )
    return Section(
        "Intake: the duty desk's queue",
        notes=(
            f"{REPORTS:,} reports in one bureau, {result['open']:,} open ({result['station_open']:,} "
            f"at the station measured); {REPEAT} timed requests after 5 warm-ups. Selector level is "
            "the queue's count + first page of 50; API and page go through Django's test client "
            "(token or session, serialisation or template). Without indexes: the same selector "
            f"after dropping {', '.join(INDEXES)}."
        ),
        measurements=[
            Measurement("queue, bureau, p95", result["bureau_p95"], "ms"),
            Measurement("queue, station, p95", result["station_p95"], "ms"),
            Measurement("API list, station, p95", result["api_p95"], "ms"),
            Measurement("queue page, station, p95", result["page_p95"], "ms"),
            Measurement("queue, bureau, p95, without indexes", result["bureau_bare_p95"], "ms"),
            Measurement("queue, station, p95, without indexes", result["station_bare_p95"], "ms"),
        ],
    )


def _fill(unit_ids: list[int]) -> None:
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO intake_report (tracking_code, type, category, urgency, channel, unit_id,
                text, place, plate, subject_name, contact_name, contact_phone, contact_phone_index,
                anonymous, client_key, received_at, due_assign_at, due_resolve_at, assigned_at,
                assign_seconds, closed_at, resolve_seconds, reply, status, updated_at)
            SELECT upper(substr(md5(n::text), 1, 12)),
                (ARRAY['tip', 'help', 'grievance'])[1 + n %% 3],
                (ARRAY['gathering', 'medicine', 'living'])[1 + n %% 3],
                CASE WHEN n %% 10 = 0 THEN 'urgent' ELSE 'normal' END,
                'public_page', (%s::bigint[])[1 + abs(hashint4(n)) %% %s],
                '居民反映第' || n || '号情况', '北门社区' || (n %% 300) || '号', '', '', '', '', '',
                n %% 7 = 0, '', t.received, t.received + interval '30 minutes',
                t.received + interval '24 hours',
                CASE WHEN n %% 20 <> 0 THEN t.received + interval '12 minutes' END,
                CASE WHEN n %% 20 <> 0 THEN 720 END,
                CASE WHEN n %% 20 <> 0 THEN t.received + interval '5 hours' END,
                CASE WHEN n %% 20 <> 0 THEN 18000 END,
                '', CASE WHEN n %% 20 = 0 THEN 'new' ELSE 'resolved' END, t.received
            FROM generate_series(1, %s) AS n,
                LATERAL (SELECT %s::timestamptz - (n %% 129600) * interval '1 minute'
                    AS received) AS t""",
            [unit_ids, len(unit_ids), REPORTS, now],
        )
        cursor.execute("ANALYZE")


def _p(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1] if len(samples) > 1 else samples[0]


def _time(call) -> float:
    for _ in range(5):
        call()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return _p(samples, 95)


def worker() -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client

    from shouwang.accounts.services import api_token_issue
    from shouwang.demo import bureau
    from shouwang.intake.filters import ReportFilter
    from shouwang.intake.selectors import reports_listed
    from shouwang.shell.listing import filtered
    from shouwang.units.models import UnitKind

    units = bureau.load_units()
    staff = {user.username: user for user in bureau.load_accounts(units)}
    _fill([unit.pk for unit in units.values() if unit.kind != UnitKind.CHECKPOINT_POST])
    commander, duty = staff["commander"], staff["duty1"]

    def page(user):
        queryset = filtered(ReportFilter, reports_listed(user), {"status": "open"}, user=user)
        paginator = Paginator(queryset, 50)
        return paginator.count, list(paginator.page(1))

    _token, raw = api_token_issue(user=duty, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_HOST="127.0.0.1")
    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(duty)
    result = {"open": page(commander)[0], "station_open": page(duty)[0]}
    result["bureau_p95"] = _time(lambda: page(commander))
    result["station_p95"] = _time(lambda: page(duty))
    result["api_p95"] = _time(lambda: api.get("/api/v1/intake/reports?status=open"))
    result["page_p95"] = _time(lambda: browser.get("/intake/?status=open"))
    with connection.cursor() as cursor:
        for index in INDEXES:
            cursor.execute(f'DROP INDEX "{index}"')
        cursor.execute("ANALYZE")
    result["bureau_bare_p95"] = _time(lambda: page(commander))
    result["station_bare_p95"] = _time(lambda: page(duty))
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
