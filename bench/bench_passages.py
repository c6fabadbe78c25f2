"""Batch ingest of passages through `passage_batch_register` (the API's code), on SQLite and
PostgreSQL, against the raw ceiling: the same rows written straight into the same tables
(executemany on SQLite, COPY on PostgreSQL) in the same run.

Sizes: BENCH_PASSAGES (default 20,000) passages in batches of 1,000.
Run alone: `python -m bench bench_passages`.
"""

import json
import os
import sys
import time
import uuid
from datetime import timedelta

from bench.harness import Measurement, Section, bench_database, run_worker

TOTAL = int(os.environ.get("BENCH_PASSAGES", "20000"))
BATCH = 1000
TARGETS = {"sqlite": 10_000, "postgres": 20_000}


def run() -> Section:
    section = Section(
        "Checkpoints: batch ingest of passages",
        notes=(
            f"{TOTAL:,} passages in batches of {BATCH:,} through `passage_batch_register` "
            "(validation of every item, idempotency check, bulk insert of the passages, "
            "update of the figures' per-hour and per-origin counts); items are vehicles and "
            "pedestrian groups with a count, a temperature and a health code, 10% out of "
            "town. The raw ceiling writes the same passage rows into the same table with "
            "executemany (SQLite) or COPY (PostgreSQL) in the same run."
        ),
    )
    for vendor in ("sqlite", "postgres"):
        url = bench_database("passages", vendor)
        result = json.loads(run_worker("bench.bench_passages", ["worker"], url))
        rate, raw = result["service_rate"], result["raw_rate"]
        name = "SQLite" if vendor == "sqlite" else "PostgreSQL"
        section.measurements += [
            Measurement(
                f"batch ingest, {name}",
                rate,
                "passages/s",
                f"≥ {TARGETS[vendor]:,}/s",
                rate >= TARGETS[vendor],
            ),
            Measurement(
                f"raw ceiling, {name}",
                raw,
                "passages/s",
                notes="executemany" if vendor == "sqlite" else "COPY",
            ),
            Measurement(f"service / raw, {name}", 100 * rate / raw, "%"),
        ]
    return section


def _items(checkpoint_id: int, count: int, now) -> list[dict]:
    items = []
    for n in range(count):
        pedestrian = n % 10 == 9
        items.append(
            {
                "client_id": str(uuid.uuid4()),
                "checkpoint": checkpoint_id,
                "occurred_at": (now - timedelta(seconds=n)).isoformat(),
                "direction": "in" if n % 3 else "out",
                "plate": None
                if pedestrian
                else ("鄂A" if n % 10 == 0 else "陕K") + f"{n % 100000:05d}",
                "vehicle_kind": "pedestrian" if pedestrian else "car",
                "occupants_count": 1 + n % 4,
                "temperature": "36.5",
                "health_code": "green",
                "disposition": "turned_back" if n % 7 == 0 else "passed",
                "destination": "县城",
                "purpose": "返乡",
            }
        )
    return items


def _raw_insert(table: str, vendor: str, count: int) -> float:
    """Copy `count` stored rows of `table` back into it with new keys; seconds taken."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} LIMIT %s", [count])
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    key = "history_id" if "history_id" in columns else "id"
    keep = [c for c in columns if c != key]
    positions = [columns.index(c) for c in keep]
    unique = keep.index("client_id") if table == "checkpoints_passage" else None
    fresh = []
    for row in rows:
        values = [row[i] for i in positions]
        if unique is not None:
            values[unique] = uuid.uuid4() if vendor == "postgres" else uuid.uuid4().hex
        fresh.append(values)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if vendor == "postgres":
            raw = cursor.cursor
            names = ", ".join(f'"{c}"' for c in keep)
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in fresh:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(keep))
            names = ", ".join(f'"{c}"' for c in keep)
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", fresh)
    return time.perf_counter() - started


def worker() -> None:
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from django.db import connection, transaction
    from django.utils import timezone

    from shouwang.accounts.models import User
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.checkpoints.services import passage_batch_register
    from shouwang.demo import bureau

    units = bureau.load()
    officer = User.objects.get(username="officer1")
    checkpoint = Checkpoint.objects.create(
        unit=units["城关东出口卡点"], name="基准测试卡点", kind="highway_exit"
    )
    items = _items(checkpoint.pk, TOTAL, timezone.now())
    passage_batch_register(actor=officer, items=_items(checkpoint.pk, 200, timezone.now()))
    started = time.perf_counter()
    for start in range(0, TOTAL, BATCH):
        results = passage_batch_register(actor=officer, items=items[start : start + BATCH])
        assert all(r["status"] == "created" for r in results), results[:3]
    service_seconds = time.perf_counter() - started

    vendor = "postgres" if connection.vendor == "postgresql" else "sqlite"
    raw_seconds = 0.0
    for _batch in range(0, TOTAL, BATCH):
        with transaction.atomic():
            raw_seconds += _raw_insert("checkpoints_passage", vendor, BATCH)
    print(json.dumps({"service_rate": TOTAL / service_seconds, "raw_rate": TOTAL / raw_seconds}))


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
