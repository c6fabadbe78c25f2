"""Loading the application over HTTP: gunicorn with production settings on PostgreSQL, and a
second process of client threads, each with its own `http.client` connection.

Shared by the HTTP benches (`bench_checkpoint_http`, `bench_intake_submit_http`): one way to
start the server, load an endpoint and summarise the rounds, so their ceilings (the bare
endpoint of `bench.bare_endpoint`) and their figures are measured alike.

Sizes: BENCH_HTTP_REQUESTS (per load, default 3,000), BENCH_HTTP_CLIENTS (default 32),
BENCH_HTTP_WORKERS (gunicorn sync workers, default 2 × cores + 1), BENCH_HTTP_SECONDS
(time limit of a load, default 90), BENCH_HTTP_ROUNDS (default 5).
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.harness import bench_dir

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "3000"))
CLIENTS = int(os.environ.get("BENCH_HTTP_CLIENTS", "32"))
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "90"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "5"))
WARM_UP = min(REQUESTS, 300)
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def environment(database_url: str, **extra: str) -> dict:
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
        **extra,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def python(args: list[str], env: dict, timeout: float) -> str:
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


@contextmanager
def gunicorn(env: dict, name: str) -> Iterator[int]:
    """The application served by gunicorn on a free port (yielded) until the block ends."""
    port = free_port()
    log = open(bench_dir() / f"{name}.gunicorn.log", "w")  # noqa: SIM115
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
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def load_in_rounds(load: Callable[[str, int], dict], paths: list[str]) -> dict[str, list[dict]]:
    """Warm every path up, then load them in turn ROUNDS times (a shared machine is noisy)."""
    results: dict[str, list[dict]] = {path: [] for path in paths}
    for path in paths:  # every worker imports and connects before anything is timed
        load(path, WARM_UP)
    for _round in range(ROUNDS):
        for path in paths:
            results[path].append(load(path, REQUESTS))
    return results


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def summary(results: list[dict]) -> dict:
    """The median rate of the rounds; latencies over every request of every round."""
    requests = sum(r["requests"] for r in results)
    created = sum(r["created"] for r in results)
    latencies = [ms for r in results for ms in r["latencies"]]
    return {
        "rate": statistics.median(r["rate"] for r in results),
        "note": f"{created:,} of {requests:,} created",
        "p50": quantile(latencies, 0.5),
        "p95": quantile(latencies, 0.95),
    }


def client(
    port: int, path: str, requests: int, request: Callable[[int], tuple[bytes, dict]]
) -> None:
    """CLIENTS threads share `requests` posts to `path`, the n-th with the body and headers
    `request(n)`; prints the rate, the statuses and every latency as JSON."""
    import http.client

    counter = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + SECONDS

    def work() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            body, headers = request(n)
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
