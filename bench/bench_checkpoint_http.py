"""Single registrations `POST /api/v1/passages` over HTTP under gunicorn, production settings,
PostgreSQL, with 32 concurrent clients in a second process on 127.0.0.1, against the ceiling
of the same server: a bare Django + django-ninja endpoint doing one insert (`bench.bare_endpoint`,
mounted only in the bench's URL configuration `bench.http_settings`), loaded the same way.

Each client is a thread with its own `http.client` connection; every request sends one
passage (a new client_id) with a bearer token, the same body to every endpoint. A second bare
endpoint adds the application's API authentication (`/bench/bare-authenticated`). After a
warm-up of each, the bare endpoints and the registrations are loaded in turn, BENCH_HTTP_ROUNDS
times (a shared machine is noisy): rates are the medians of the rounds, latencies are over
every request of the rounds. Each load is bounded by a request count and a time limit.

Sizes: BENCH_HTTP_REQUESTS (per load, default 3,000), BENCH_HTTP_CLIENTS (default 32),
BENCH_HTTP_WORKERS (gunicorn sync workers, default 2 × cores + 1), BENCH_HTTP_SECONDS
(time limit of a load, default 90), BENCH_HTTP_ROUNDS (default 3).
Run alone: `python -m bench bench_checkpoint_http`.
"""

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, timedelta
from pathlib import Path

from bench.harness import Measurement, Section, bench_database, bench_dir

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "3000"))
CLIENTS = int(os.environ.get("BENCH_HTTP_CLIENTS", "32"))
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "90"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "3"))
WARM_UP = min(REQUESTS, 300)
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REGISTRATION = "/api/v1/passages"
BARE = "/bench/bare"
BARE_AUTHENTICATED = "/bench/bare-authenticated"
TARGET_SHARE = 50  # % of the bare ceiling


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        # Production settings with the bare endpoint added beside the application's URLs.
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SHOUWANG_FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(48),
        "SHOUWANG_BLIND_INDEX_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SHOUWANG_VAR_DIR": str(bench_dir()),
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


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def run() -> Section:
    url = bench_database("checkpoint_http", "postgres")
    env = _environment(url)
    setup = json.loads(_python(["-m", "bench.bench_checkpoint_http", "setup"], env, 300))
    port = _free_port()
    log = open(bench_dir() / "bench_checkpoint_http.gunicorn.log", "w")  # noqa: SIM115
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
    loads: dict[str, list[dict]] = {BARE: [], BARE_AUTHENTICATED: [], REGISTRATION: []}
    try:
        _wait_ready(port, server)

        def load(path: str, requests: int) -> dict:
            args = [str(port), setup["token"], str(setup["checkpoint"]), path, str(requests)]
            out = _python(["-m", "bench.bench_checkpoint_http", "client", *args], env, SECONDS + 60)
            return json.loads(out)

        for path in loads:  # every worker imports and connects before anything is timed
            load(path, WARM_UP)
        for _round in range(ROUNDS):
            for path in loads:
                loads[path].append(load(path, REQUESTS))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    def summary(path: str) -> dict:
        results = loads[path]
        requests = sum(r["requests"] for r in results)
        created = sum(r["created"] for r in results)
        latencies = [ms for r in results for ms in r["latencies"]]
        return {
            "rate": statistics.median(r["rate"] for r in results),
            "note": f"{created:,} of {requests:,} created",
            "p50": _quantile(latencies, 0.5),
            "p95": _quantile(latencies, 0.95),
        }

    bare, registered = summary(BARE), summary(REGISTRATION)
    authenticated = summary(BARE_AUTHENTICATED)
    share = 100 * registered["rate"] / bare["rate"]
    section = Section(
        "Checkpoints: single registrations over HTTP",
        notes=(
            f"`POST {REGISTRATION}` under gunicorn ({WORKERS} sync workers, production "
            f"settings, PostgreSQL), {CLIENTS} concurrent clients (threads with `http.client`) "
            f"in a second process on {HOST}. The ceiling is a bare Django + django-ninja "
            f"endpoint of the same server (`POST {BARE}`: the same middleware, the same body "
            "read into a ninja schema, one INSERT … RETURNING into a table of its own, no "
            "authentication, validation or figures), loaded the same way in the same run; "
            f"`POST {BARE_AUTHENTICATED}` is the same behind the API's bearer-token "
            "authentication and the registration's rule, which every API call pays. "
            "A registration is five statements in one transaction: the token with its user, "
            "the checkpoint with the key areas in force, the passage INSERT … RETURNING and the "
            "two figures' counts (upserts); the answer is built from what was written. "
            f"After a warm-up, {ROUNDS} rounds of each in turn ({REQUESTS:,} requests at most, "
            f"{SECONDS:.0f} s at most per load); rates are the medians of the rounds, latency "
            "is measured by the client, request sent to response read, over every round."
        ),
    )
    section.measurements += [
        Measurement(
            "bare ceiling: Django + ninja, one INSERT",
            bare["rate"],
            "requests/s",
            notes=bare["note"],
        ),
        Measurement(
            "registrations, PostgreSQL", registered["rate"], "requests/s", notes=registered["note"]
        ),
        Measurement(
            "registrations / bare ceiling",
            share,
            "%",
            target=f"≥ {TARGET_SHARE} %",
            met=share >= TARGET_SHARE,
        ),
        Measurement(
            "bare ceiling with the API's authentication",
            authenticated["rate"],
            "requests/s",
            notes=authenticated["note"],
        ),
        Measurement(
            "registrations / authenticated bare ceiling",
            100 * registered["rate"] / authenticated["rate"],
            "%",
        ),
        Measurement(f"registration latency p50, {CLIENTS} clients", registered["p50"], "ms"),
        Measurement(f"registration latency p95, {CLIENTS} clients", registered["p95"], "ms"),
        Measurement(f"bare ceiling latency p95, {CLIENTS} clients", bare["p95"], "ms"),
    ]
    return section


# --- subprocesses ----------------------------------------------------------------------------


def setup() -> None:
    """Schema, the demo bureau, a checkpoint and an API token for officer1; prints them."""
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from bench.bare_endpoint import table_create
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
    table_create()
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


def client(port: int, token: str, checkpoint: int, path: str, requests: int) -> None:
    """CLIENTS threads share `requests` posts to `path`; prints rate and latencies."""
    import http.client

    counter = iter(range(requests))
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
                connection.request("POST", path, body, headers)
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
    created = statuses.get(200, 0) + statuses.get(201, 0)
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "created": created,
                "statuses": statuses,
                "seconds": seconds,
                "rate": len(latencies) / seconds,
                "latencies": [round(ms, 2) for ms in latencies],
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["setup"]:
        setup()
    elif sys.argv[1:2] == ["client"]:
        client(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]))
