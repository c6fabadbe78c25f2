"""/imports: department lists uploaded, previewed, applied; rejected rows as xlsx."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status, UploadedFile

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.schemas import ErrorOut, Id
from shouwang.shell.workbook_safety import read_upload
from shouwang.units.policy import EXPORT_PEOPLE, IMPORT_PEOPLE
from shouwang.units.scoping import get_visible_or_404

from ..models import (
    ImportJob,
    WatchSource,
)
from ..rejected import rejected_rows_response
from ..services import import_job_create, import_job_request_apply

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


@router.post(
    "/imports/people",
    auth=api_guard(IMPORT_PEOPLE),
    response={201: ImportJobOut, 422: ErrorOut},
    summary="导入名单",
    description="文件先做安全检查（422 拒绝），再由后台任务校验；用 GET /imports/{id} 查看进度。",
)
def import_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    source: WatchSource = WatchSource.DEPARTMENT_LIST,
):
    job = import_job_create(
        actor=request.auth,
        filename=file.name or "upload.xlsx",
        content=read_upload(file),
        source=source,
    )
    return Status(201, job)


def _job(request: HttpRequest, job_id: Id) -> ImportJob:
    return get_visible_or_404(ImportJob.objects.defer("content"), request.auth, pk=job_id)


@router.get(
    "/imports/{job_id}",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=ImportJobOut,
    summary="导入任务",
)
def import_detail(request: HttpRequest, job_id: Id):
    return _job(request, job_id)


@router.post(
    "/imports/{job_id}/apply",
    auth=api_guard(IMPORT_PEOPLE),
    response=ImportJobOut,
    summary="确认导入",
)
def import_apply(request: HttpRequest, job_id: Id):
    job = _job(request, job_id)
    return import_job_request_apply(actor=request.auth, job=job)


@router.get(
    "/imports/{job_id}/rejected.xlsx",
    auth=api_guard(EXPORT_PEOPLE),
    url_name="people_import_rejected",
    summary="被拒绝的行（xlsx）",
)
def import_rejected(request: HttpRequest, job_id: Id) -> Any:
    return rejected_rows_response(request.auth, _job(request, job_id), request=request)
