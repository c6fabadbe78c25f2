""" "Due today" for a station with BENCH_ISOLATING isolating people (default 50,000) on
PostgreSQL: p95 latency of the due-today list as the page asks for it (count + first page of
50 with person, unit, officer, site), for the station and for one officer.

Rows are written with set-based SQL (generate_series); each person has 14 follow-up days.
Run alone: `python -m bench bench_followups_due`.
"""

import json
import os
import statistics
import sys
import time

from bench.harness import Measurement, Section, bench_database, run_worker

ISOLATING = int(os.environ.get("BENCH_ISOLATING", "50000"))
REPEAT = int(os.environ.get("BENCH_DUE_REPEAT", "60"))


def run() -> Section:
    url = bench_database("followups_due", "postgres")
    result = json.loads(run_worker("bench.bench_followups_due", ["worker"], url))
    return Section(
        "People: follow-ups due today",
        notes=(
            f"{ISOLATING:,} isolating people of one station ({ISOLATING * 14:,} follow-up rows, "
            f"another station holding as many again), {result['due']:,} due today; "
            f"{REPEAT} timed requests after 5 warm-ups, selector level (count + first page)."
        ),
        measurements=[
            Measurement(
                "due today, station, p95",
                result["station_p95"],
                "ms",
            ),
            Measurement("due today, station, median", result["station_p50"], "ms"),
            Measurement(
                "due today, one officer, p95",
                result["officer_p95"],
                "ms",
            ),
            Measurement("overdue, station, p95", result["overdue_p95"], "ms"),
        ],
    )


def _fill(station_id: int, officer_ids: list[int], other_station_id: int) -> None:
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    with connection.cursor() as cursor:
        for unit_id, offset in ((station_id, 0), (other_station_id, ISOLATING)):
            cursor.execute(
                """INSERT INTO people_person (unit_id, name, id_number, id_number_index,
                    id_region_code, sex, phone, phone_index, current_address, household_address,
                    workplace, created_at)
                SELECT %s, '居民' || n, '', '', '', '', '', '', '北门社区' || (n %% 300) || '号',
                    '', '', now() FROM generate_series(%s, %s) AS n""",
                [unit_id, offset + 1, offset + ISOLATING],
            )
            # Start dates spread over the last 13 days: everyone is due today.
            cursor.execute(
                """INSERT INTO people_isolationepisode (person_id, unit_id, officer_id, kind,
                    room, start_date, planned_end, followup_every_days, status, created_at)
                SELECT p.id, p.unit_id, (ARRAY[%s]::bigint[])[1 + p.id %% %s], 'home', '',
                    %s::date - (p.id %% 13)::int, %s::date - (p.id %% 13)::int + 13, 1,
                    'isolating', now()
                FROM people_person p WHERE p.unit_id = %s""",
                [officer_ids, len(officer_ids), today, today, unit_id],
            )
        cursor.execute(
            """INSERT INTO people_followup (episode_id, due_date, symptoms, symptoms_text,
                contact_method, note, done_at)
            SELECT e.id, e.start_date + d, '[]'::jsonb, '', '', '',
                CASE WHEN e.start_date + d < %s AND (e.id + d) %% 5 <> 0 THEN now() END
            FROM people_isolationepisode e CROSS JOIN generate_series(0, 13) AS d""",
            [today],
        )
        cursor.execute("ANALYZE")


def _p(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1] if len(samples) > 1 else samples[0]


def _time(call) -> tuple[float, float]:
    for _ in range(5):
        call()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return _p(samples, 95), statistics.median(samples)


def worker() -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.core.paginator import Paginator
    from django.utils import timezone

    from shouwang.demo import bureau
    from shouwang.people.selectors import followups_due, followups_overdue

    units = bureau.load_units()
    staff = {user.username: user for user in bureau.load_accounts(units)}
    chief, officer = staff["chief1"], staff["officer1"]
    _fill(units["城关派出所"].pk, [officer.pk, staff["auxiliary1"].pk], units["白云山派出所"].pk)
    today = timezone.localdate()

    def page(queryset):
        paginator = Paginator(queryset, 50)
        return paginator.count, list(paginator.page(1))

    due = page(followups_due(chief, today))[0]
    station_p95, station_p50 = _time(lambda: page(followups_due(chief, today)))
    officer_p95, _ = _time(lambda: page(followups_due(officer, today, officer=officer)))
    overdue_p95, _ = _time(lambda: page(followups_overdue(chief, today)))
    print(
        json.dumps(
            {
                "due": due,
                "station_p95": station_p95,
                "station_p50": station_p50,
                "officer_p95": officer_p95,
                "overdue_p95": overdue_p95,
            }
        )
    )


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
