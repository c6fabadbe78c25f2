"""The passage export of a bureau (`POST /checkpoints/passages/export/`, the records page's
xlsx) at N rows and at N/10: its memory should stay flat, its time grow with the rows.

A bureau's passages (a fifth with two named occupants, so the export prefetches them) are
registered through `passage_batch_register` at four checkpoints, on PostgreSQL. The commander
exports them masked, as the page does (Django test client, the file's stream read to its end),
first N/10 of them, then, after the rest are registered, all N, each in a fresh process that
has made one small export first (imports, connection). Each export runs once to time it and
to read the growth of the process's peak resident memory (its high-water mark reset before),
and once under tracemalloc for the peak of Python allocations. The access log's entry, which
names every exported id, is part of the export and of its memory.

Sizes: BENCH_EXPORT_ROWS (default 100,000). Run alone: `python -m bench bench_passage_export`.
"""

import gc
import json
import os
import re
import sys
import time
import tracemalloc
import uuid
from datetime import timedelta
from pathlib import Path

from bench.harness import Measurement, Section, bench_database, run_worker

ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
TARGET_RATIO = 2.0  # memory at N over memory at N/10: flat would be 1, rows held in memory 10
MODULE = "bench.bench_passage_export"


def run() -> Section:
    small = max(ROWS // 10, 1)
    url = bench_database("passage_export", "postgres")
    exports = []
    for first, count in ((0, small), (small, ROWS - small)):
        run_worker(MODULE, ["register", str(first), str(count)], url, timeout=1800)
        exports.append(json.loads(run_worker(MODULE, ["export", str(first + count)], url)))
    few, many = exports
    traced = many["traced_peak_mb"] / few["traced_peak_mb"]
    resident = many["resident_growth_mb"] / max(few["resident_growth_mb"], 0.1)
    section = Section(
        "Checkpoints: passage export memory",
        notes=(
            f"The records page's export of a bureau's passages (PostgreSQL), masked, by the "
            f"commander: {small:,} rows, then {ROWS:,} (a fifth with two named occupants), each "
            "in a fresh process after one small export. Rows are read 2,000 at a time "
            "(`QuerySet.iterator`, occupants prefetched per chunk into lists) and written as "
            "they come by `shell.spreadsheets` into a temporary file the response streams; "
            "only the ids the access log names are kept (its entry lists them all). Memory is "
            "the peak of Python allocations during the export (tracemalloc, a second run) and "
            "the growth of the process's peak resident memory (first run)."
        ),
    )
    for label, measured in ((f"{small:,} rows", few), (f"{ROWS:,} rows", many)):
        section.measurements += [
            Measurement(
                f"export of {label}: time",
                measured["seconds"],
                "s",
                notes=f"{measured['rows'] / measured['seconds']:,.0f} rows/s, "
                f"{measured['file_mb']:.1f} MB file",
            ),
            Measurement(f"export of {label}: Python memory peak", measured["traced_peak_mb"], "MB"),
            Measurement(
                f"export of {label}: resident memory growth", measured["resident_growth_mb"], "MB"
            ),
        ]
    section.measurements += [
        Measurement(
            "Python memory peak, N / (N/10)",
            traced,
            "×",
            target=f"≤ {TARGET_RATIO:g}× (10× if rows were held)",
            met=traced <= TARGET_RATIO,
        ),
        Measurement("resident memory growth, N / (N/10)", resident, "×"),
    ]
    return section


# --- worker ----------------------------------------------------------------------------------


def _resident_peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def _reset_resident_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _items(checkpoint_id: int, count: int, start: int, now) -> list[dict]:
    items = []
    for n in range(start, start + count):
        named = n % 5 == 0
        items.append(
            {
                "client_id": str(uuid.uuid4()),
                "checkpoint": checkpoint_id,
                "occurred_at": (now - timedelta(seconds=n)).isoformat(),
                "direction": "in" if n % 3 else "out",
                "plate": ("鄂A" if n % 10 == 0 else "陕K") + f"{n % 100000:05d}",
                "vehicle_kind": "car",
                "occupants_count": 2 if named else 1 + n % 4,
                "occupants": [{"name": "张伟"}, {"name": "李娜", "phone": "13800138000"}]
                if named
                else [],
                "temperature": "36.5",
                "health_code": "green",
                "disposition": "turned_back" if n % 7 == 0 else "passed",
                "destination": "县城",
                "purpose": "返乡",
            }
        )
    return items


def _register(officer, checkpoints: list[int], count: int, start: int) -> None:
    from django.utils import timezone

    from shouwang.checkpoints.services import passage_batch_register

    now = timezone.now()
    for first in range(start, start + count, 1000):
        size = min(1000, start + count - first)
        items = _items(checkpoints[first // 1000 % len(checkpoints)], size, first, now)
        results = passage_batch_register(actor=officer, items=items)
        assert all(r["status"] == "created" for r in results), results[:3]


def _export(client, rows: int) -> dict:
    from shouwang.audit.models import AccessEvent

    def once() -> tuple[float, int]:
        started = time.perf_counter()
        response = client.post("/checkpoints/passages/export/", {})
        assert response.status_code == 200, response.status_code
        size = sum(len(chunk) for chunk in response.streaming_content)
        response.close()
        return time.perf_counter() - started, size

    gc.collect()
    reset = _reset_resident_peak()
    before = _resident_peak_mb()
    seconds, size = once()
    growth = _resident_peak_mb() - before if reset else float("nan")
    exported = AccessEvent.objects.order_by("-id").values_list("record_count", flat=True)[0]
    assert exported == rows, (exported, rows)
    gc.collect()
    tracemalloc.start()
    once()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "seconds": seconds,
        "file_mb": size / 2**20,
        "traced_peak_mb": peak / 2**20,
        "resident_growth_mb": growth,
    }


def _setup():
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from shouwang.accounts.models import User
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.demo import bureau

    units = bureau.load()
    post = units["城关东出口卡点"]  # officer1's post; the commander reads the whole bureau
    checkpoints = [
        Checkpoint.objects.get_or_create(
            unit=post, name=f"导出基准卡点{n}", defaults={"kind": "highway_exit"}
        )[0].pk
        for n in range(4)
    ]
    return (
        User.objects.get(username="officer1"),
        User.objects.get(username="commander"),
        checkpoints,
    )


def register(first: int, count: int) -> None:
    officer, _commander, checkpoints = _setup()
    _register(officer, checkpoints, count, first)


def export(rows: int) -> None:
    from django.test import Client

    _officer, commander, _checkpoints = _setup()
    client = Client(SERVER_NAME="localhost")
    client.force_login(commander)
    # Warm-up: imports, templates and the connection, on the few passages of one plate.
    warm = client.post("/checkpoints/passages/export/?plate=陕K00001", {})
    assert warm.status_code == 200, warm.status_code
    warm.getvalue()
    warm.close()
    print(json.dumps(_export(client, rows)))


if __name__ == "__main__" and sys.argv[1:2] == ["register"]:
    register(int(sys.argv[2]), int(sys.argv[3]))
elif __name__ == "__main__" and sys.argv[1:2] == ["export"]:
    export(int(sys.argv[2]))
