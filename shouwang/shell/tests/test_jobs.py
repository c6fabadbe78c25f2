import re
from pathlib import Path

from django.core.management import call_command

import shouwang.people.tasks  # noqa: F401  (registered before the registry is swapped below)
from shouwang.shell import jobs

ROOTS = [Path(__file__).resolve().parents[2], Path(__file__).resolve().parents[3] / "config"]
STARTS_A_THREAD = re.compile(
    r"^\s*(import threading|from threading |import _thread)|ThreadPool", re.M
)


def test_no_module_of_the_application_starts_a_thread():
    # Long work runs in `manage.py worker`; a thread in a web process dies with it and takes
    # its memory. Test helpers that race transactions on purpose are not the application.
    offenders = [
        str(path)
        for root in ROOTS
        for path in root.rglob("*.py")
        if "tests" not in path.parts and STARTS_A_THREAD.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_worker_runs_every_registered_recovery_once_per_round(monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "_RECOVERIES", [])

    @jobs.stall_recovery
    def resume_something() -> int:
        calls.append("resumed")
        return 1

    @jobs.stall_recovery
    def broken() -> int:
        raise RuntimeError("数据库暂时不可用")

    jobs.stall_recovery(resume_something)  # registering twice runs it once
    call_command("worker", "--batch", verbosity=0)
    assert calls == ["resumed"]
    assert jobs.recover_stalled() == 1  # a failing recovery does not stop the others
