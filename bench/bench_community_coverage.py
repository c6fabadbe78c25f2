"""Screening coverage for a bureau with 200,000 households and 1,000,000 visits: p95 latency of
the campaign's coverage (service, API, board page), for the bureau and for one station, beside
the naive query counting distinct households over the visits, in the same run.

The bureau gets 100 communities under its three stations, 10,000 buildings, the households
(20 a building), 600 screening points (6 a community) and one campaign over the bureau; the
visits (1 to 3 visitors each) cover 70% of the households, many of them several times, with
one in 200 reporting someone who becomes a watch record. Everything is generated in the
database with INSERT … SELECT (generate_series on PostgreSQL, a recursive CTE on SQLite); the
kept coverage is then made by `coverage_rebuild`, which is what the board reads.

Sizes: BENCH_COVERAGE_HOUSEHOLDS (200,000) and BENCH_COVERAGE_VISITS (1,000,000) on PostgreSQL;
BENCH_COVERAGE_SQLITE_HOUSEHOLDS (50,000, 0 skips SQLite) with five visits a household there;
BENCH_COVERAGE_REPEATS (20) timed calls. Run alone: `python -m bench bench_community_coverage`.
"""

import json
import os
import sys
import time

from bench.harness import Measurement, Section, bench_database, run_worker, timed

HOUSEHOLDS = int(os.environ.get("BENCH_COVERAGE_HOUSEHOLDS", "200000"))
VISITS = int(os.environ.get("BENCH_COVERAGE_VISITS", "1000000"))
SQLITE_HOUSEHOLDS = int(os.environ.get("BENCH_COVERAGE_SQLITE_HOUSEHOLDS", "50000"))
REPEATS = int(os.environ.get("BENCH_COVERAGE_REPEATS", "20"))
COMMUNITIES = 100
PER_BUILDING = 20
POINTS_PER_COMMUNITY = 6
TARGET_MS = 1000  # the issue asks for the p95 beside a naive query; a second is the bar we set


def run() -> Section:
    section = Section(
        "Community: screening coverage for a bureau with a million visits",
        notes=(
            f"{HOUSEHOLDS:,} households in {COMMUNITIES} communities ({PER_BUILDING} a building), "
            f"{VISITS:,} visits of one campaign covering 70% of them, "
            f"{COMMUNITIES * POINTS_PER_COMMUNITY} screening points, one visit in 200 finding "
            f"a watched person (PostgreSQL). {REPEATS} timed calls of each after one warm-up: "
            "`campaign_coverage` (households visited/total, people seen, watched found, staff "
            "person-times, by community least covered first, visits per point) for the bureau "
            "and for one station, `GET /api/v1/screening/campaigns/{id}/coverage` and the board "
            "page through the Django test client; beside them the naive query (COUNT DISTINCT "
            "household and SUM of person-times over the visits joined to households and units, "
            "grouped by community, plus the households per community), same run, same data."
        ),
    )
    runs = [("postgres", HOUSEHOLDS, VISITS)]
    if SQLITE_HOUSEHOLDS:
        runs.append(("sqlite", SQLITE_HOUSEHOLDS, SQLITE_HOUSEHOLDS * 5))
    for vendor, households, visits in runs:
        url = bench_database("community_coverage", vendor)
        result = json.loads(
            run_worker(
                "bench.bench_community_coverage",
                ["worker", str(households), str(visits)],
                url,
                timeout=3600,
                static=True,  # the board page needs the collected static files
            )
        )
        name = "PostgreSQL" if vendor == "postgres" else "SQLite"
        note = f"{households:,} households, {visits:,} visits"
        for key, label in (
            ("service", "coverage service, bureau"),
            ("station", "coverage service, one station"),
            ("api", "GET …/coverage, bureau"),
            ("page", "board page, bureau"),
            ("naive", "naive query, bureau"),
            ("naive_station", "naive query, one station"),
        ):
            p95 = result[key]["p95"]
            target = "" if key.startswith("naive") else f"≤ {TARGET_MS:,} ms"
            met = None if key.startswith("naive") else p95 <= TARGET_MS
            section.measurements.append(
                Measurement(
                    f"{label}, {name}",
                    p95,
                    "ms p95",
                    target,
                    met,
                    notes=f"{note}; p50 {result[key]['p50']:.1f} ms",
                )
            )
        section.measurements.append(
            Measurement(
                f"naive / kept, bureau, {name}",
                result["naive"]["p95"] / result["service"]["p95"],
                "×",
            )
        )
        section.measurements.append(
            Measurement(
                f"generating the data, {name}",
                result["generate_seconds"],
                "s",
                notes=f"coverage_rebuild of the kept rows {result['rebuild_seconds']:.1f} s",
            )
        )
    return section


# --- worker ----------------------------------------------------------------------------------


def _series(count: int, postgres: bool) -> tuple[str, str]:
    """(prefix, source) of a SELECT over g = 1..count."""
    if postgres:
        return "", f"FROM generate_series(1::bigint, {count}) AS s(g)"
    return (
        f"WITH RECURSIVE series(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM series "
        f"WHERE g < {count}) ",
        "FROM series",
    )


def _insert(table: str, columns: dict[str, str], count: int) -> None:
    from django.db import connection

    prefix, source = _series(count, connection.vendor == "postgresql")
    names = ", ".join(columns)
    values = ", ".join(columns.values())
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix}INSERT INTO {table} ({names}) SELECT {values} {source}")


def _generate(households: int, visits: int, units, chief, commander) -> tuple[int, float, float]:
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from shouwang.bulk import insert_rows
    from shouwang.community.models import (
        Building,
        Campaign,
        Household,
        ScreeningPoint,
        Visit,
        VisitFinding,
    )
    from shouwang.community.services import campaign_create, coverage_rebuild
    from shouwang.people.models import Person, WatchRecord
    from shouwang.units.models import UnitKind
    from shouwang.units.services import unit_create

    postgres = connection.vendor == "postgresql"
    started = time.perf_counter()
    stations = [units["城关派出所"], units["白云山派出所"], units["通镇派出所"]]
    communities = [
        unit_create(
            actor=None, name=f"基准社区{n}", kind=UnitKind.COMMUNITY, parent=stations[n % 3]
        )
        for n in range(COMMUNITIES)
    ]
    first_unit = communities[0].pk
    assert [c.pk for c in communities] == list(range(first_unit, first_unit + COMMUNITIES))
    today = timezone.localdate()
    campaign = campaign_create(
        actor=commander,
        name="全县入户排查",
        starts_on=today - timedelta(days=12),
        ends_on=today,
        units=[commander.unit],
    )
    buildings = households // PER_BUILDING
    now = "now()" if postgres else "datetime('now')"
    text = "CAST(({expr}) AS TEXT)" if not postgres else "(({expr}))::text"
    with transaction.atomic():
        _insert(
            Building._meta.db_table,
            {
                "unit_id": f"{first_unit} + (g - 1) % {COMMUNITIES}",
                "name": text.format(expr="g") + " || '号楼'",
                "note": "''",
                "created_at": now,
            },
            buildings,
        )
        first_building = Building.objects.order_by("pk").values_list("pk", flat=True).first()
        _insert(
            Household._meta.db_table,
            {
                "unit_id": f"{first_unit} + ((g - 1) / {PER_BUILDING}) % {COMMUNITIES}",
                "building_id": f"{first_building} + (g - 1) / {PER_BUILDING}",
                "entrance": text.format(expr="1 + (g - 1) % 2") + " || '单元'",
                "room": text.format(expr=f"101 + (g - 1) % {PER_BUILDING}"),
                "address_text": "'基准社区'",
                "plates": "'[]'",
                "note": "''",
                "created_at": now,
            },
            households,
        )
        first_household = Household.objects.order_by("pk").values_list("pk", flat=True).first()
        points = COMMUNITIES * POINTS_PER_COMMUNITY
        _insert(
            ScreeningPoint._meta.db_table,
            {
                "campaign_id": str(campaign.pk),
                "unit_id": f"{first_unit} + (g - 1) % {COMMUNITIES}",
                "name": text.format(expr="g") + " || '号排查点'",
                "visit_count": "0",
                "staff_person_times": "0",
            },
            points,
        )
        first_point = ScreeningPoint.objects.order_by("pk").values_list("pk", flat=True).first()
        # Visits cover 70% of the households: household number h = g % covered.
        covered = int(households * 0.7)
        household = f"((g * 7919) % {covered})"
        visited_at = (
            "now() - make_interval(secs => (g % 864000))"
            if postgres
            else "datetime('now', '-' || (g % 864000) || ' seconds')"
        )
        _insert(
            "community_visit",
            {
                "campaign_id": str(campaign.pk),
                "household_id": f"{first_household} + {household}",
                # the household's community, as the household table has it
                "unit_id": f"{first_unit} + ({household} / {PER_BUILDING}) % {COMMUNITIES}",
                "point_id": f"{first_point} + ({household} / {PER_BUILDING}) % {COMMUNITIES}"
                f" + {COMMUNITIES} * (g % {POINTS_PER_COMMUNITY})",
                "visited_at": visited_at,
                "visitor_count": "1 + g % 3",
                "residents_present": "g % 6",
                "answers": "'{}'",
                "note": "''",
                "void_reason": "''",
                "recorded_by_id": str(chief.pk),
                "created_at": now,
            },
            visits,
        )
        # One visit in 200 found someone: a person, his watch record, the finding.
        findings = visits // 200
        station = units["城关派出所"].pk
        people = insert_rows(
            Person, [{"unit_id": station, "name": "基准人员"} for _ in range(findings)]
        )
        records = insert_rows(
            WatchRecord,
            [
                {
                    "person_id": pk,
                    "unit_id": station,
                    "reason": "key_area_arrival",
                    "source": "household_screening",
                    "origin_region_code": "420100",
                }
                for pk in people
            ],
        )
        found = Visit.objects.order_by("pk").values_list("pk", "unit_id")[::200]
        insert_rows(
            VisitFinding,
            [
                {
                    "visit_id": visit_id,
                    "campaign_id": campaign.pk,
                    "unit_id": unit_id,
                    "reason": "key_area_arrival",
                    "name": "基准人员",
                    "from_region_code": "420100",
                    "watch_record_id": record,
                }
                for (visit_id, unit_id), record in zip(found, records, strict=False)
            ],
        )
    generated = time.perf_counter() - started
    started = time.perf_counter()
    coverage_rebuild(campaign_ids=[campaign.pk])
    rebuilt = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    assert Campaign.objects.count() == 1
    return campaign.pk, generated, rebuilt


def naive_coverage(campaign_id: int, path: str) -> list:
    """What a board computed from the visits would ask: distinct households per community."""
    from django.db.models import Count, Sum

    from shouwang.community.models import Household, Visit

    visited = list(
        Visit.objects.filter(campaign_id=campaign_id, household__unit__path__startswith=path)
        .values("household__unit_id")
        .annotate(
            visited=Count("household_id", distinct=True),
            times=Sum("visitor_count"),
            visits=Count("id"),
        )
        .order_by()
    )
    totals = list(
        Household.objects.filter(unit__path__startswith=path)
        .values("unit_id")
        .annotate(total=Count("id"))
        .order_by()
    )
    return [visited, totals]


def worker(households: int, visits: int) -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.test import Client

    from shouwang.accounts.models import User
    from shouwang.accounts.services import api_token_issue
    from shouwang.community.models import Campaign
    from shouwang.community.selectors.coverage import campaign_coverage
    from shouwang.demo import bureau

    units = bureau.load()
    commander = User.objects.select_related("unit").get(username="commander")
    chief = User.objects.select_related("unit").get(username="chief1")
    campaign_id, generated, rebuilt = _generate(households, visits, units, chief, commander)
    campaign = Campaign.objects.get(pk=campaign_id)

    kept = campaign_coverage(campaign, user=commander)
    naive = naive_coverage(campaign_id, commander.unit.path)
    assert kept.households_visited == sum(row["visited"] for row in naive[0])
    assert kept.households_total == sum(row["total"] for row in naive[1]) == households
    assert kept.visits == visits

    _token, raw = api_token_issue(user=commander, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", SERVER_NAME="localhost")
    page = Client(SERVER_NAME="localhost")
    page.force_login(commander)

    def api_call():
        response = api.get(f"/api/v1/screening/campaigns/{campaign_id}/coverage")
        assert response.status_code == 200, response.content[:300]

    def page_call():
        response = page.get(f"/community/campaigns/{campaign_id}/")
        assert response.status_code == 200, response.status_code

    station = chief.unit
    result = {
        "generate_seconds": generated,
        "rebuild_seconds": rebuilt,
        "service": timed(lambda: campaign_coverage(campaign, user=commander), REPEATS),
        "station": timed(
            lambda: campaign_coverage(campaign, user=commander, unit=station), REPEATS
        ),
        "api": timed(api_call, REPEATS),
        "page": timed(page_call, REPEATS),
        "naive": timed(lambda: naive_coverage(campaign_id, commander.unit.path), REPEATS),
        "naive_station": timed(lambda: naive_coverage(campaign_id, station.path), REPEATS),
    }
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    worker(int(sys.argv[2]), int(sys.argv[3]))
