"""The people area's background jobs, run by `manage.py worker`: validating and applying lists.

Web requests only enqueue these (`services.imports`, `services.import_apply`); progress lives in
the ImportJob row, which the import page polls.
"""

from django_tasks import task

from shouwang.shell.jobs import stall_recovery

from .services.import_apply import import_job_apply
from .services.imports import import_job_process, import_jobs_resume_stalled


@task()
def validate_import(job_id: int) -> None:
    import_job_process(job_id=job_id)


@task()
def apply_import(job_id: int) -> None:
    import_job_apply(job_id=job_id)


stall_recovery(import_jobs_resume_stalled)
