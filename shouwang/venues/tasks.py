"""The venues area's background jobs, run by `manage.py worker`: importing venue registers."""

from django_tasks import task

from shouwang.shell.jobs import stall_recovery

from .services.imports import venue_import_process, venue_imports_resume_stalled


@task()
def process_venue_import(job_id: int) -> None:
    venue_import_process(job_id=job_id)


stall_recovery(venue_imports_resume_stalled)
