from django.core.management import call_command

import shouwang.people.tasks  # noqa: F401  (registered before the registry is swapped below)
from shouwang.shell import jobs


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
