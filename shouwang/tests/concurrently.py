"""Run one piece of work in several threads at once, each on its own database connection.

For tests that prove a write holds under real concurrent transactions: they need a database
that runs them in parallel (PostgreSQL) and committed data (`django_db(transaction=True)`).
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

WORKERS = 8

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write transaction at a time: races need PostgreSQL "
    "(DATABASE_URL=postgres://…)",
)


def run_concurrently(work: Callable[[int], Any], workers: int = WORKERS) -> list[Any]:
    """Start `work(n)` in `workers` threads released together; each one's result or exception."""
    barrier = threading.Barrier(workers)
    results: list[Any] = [None] * workers

    def worker(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[number] = work(number)
        except Exception as error:  # the test inspects what each worker met
            results[number] = error
        finally:
            connection.close()  # the thread's own connection, not the test's

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker is stuck"
    return results
