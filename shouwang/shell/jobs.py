"""What the worker does besides running queued tasks: finding the jobs a dead worker left behind.

Long jobs are django-tasks tasks (`<app>/tasks.py`), run by `manage.py worker`. A worker that is
killed mid-task leaves its job unfinished and its task marked running for good; each app that
has such jobs registers one `@stall_recovery` function that re-enqueues them, and the worker
calls them all when it starts and between tasks. That is the only way a stalled job resumes.
"""

import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
_RECOVERIES: list[Callable[[], int]] = []


def stall_recovery(function: Callable[[], int]) -> Callable[[], int]:
    """Register `function() -> number of jobs re-enqueued`; it must be safe to call any time."""
    if function not in _RECOVERIES:
        _RECOVERIES.append(function)
    return function


def recover_stalled() -> int:
    autodiscover_modules("tasks")
    resumed = 0
    for function in _RECOVERIES:
        try:
            resumed += function()
        except Exception:  # one app's bad sweep must not stop the worker or the others
            logger.exception("stall recovery %s failed", function.__qualname__)
    return resumed


def is_queued(task: Any, **kwargs: Any) -> bool:
    """Whether `task(**kwargs)` already waits in the database queue (never, for other backends)."""
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.ready().filter(
        backend_name=backend.alias, task_path=task.module_path
    )
    for name, value in kwargs.items():
        waiting = waiting.filter(**{f"args_kwargs__kwargs__{name}": value})
    return waiting.exists()


def task_attempts(task: Any, **kwargs: Any) -> int:
    """How many times `task(**kwargs)` was taken up by a worker (0 for other backends)."""
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return 0
    runs = DBTaskResult.objects.filter(
        backend_name=backend.alias, task_path=task.module_path
    ).exclude(started_at__isnull=True)
    for name, value in kwargs.items():
        runs = runs.filter(**{f"args_kwargs__kwargs__{name}": value})
    return runs.count()


def resume_stalled_jobs(
    model: Any,
    *,
    tasks: Mapping[str, Any],
    stale_after: timedelta,
    max_attempts: int,
    failed_status: str,
    failed_error: Callable[[int], str],
) -> int:
    """Re-enqueue the jobs of `model` (a row with `status` and `heartbeat_at`) whose worker died.

    `tasks` maps each running status to the task that carries a job on from it (called with
    `job_id=`). A job untouched for `stale_after` and not queued is enqueued again; one whose
    task was taken up `max_attempts` times is set to `failed_status` with `failed_error(n)`
    rather than tried for ever. Returns the number of jobs re-enqueued.
    """
    from django.db.models import Q
    from django.utils import timezone

    stale = timezone.now() - stale_after
    jobs = model.objects.filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale), status__in=list(tasks)
    ).values_list("pk", "status")
    resumed = 0
    for pk, status in jobs:
        task = tasks[status]
        if is_queued(task, job_id=pk):
            continue
        attempts = task_attempts(task, job_id=pk)
        if attempts >= max_attempts:
            model.objects.filter(pk=pk, status=status).update(
                status=failed_status, error=failed_error(attempts)
            )
            continue
        model.objects.filter(pk=pk).update(heartbeat_at=timezone.now())
        task.enqueue(job_id=pk)
        resumed += 1
    return resumed
