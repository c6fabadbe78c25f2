"""Batch ingest of passages through `passage_batch_register` (the API's code), on SQLite and
PostgreSQL, against the raw ceiling: the same rows written straight into the same table
(executemany on SQLite, COPY on PostgreSQL, each batch committed) in the same run.

Each is measured with one client process, then two and four at once (one and two per core of
the benchmark machine, as the API server's workers would be): the throughput is the passages
written divided by the wall time from the first start to the last finish, the median of
REPEATS runs (shared machines are noisy). The machine's throughput, which the target is about,
is the highest of those medians: its capacity at the concurrency that suits it best.

Sizes: BENCH_PASSAGES (default 20,000) passages per client in batches of 1,000.
Run alone: `python -m bench bench_passages`.
"""

import json
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta

from bench.harness import (
    Measurement,
    Section,
    bench_database,
    run_worker,
    run_workers_together,
    wait_for_go,
)

TOTAL = int(os.environ.get("BENCH_PASSAGES", "20000"))
BATCH = 1000
TARGETS = {"sqlite": 10_000, "postgres": 20_000}
CLIENTS = (1, 2, 4)
REPEATS = int(os.environ.get("BENCH_PASSAGES_REPEATS", "3"))
MODULE = "bench.bench_passages"


def run() -> Section:
    section = Section(
        "Checkpoints: batch ingest of passages",
        notes=(
            f"{TOTAL:,} passages per client in batches of {BATCH:,} through "
            "`passage_batch_register` (validation of every item, idempotency check, bulk "
            "insert of the passages, update of the figures' per-hour and per-origin counts, "
            "commit); items are vehicles and pedestrian groups with a count, a temperature "
            "and a health code, 10% out of town. The raw ceiling writes the same passage rows "
            "into the same table with executemany (SQLite) or COPY (PostgreSQL), one commit "
            "per batch. One client, then two and four at once (the machine has two cores); "
            f"each figure is the median of {REPEATS} runs, and the target applies to the "
            "machine's throughput, the highest of them."
        ),
    )
    for vendor in ("sqlite", "postgres"):
        name = "SQLite" if vendor == "sqlite" else "PostgreSQL"
        url = bench_database("passages", vendor)
        checkpoint = json.loads(run_worker(MODULE, ["setup"], url))["checkpoint"]
        rates = {
            clients: (
                _throughput(url, "service", checkpoint, clients),
                _throughput(url, "raw", checkpoint, clients),
            )
            for clients in CLIENTS
        }
        best = max(rates, key=lambda clients: rates[clients][0])
        for clients, (service, raw) in rates.items():
            label = "one client" if clients == 1 else f"{clients} clients"
            judged = clients == best
            section.measurements += [
                Measurement(
                    f"batch ingest, {name}, {label}",
                    service,
                    "passages/s",
                    f"≥ {TARGETS[vendor]:,}/s" if judged else "",
                    service >= TARGETS[vendor] if judged else None,
                ),
                Measurement(
                    f"raw ceiling, {name}, {label}",
                    raw,
                    "passages/s",
                    notes="executemany" if vendor == "sqlite" else "COPY",
                ),
                Measurement(f"service / raw, {name}, {label}", 100 * service / raw, "%"),
            ]
    return section


def _throughput(url: str, mode: str, checkpoint: int, clients: int) -> float:
    """Passages written per second by `clients` processes at once; the median of REPEATS."""
    rates = []
    for _run in range(REPEATS):
        results = run_workers_together(
            MODULE, [[mode, str(checkpoint), str(seed)] for seed in range(clients)], url
        )
        started = min(result["started"] for result in results)
        finished = max(result["finished"] for result in results)
        rates.append(sum(result["count"] for result in results) / (finished - started))
    return statistics.median(rates)


def _items(checkpoint_id: int, count: int, now, seed: int = 0) -> list[dict]:
    items = []
    for n in range(count):
        pedestrian = n % 10 == 9
        serial = (seed * count + n) % 100000
        items.append(
            {
                "client_id": str(uuid.uuid4()),
                "checkpoint": checkpoint_id,
                "occurred_at": (now - timedelta(seconds=n)).isoformat(),
                "direction": "in" if n % 3 else "out",
                "plate": None
                if pedestrian
                else ("鄂A" if n % 10 == 0 else "陕K") + f"{serial:05d}",
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


def setup() -> None:
    from bench.harness import migrate_quietly

    migrate_quietly()
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.demo import bureau

    units = bureau.load()
    checkpoint = Checkpoint.objects.create(
        unit=units["城关东出口卡点"], name="基准测试卡点", kind="highway_exit"
    )
    print(json.dumps({"checkpoint": checkpoint.pk}))


def service(checkpoint_id: int, seed: int) -> None:
    from django.utils import timezone

    from shouwang.accounts.models import User
    from shouwang.checkpoints.services import passage_batch_register

    officer = User.objects.get(username="officer1")
    items = _items(checkpoint_id, TOTAL, timezone.now(), seed)
    # Warm up: the process's first batch pays for imports and caches.
    warm = passage_batch_register(actor=officer, items=_items(checkpoint_id, 200, timezone.now()))
    assert all(r["status"] == "created" for r in warm), warm[:3]
    started = wait_for_go()
    for start in range(0, TOTAL, BATCH):
        results = passage_batch_register(actor=officer, items=items[start : start + BATCH])
        assert all(r["status"] == "created" for r in results), results[:3]
    print(json.dumps({"started": started, "finished": time.time(), "count": TOTAL}))


def raw() -> None:
    """The same rows (copied from the table, with new keys) written straight back, per batch."""
    from django.db import connection, transaction

    table = "checkpoints_passage"
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY id LIMIT %s", [BATCH])
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    keep = [c for c in columns if c != "id"]
    positions = [columns.index(c) for c in keep]
    unique = keep.index("client_id")
    batches = []
    for _batch in range(0, TOTAL, BATCH):
        fresh = []
        for row in rows:
            values = [row[i] for i in positions]
            values[unique] = uuid.uuid4() if postgres else uuid.uuid4().hex
            fresh.append(values)
        batches.append(fresh)
    names = ", ".join(f'"{c}"' for c in keep)
    marks = ", ".join(["%s"] * len(keep))
    started = wait_for_go()
    for fresh in batches:
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for values in fresh:
                        copy.write_row(values)
            else:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", fresh)
    print(json.dumps({"started": started, "finished": time.time(), "count": TOTAL}))


if __name__ == "__main__" and sys.argv[1:2] in (["setup"], ["service"], ["raw"]):
    import django

    django.setup()
    mode = sys.argv[1]
    if mode == "setup":
        setup()
    elif mode == "service":
        service(int(sys.argv[2]), int(sys.argv[3]))
    else:
        raw()
