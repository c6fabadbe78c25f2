"""The community area's background jobs, run by `manage.py worker`: household imports.

Web requests only enqueue these (`services.imports`, `services.import_apply`); progress lives
in the job row, which the import page polls.
"""

from django_tasks import task

from shouwang.shell.jobs import stall_recovery

from .services.import_apply import household_import_apply
from .services.imports import household_import_process, household_imports_resume_stalled


@task()
def validate_household_import(job_id: int) -> None:
    household_import_process(job_id=job_id)


@task()
def apply_household_import(job_id: int) -> None:
    household_import_apply(job_id=job_id)


stall_recovery(household_imports_resume_stalled)
