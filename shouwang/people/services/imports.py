"""List imports: upload → validate and reconcile in chunks (resumable) → preview → atomic apply."""

import hashlib
import logging
import threading
from datetime import timedelta
from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.bulk import any_of, insert_rows
from shouwang.privacy.masking import mask_id_number, mask_name

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
MAX_UPLOAD_BYTES = 50 * 2**20
STALE_AFTER = timedelta(minutes=2)
ACTIVE_STATUSES = (
    ImportStatus.PENDING,
    ImportStatus.VALIDATING,
    ImportStatus.PREVIEW,
    ImportStatus.APPLYING,
    ImportStatus.APPLIED,
)


def _fernet() -> Fernet:
    import base64

    key = hashlib.sha256(f"people-import:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def job_content(job: ImportJob) -> bytes:
    return _fernet().decrypt(bytes(job.content))


# The parsed table (and valid rows) of the last job read in this process: validation and apply
# of one job in one process read and check the file once.
_TABLE_CACHE: dict[str, Table] = {}
PARSED_CACHE: dict[str, dict[int, ParsedRow]] = {}


def job_table(job: ImportJob) -> Table:
    key = f"{job.pk}:{job.file_hash}"
    if key not in _TABLE_CACHE:
        _TABLE_CACHE.clear()
        PARSED_CACHE.clear()
        _TABLE_CACHE[key] = read_table(job_content(job), job.filename)
    return _TABLE_CACHE[key]


def sync_row_limit() -> int:
    return getattr(settings, "SHOUWANG_PEOPLE_IMPORT_SYNC_ROWS", 2000)


@transaction.atomic
def import_job_create(
    *,
    actor: Any,
    filename: str,
    content: bytes,
    source: str = WatchSource.DEPARTMENT_LIST,
) -> ImportJob:
    """Store the upload encrypted; the same file already imported in the unit returns that job."""
    require(actor, Capability.IMPORT_LISTS)
    require(actor, Capability.MANAGE_PEOPLE, actor.unit)
    if not content:
        raise ValidationError({"file": _("请选择要导入的文件")})
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("文件过大（上限50MB）")})
    if not filename.lower().endswith((".xlsx", ".xls", ".csv", ".ods")):
        raise ValidationError({"file": _("只支持 xlsx、xls、ods 或 csv 文件")})
    digest = hashlib.sha256(content).hexdigest()
    earlier = ImportJob.objects.filter(
        unit=actor.unit, file_hash=digest, status__in=ACTIVE_STATUSES
    ).first()
    if earlier is not None:
        return earlier
    table = read_table(content, filename)  # refuses a wrong sheet or missing columns now
    job = ImportJob.objects.create(
        unit=actor.unit,
        created_by=actor,
        filename=filename[:200],
        file_hash=digest,
        content=_fernet().encrypt(content),
        source=source,
        total_rows=len(table.rows),
    )
    _TABLE_CACHE.clear()
    PARSED_CACHE.clear()
    _TABLE_CACHE[f"{job.pk}:{digest}"] = table
    return job


def import_job_run(job: ImportJob) -> None:
    """Validate now when small, else in a background thread once the upload is committed."""
    if job.status not in (ImportStatus.PENDING, ImportStatus.VALIDATING):
        return
    if job.total_rows <= sync_row_limit():
        import_job_process(job_id=job.pk)
    else:
        transaction.on_commit(lambda: start_background(import_job_process, job.pk))


def start_background(function, job_id: int) -> None:
    def target():
        try:
            function(job_id=job_id)
        except Exception:  # the job row carries the error; the thread must not die loudly
            logger.exception("people import job %s failed", job_id)
        finally:
            connection.close()

    close_old_connections()
    threading.Thread(target=target, name=f"people-import-{job_id}", daemon=True).start()


def import_job_process(*, job_id: int) -> ImportJob:
    """Validate and reconcile the rows not yet processed, one committed chunk at a time."""
    job = ImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.VALIDATING):
        return job
    try:
        table = job_table(job)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.VALIDATING, heartbeat_at=timezone.now()
        )
        start = job.processed_rows
        # Only a run that saw every row may hand its parsed rows on to the apply step.
        parsed: dict[int, ParsedRow] = {}
        PARSED_CACHE.clear()
        if start == 0:
            PARSED_CACHE[f"{job.pk}:{job.file_hash}"] = parsed
        seen_before = _identities_seen(job) if start else {}
        while start < len(table.rows):
            stop = min(start + CHUNK_ROWS, len(table.rows))
            rows = list(parse_rows(table, start, stop))
            _process_chunk(job, rows, stop, seen_before)
            parsed.update((row.number, row) for row in rows if not row.errors)
            start = stop
    except ValidationError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error="；".join(error.messages)
        )
    else:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.PREVIEW, processed_rows=len(table.rows), heartbeat_at=timezone.now()
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
                "display_id": mask_id_number(row.values["id_number"])
                if row.values.get("id_number")
                else "",
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
