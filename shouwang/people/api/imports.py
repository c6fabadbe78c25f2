"""/imports: department lists uploaded, previewed, applied; rejected rows as xlsx."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status, UploadedFile

from shouwang.api.schemas import ErrorOut
from shouwang.units.scoping import get_visible_or_404

from ..models import (
    ImportJob,
)
from ..rejected import rejected_rows_response
from ..services import (
    import_job_create,
    import_job_request_apply,
    import_job_run,
)

router = Router()


class ImportJobOut(Schema):
    id: int
    status: str
    filename: str
    total_rows: int
    processed_rows: int
    progress: int = Field(..., alias="progress_percent")
    new: int = Field(..., alias="new_count")
    matched: int = Field(..., alias="matched_count")
    conflicts: int = Field(..., alias="conflict_count")
    rejected: int = Field(..., alias="rejected_count")
    error: str
    rejected_rows_url: str
    created_at: datetime
    applied_at: datetime | None

    @staticmethod
    def resolve_rejected_rows_url(job: ImportJob) -> str:
        return reverse("api:people_import_rejected", kwargs={"job_id": job.pk})


@router.post("/imports/people", response={201: ImportJobOut, 422: ErrorOut}, summary="导入名单")
def import_upload(request: HttpRequest, file: File[UploadedFile], source: str = "department_list"):
    job = import_job_create(
        actor=request.auth, filename=file.name or "upload.xlsx", content=file.read(), source=source
    )
    import_job_run(job)
    job.refresh_from_db()
    return Status(201, job)


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    return get_visible_or_404(ImportJob.objects.defer("content"), request.auth, pk=job_id)


@router.get("/imports/{job_id}", response=ImportJobOut, summary="导入任务")
def import_detail(request: HttpRequest, job_id: int):
    return _job(request, job_id)


@router.post("/imports/{job_id}/apply", response=ImportJobOut, summary="确认导入")
def import_apply(request: HttpRequest, job_id: int):
    job = _job(request, job_id)
    return import_job_request_apply(actor=request.auth, job=job)


@router.get(
    "/imports/{job_id}/rejected.xlsx",
    url_name="people_import_rejected",
    summary="被拒绝的行（xlsx）",
)
def import_rejected(request: HttpRequest, job_id: int) -> Any:
    return rejected_rows_response(request.auth, _job(request, job_id), request=request)
