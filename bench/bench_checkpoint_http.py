"""Single registrations `POST /api/v1/passages` over HTTP under gunicorn, production settings,
PostgreSQL, with 32 concurrent clients in a second process on 127.0.0.1.

Each client is a thread with its own `http.client` connection; every request registers one
passage (a new client_id) with a bearer token. The run is bounded by a request count and a
time limit.

Sizes: BENCH_HTTP_REQUESTS (default 3,000), BENCH_HTTP_CLIENTS (default 32),
BENCH_HTTP_WORKERS (gunicorn sync workers, default 2 × cores + 1), BENCH_HTTP_SECONDS
(time limit of the load, default 90). Run alone: `python -m bench bench_checkpoint_http`.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, timedelta
from pathlib import Path

from bench.harness import BENCH_DIR, Measurement, Section, bench_database

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "3000"))
CLIENTS = int(os.environ.get("BENCH_HTTP_CLIENTS", "32"))
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "90"))
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SHOUWANG_FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(48),
        "SHOUWANG_BLIND_INDEX_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SHOUWANG_VAR_DIR": str(BENCH_DIR),
        "PYTHONPATH": str(ROOT),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _python(args: list[str], env: dict, timeout: float) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _wait_ready(port: int, server: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start")
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/checkpoints", timeout=2)
        except urllib.error.HTTPError:
            return  # 401 without a token: the application answers
        except OSError:
            time.sleep(0.3)
            continue
        return
    raise RuntimeError("gunicorn did not answer in time")


def run() -> Section:
    section = Section(
        "Checkpoints: single registrations over HTTP",
        notes=(
            f"`POST /api/v1/passages` under gunicorn ({WORKERS} sync workers, production "
            f"settings, PostgreSQL), {CLIENTS} concurrent clients (threads with `http.client`) "
            f"in a second process on {HOST}; {REQUESTS:,} requests at most, {SECONDS:.0f} s at "
            "most. Latency is measured by the client, request sent to response read."
        ),
    )
    url = bench_database("checkpoint_http", "postgres")
    env = _environment(url)
    setup = json.loads(_python(["-m", "bench.bench_checkpoint_http", "setup"], env, 300))
    port = _free_port()
    log = open(BENCH_DIR / "bench_checkpoint_http.gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WORKERS),
            "--backlog",
            "256",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_ready(port, server)
        args = [str(port), setup["token"], str(setup["checkpoint"])]
        load = _python(["-m", "bench.bench_checkpoint_http", "client", *args], env, SECONDS + 60)
        result = json.loads(load)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    errors = result["requests"] - result["created"]
    note = f"{result['created']:,} created, {errors:,} failed, {result['seconds']:.1f} s"
    section.measurements += [
        Measurement("registrations, PostgreSQL", result["rate"], "requests/s", notes=note),
        Measurement("latency p50", result["p50"], "ms"),
        Measurement("latency p95", result["p95"], "ms"),
    ]
    return section


# --- subprocesses ----------------------------------------------------------------------------


def setup() -> None:
    """Schema, the demo bureau, a checkpoint and an API token for officer1; prints them."""
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from shouwang.accounts.models import User
    from shouwang.accounts.services import api_token_issue
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.demo import bureau

    units = bureau.load()
    officer = User.objects.get(username="officer1")
    checkpoint = Checkpoint.objects.create(
        unit=units["城关东出口卡点"], name="HTTP基准卡点", kind="highway_exit"
    )
    _token, raw = api_token_issue(user=officer, name="bench")
    print(json.dumps({"token": raw, "checkpoint": checkpoint.pk}))


def _body(checkpoint: int, n: int) -> bytes:
    from datetime import datetime

    pedestrian = n % 10 == 9
    return json.dumps(
        {
            "client_id": str(uuid.uuid4()),
            "checkpoint": checkpoint,
            "occurred_at": (datetime.now(UTC) - timedelta(seconds=n)).isoformat(),
            "direction": "in" if n % 3 else "out",
            "plate": None if pedestrian else ("鄂A" if n % 10 == 0 else "陕K") + f"{n:05d}",
            "vehicle_kind": "pedestrian" if pedestrian else "car",
            "occupants_count": 1 + n % 4,
            "temperature": "36.5",
            "health_code": "green",
            "disposition": "turned_back" if n % 7 == 0 else "passed",
            "destination": "县城",
            "purpose": "返乡",
        },
        ensure_ascii=False,
    ).encode()


def client(port: int, token: str, checkpoint: int) -> None:
    """CLIENTS threads share REQUESTS registrations; prints rate and latencies."""
    import http.client

    counter = iter(range(REQUESTS))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + SECONDS
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def work() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            body = _body(checkpoint, n)
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/passages", body, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                status = 0
            elapsed = 1000 * (time.perf_counter() - started)
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, round(q * (len(latencies) - 1)))]

    created = statuses.get(200, 0) + statuses.get(201, 0)
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "created": created,
                "statuses": statuses,
                "seconds": seconds,
                "rate": len(latencies) / seconds,
                "p50": quantile(0.5),
                "p95": quantile(0.95),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["setup"]:
        setup()
    elif sys.argv[1:2] == ["client"]:
        client(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
