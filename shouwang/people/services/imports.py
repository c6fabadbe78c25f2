"""List imports: upload → validate and reconcile in chunks (resumable) → preview → atomic apply.

The upload request only checks the file's container (`check_workbook`, nothing is parsed),
stores it encrypted and enqueues validation; the worker parses it in a memory-limited child
process (`read_table`) and keeps no parsed table once a task ends.
"""

import hashlib
import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.bulk import any_of, insert_rows
from shouwang.privacy.blobs import blob_decrypt, blob_encrypt
from shouwang.privacy.masking import mask_id_number, mask_name
from shouwang.shell.jobs import resume_stalled_jobs
from shouwang.shell.workbook_safety import check_workbook

from ..models import (
    ImportJob,
    ImportRow,
    ImportStatus,
    Person,
    RowOutcome,
    WatchSource,
)
from .common import require
from .import_reader import ParsedRow, Table, parse_rows, read_table

logger = logging.getLogger(__name__)
CHUNK_ROWS = 5000
# A running validation touches its job at every chunk; a job untouched this long lost its worker.
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
ACTIVE_STATUSES = (
    ImportStatus.PENDING,
    ImportStatus.VALIDATING,
    ImportStatus.PREVIEW,
    ImportStatus.APPLYING,
    ImportStatus.APPLIED,
)


# The upload holds personal data: kept encrypted (privacy.blobs) until the job reads it.
UPLOAD_PURPOSE = "people-import"


def job_content(job: ImportJob) -> bytes:
    return blob_decrypt(job.content, purpose=UPLOAD_PURPOSE)


def job_table(job: ImportJob) -> Table:
    """The job's list, parsed afresh in a bounded child process; callers drop it when done."""
    if "content" in job.get_deferred_fields():
        job = ImportJob.objects.get(pk=job.pk)
    return read_table(job_content(job), job.filename)


def import_job_create(
    *,
    actor: Any,
    filename: str,
    content: bytes,
    source: str = WatchSource.DEPARTMENT_LIST,
) -> ImportJob:
    """Store the upload encrypted and enqueue its validation; the same file already imported
    in the unit returns that job. A hostile or broken file is refused here, before parsing."""
    require(actor, Capability.IMPORT_LISTS)
    require(actor, Capability.MANAGE_PEOPLE, actor.unit)
    check_workbook(content, filename)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        earlier = ImportJob.objects.filter(
            unit=actor.unit, file_hash=digest, status__in=ACTIVE_STATUSES
        ).first()
        if earlier is not None:
            return earlier
        job = ImportJob.objects.create(
            unit=actor.unit,
            created_by=actor,
            filename=filename[:200],
            file_hash=digest,
            content=blob_encrypt(content, purpose=UPLOAD_PURPOSE),
            source=source,
            heartbeat_at=timezone.now(),
        )
    _enqueue_validation(job.pk)
    job.refresh_from_db()
    return job


def _enqueue_validation(job_id: int) -> None:
    from ..tasks import validate_import  # the tasks module imports these services

    validate_import.enqueue(job_id=job_id)


def import_jobs_resume_stalled() -> int:
    """Re-enqueue the jobs whose worker died; the worker calls this, nothing else resumes jobs.

    A job that stalled MAX_ATTEMPTS times is failed rather than tried for ever.
    """
    from ..tasks import apply_import, validate_import

    return resume_stalled_jobs(
        ImportJob,
        tasks={
            ImportStatus.PENDING: validate_import,
            ImportStatus.VALIDATING: validate_import,
            ImportStatus.APPLYING: apply_import,
        },
        stale_after=STALE_AFTER,
        max_attempts=MAX_ATTEMPTS,
        failed_status=ImportStatus.FAILED,
        failed_error=lambda n: (
            _("后台处理中断%(n)s次，已停止，未写入任何人员：请重新上传该文件") % {"n": n}
        ),
    )


def import_job_process(*, job_id: int) -> ImportJob:
    """Validate and reconcile the rows not yet processed, one committed chunk at a time."""
    job = ImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.VALIDATING):
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, heartbeat_at=timezone.now()
    )
    try:
        table = job_table(job)
        total = len(table.rows)
        ImportJob.objects.filter(pk=job.pk).update(total_rows=total, heartbeat_at=timezone.now())
        start = job.processed_rows
        seen_before = _identities_seen(job) if start else {}
        while start < total:
            stop = min(start + CHUNK_ROWS, total)
            _process_chunk(job, list(parse_rows(table, start, stop)), stop, seen_before)
            start = stop
    except ValidationError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error="；".join(error.messages)
        )
    else:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.PREVIEW, processed_rows=total, heartbeat_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def _visible_live(job: ImportJob):
    # Unordered: the matches go into dicts, and sorting them cost more than finding them.
    return Person.objects.visible_to(job.created_by).filter(merged_into__isnull=True).order_by()


def _identities_seen(job: ImportJob) -> dict[str, int]:
    """{identity key: row number} of the rows already accepted, when a run resumes a job."""
    return dict(
        ImportRow.objects.filter(job=job)
        .exclude(outcome=RowOutcome.REJECTED)
        .exclude(identity_key="")
        .values_list("identity_key", "row_number")
    )


def _reconcile(
    job: ImportJob, rows: list[ParsedRow], seen_before: dict[str, int]
) -> dict[int, tuple[str, int | None, str]]:
    """Outcome, existing person and message per row number, with a handful of queries.

    `seen_before` holds the identities of the rows accepted so far in the file; this chunk's
    are added to it.
    """
    valid = [row for row in rows if not row.errors]
    by_id = {
        index: (pk, name)
        for pk, index, name in _visible_live(job)
        .filter(
            any_of(
                "id_number_index",
                {r.values["id_number_index"] for r in valid if r.values["id_number_index"]},
            )
        )
        .values_list("pk", "id_number_index", "name")
    }
    by_phone: dict[tuple[str, str], int] = {}
    phones = {r.values["phone_index"] for r in valid if not r.values["id_number"]}
    if phones:
        for pk, index, name in (
            _visible_live(job)
            .filter(any_of("phone_index", phones))
            .values_list("pk", "phone_index", "name")
        ):
            by_phone.setdefault((name, index), pk)
    verdicts = {}
    for row in rows:
        if row.errors:
            verdicts[row.number] = (RowOutcome.REJECTED, None, "；".join(row.errors))
            continue
        if row.identity_key and row.identity_key in seen_before:
            verdicts[row.number] = (
                RowOutcome.REJECTED,
                None,
                _("第%(row)s行：与第%(first)s行是同一人，重复")
                % {"row": row.number, "first": seen_before[row.identity_key]},
            )
            continue
        if row.identity_key:
            seen_before[row.identity_key] = row.number
        values = row.values
        if values["id_number_index"] in by_id:
            pk, name = by_id[values["id_number_index"]]
            if name == values["name"]:
                verdicts[row.number] = (RowOutcome.MATCHED, pk, "")
            else:
                verdicts[row.number] = (
                    RowOutcome.CONFLICT,
                    pk,
                    _(
                        "第%(row)s行“身份证号”列：该身份证号已登记为“%(name)s”（编号%(id)s），与“%(new)s”不符"
                    )
                    % {"row": row.number, "name": name, "id": pk, "new": values["name"]},
                )
        elif not values["id_number"] and (values["name"], values["phone_index"]) in by_phone:
            verdicts[row.number] = (
                RowOutcome.MATCHED,
                by_phone[(values["name"], values["phone_index"])],
                "",
            )
        else:
            verdicts[row.number] = (RowOutcome.NEW, None, "")
    return verdicts


@transaction.atomic
def _process_chunk(
    job: ImportJob, rows: list[ParsedRow], stop: int, seen_before: dict[str, int]
) -> None:
    verdicts = _reconcile(job, rows, seen_before)
    insert_rows(
        ImportRow,
        [
            {
                "job_id": job.pk,
                "row_number": row.number,
                "outcome": verdicts[row.number][0],
                "person_id": verdicts[row.number][1],
                "message": verdicts[row.number][2][:500],
                "display_name": mask_name(row.values.get("name", ""))[:50],
                "display_id": mask_id_number(row.values.get("id_number")),
                "identity_key": row.identity_key,
            }
            for row in rows
        ],
    )
    counts = {outcome: 0 for outcome in RowOutcome.values}
    for outcome, _pk, _message in verdicts.values():
        counts[outcome] += 1
    ImportJob.objects.filter(pk=job.pk).update(
        processed_rows=stop,
        heartbeat_at=timezone.now(),
        new_count=job.new_count + counts[RowOutcome.NEW],
        matched_count=job.matched_count + counts[RowOutcome.MATCHED],
        conflict_count=job.conflict_count + counts[RowOutcome.CONFLICT],
        rejected_count=job.rejected_count + counts[RowOutcome.REJECTED],
    )
    job.refresh_from_db()
