"""What every benchmark returns, and how the results become docs/performance.md."""

import os
import platform
import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
# BENCH_REPORT writes elsewhere, e.g. for a short trial run that must not replace the figures.
REPORT = Path(os.environ.get("BENCH_REPORT", ROOT / "docs" / "performance.md"))


@dataclass
class Measurement:
    name: str  # what was measured, e.g. "batch ingest, SQLite"
    value: float
    unit: str  # e.g. "passages/s", "ms p95"
    target: str = ""  # the target, in words, e.g. "≥ 10,000/s"
    met: bool | None = None
    notes: str = ""


@dataclass
class Section:
    title: str
    measurements: list[Measurement] = field(default_factory=list)
    notes: str = ""


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def git_revision() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _section_lines(section: Section, stamp: str) -> list[str]:
    lines = [f"## {section.title}", "", f"_Measured {stamp}._", ""]
    if section.notes:
        lines += [section.notes, ""]
    lines += ["| measurement | result | target | met |", "|---|---|---|---|"]
    for m in section.measurements:
        met = "—" if m.met is None else ("yes" if m.met else "**no**")
        note = f" ({m.notes})" if m.notes else ""
        lines.append(f"| {m.name}{note} | {m.value:,.1f} {m.unit} | {m.target} | {met} |")
    return lines + [""]


def _existing_sections() -> dict[str, list[str]]:
    """Sections already in the report, by title, so running one benchmark keeps the others."""
    if not REPORT.exists():
        return {}
    sections: dict[str, list[str]] = {}
    current = None
    for line in REPORT.read_text().splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        if current is not None:
            sections[current].append(line)
    return sections


def write_report(sections: list[Section]) -> Path:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    stamp = f"{now:%Y-%m-%d %H:%M} (Asia/Shanghai), revision {git_revision()}"
    merged = _existing_sections()
    for section in sections:
        merged[section.title] = _section_lines(section, stamp)
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`python -m bench [module …]` reruns only the named benchmarks",
        "and keeps the other sections); do not edit by hand.",
        "",
        f"- Last run: {now:%Y-%m-%d %H:%M} (Asia/Shanghai)",
        f"- Machine: {machine_description()}",
        "",
    ]
    for title in sorted(merged):
        lines += merged[title]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines).rstrip() + "\n")
    return REPORT


def timed(call, repeats: int) -> dict:
    """p50 and p95 in ms of `repeats` calls of `call`, after one warm-up call."""
    import statistics

    call()  # warm-up: connection, caches, templates
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50": statistics.median(times), "p95": p95, "max": times[-1]}


# --- throwaway databases, shared by every benchmark -----------------------------------------

BENCH_DIR = Path(os.environ.get("SHOUWANG_BENCH_DIR", "/tmp/shouwang-bench"))
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def bench_dir() -> Path:
    """The benchmarks' working folder (SQLite files, logs, collected static files), created
    when missing: each benchmark can run alone from a clean machine."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return BENCH_DIR


_collected: list[Path] = []


def collected_static() -> Path:
    """Static files collected (with their manifest) into the working folder, once per run.

    Pages rendered under local or production settings need the manifest; the folder is the
    bench's own, so a benchmark never depends on a `collectstatic` run beforehand.
    """
    if not _collected:
        import sys

        root = bench_dir() / "static"
        done = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0"],
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.local",
                "SHOUWANG_VAR_DIR": str(BENCH_DIR),
                "STATIC_ROOT": str(root),
            },
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{done.stderr[-3000:]}")
        _collected.append(root)
    return _collected[0]


def worker_environment(database_url: str, *, static: bool = False) -> dict:
    """The environment of a benchmark's worker process (local settings unless BENCH_SETTINGS)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "config.settings.local"),
        "SHOUWANG_VAR_DIR": str(bench_dir()),
    }
    if static:
        env["STATIC_ROOT"] = str(collected_static())
    return env


def bench_database(name: str, vendor: str) -> str:
    """A fresh, empty database for one benchmark; returns its DATABASE_URL.

    `vendor` is "sqlite" (a new file under SHOUWANG_BENCH_DIR) or "postgres" (drops and
    recreates `shouwang_bench_<name>` on BENCH_POSTGRES). Migrate it in the process that uses it.
    """
    bench_dir()
    if vendor == "sqlite":
        path = BENCH_DIR / f"bench_{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if vendor == "postgres":
        import psycopg

        database = f"shouwang_bench_{name}"
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        return f"{POSTGRES_SERVER}/{database}"
    raise ValueError(f"unknown vendor {vendor!r}")


def run_worker(
    module: str, args: list[str], database_url: str, timeout: int = 600, *, static: bool = False
) -> str:
    """Run `python -m <module> <args>` against `database_url` in a fresh process; its stdout.

    `static`: the worker renders pages, which need the collected static files.
    """
    import sys

    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=worker_environment(database_url, static=static),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} {args} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def migrate_quietly() -> None:
    """Bring the current database (DATABASE_URL) to the latest schema; call after django.setup()."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def run_workers_together(module: str, args: list[list[str]], database_url: str) -> list[dict]:
    """Run one `python -m <module> <args>` process per entry of `args`, all at once.

    Each worker sets itself up, prints "ready", waits for a line on stdin, does its timed
    work and prints one JSON object with its "started" and "finished" wall-clock times (and
    whatever else it measured). Setup is thus outside the common timed window.
    """
    import json
    import sys

    env = worker_environment(database_url)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", module, *worker_args],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for worker_args in args
    ]
    for worker in workers:
        line = worker.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"{module} did not get ready:\n{worker.stderr.read()[-3000:]}")
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        if worker.returncode != 0:
            raise RuntimeError(f"{module} failed:\n{err[-3000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def wait_for_go() -> float:
    """In a worker of `run_workers_together`: say ready, wait for the start; the start time."""
    import sys

    print("ready", flush=True)
    sys.stdin.readline()
    return time.time()
