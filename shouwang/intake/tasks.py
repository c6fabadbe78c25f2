"""The intake area's background jobs, run by `manage.py worker`: checking residents' photos."""

from django_tasks import task

from .services.photos import photo_verify


@task()
def verify_photo(photo_id: int) -> None:
    photo_verify(photo_id=photo_id)
