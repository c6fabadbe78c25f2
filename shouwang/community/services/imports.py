"""Household imports: upload → checked → validated in the worker → preview → applied at once.

The upload request only checks the file's container (`check_workbook`) and stores it
encrypted; the worker parses it in a memory-limited child and writes one verdict per row
(new household, member added, already there, rejected with its reasons). Applying writes what
is not there yet, so a file applied twice, or a second file repeating it, adds nothing.
"""

import hashlib
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.bulk import insert_rows
from shouwang.privacy.blobs import blob_decrypt, blob_encrypt
from shouwang.privacy.masking import mask_name
from shouwang.shell.jobs import resume_stalled_jobs
from shouwang.shell.tables import Table
from shouwang.shell.workbook_safety import check_workbook
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import (
    Household,
    HouseholdImportJob,
    HouseholdImportRow,
    HouseholdMember,
    ImportStatus,
    RowOutcome,
)
from ..rules import IMPORT_HOUSEHOLDS
from .common import HOUSEHOLD_UNIT_KINDS
from .import_reader import ParsedRow, parse_rows, read_table

UPLOAD_PURPOSE = "household-import"
CHUNK_ROWS = 5000
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
ACTIVE_STATUSES = (
    ImportStatus.PENDING,
    ImportStatus.VALIDATING,
    ImportStatus.PREVIEW,
    ImportStatus.APPLYING,
    ImportStatus.APPLIED,
)
Address = tuple[int, str, str, str]


def job_table(job: HouseholdImportJob) -> Table:
    """The job's list, parsed afresh in a bounded child process; callers drop it when done."""
    content = HouseholdImportJob.objects.filter(pk=job.pk).values_list("content", flat=True)[0]
    return read_table(blob_decrypt(content, purpose=UPLOAD_PURPOSE), job.filename)


def household_units(actor: Any) -> dict[str, int]:
    """{name: id} of the communities and villages the actor's jurisdiction reaches."""
    return dict(
        Unit.objects.visible_to(actor)
        .filter(kind__in=HOUSEHOLD_UNIT_KINDS, is_active=True)
        .order_by("-depth")
        .values_list("name", "pk")
    )


def household_import_create(*, actor: Any, filename: str, content: bytes) -> HouseholdImportJob:
    """Store the upload encrypted and enqueue its validation; the same file already imported
    in the unit returns that job. A hostile or broken file is refused here, before parsing."""
    require(actor, IMPORT_HOUSEHOLDS, actor.unit)
    check_workbook(content, filename)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        earlier = HouseholdImportJob.objects.filter(
            unit=actor.unit, file_hash=digest, status__in=ACTIVE_STATUSES
        ).first()
        if earlier is not None:
            return earlier
        job = HouseholdImportJob.objects.create(
            unit=actor.unit,
            created_by=actor,
            filename=filename[:200],
            file_hash=digest,
            content=blob_encrypt(content, purpose=UPLOAD_PURPOSE),
            heartbeat_at=timezone.now(),
        )
    from ..tasks import validate_household_import  # the tasks module imports these services

    validate_household_import.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def household_imports_resume_stalled() -> int:
    """Re-enqueue the jobs whose worker died (called by the worker, see shell.jobs)."""
    from ..tasks import apply_household_import, validate_household_import

    return resume_stalled_jobs(
        HouseholdImportJob,
        tasks={
            ImportStatus.PENDING: validate_household_import,
            ImportStatus.VALIDATING: validate_household_import,
            ImportStatus.APPLYING: apply_household_import,
        },
        stale_after=STALE_AFTER,
        max_attempts=MAX_ATTEMPTS,
        failed_status=ImportStatus.FAILED,
        failed_error=lambda n: (
            _("后台处理中断%(n)s次，已停止，未写入任何住户：请重新上传该文件") % {"n": n}
        ),
    )


def household_import_process(*, job_id: int) -> HouseholdImportJob:
    """Validate and reconcile every row; a run that resumes a stalled job starts over."""
    job = HouseholdImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.VALIDATING):
        return job
    HouseholdImportRow.objects.filter(job=job).delete()
    HouseholdImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING,
        heartbeat_at=timezone.now(),
        processed_rows=0,
        new_count=0,
        added_count=0,
        unchanged_count=0,
        rejected_count=0,
    )
    try:
        table = job_table(job)
        total = len(table.rows)
        HouseholdImportJob.objects.filter(pk=job.pk).update(total_rows=total)
        units = household_units(job.created_by)
        existing = _Existing.of(list(units.values()))
        for start in range(0, total, CHUNK_ROWS):
            stop = min(start + CHUNK_ROWS, total)
            rows = list(parse_rows(table, units, start, stop))
            _store_verdicts(job, rows, existing, stop)
    except ValidationError as error:
        HouseholdImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error="；".join(error.messages)
        )
    else:
        HouseholdImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.PREVIEW, processed_rows=total, heartbeat_at=timezone.now()
        )
    job.refresh_from_db()
    return job


class _Existing:
    """What the database holds for the importer's units, and what the file has added so far."""

    def __init__(self, households: dict[Address, int], members: set[tuple[int, str]]):
        self.households = households
        self.members = members
        self.addresses_in_file: dict[Address, int] = {}
        self.members_in_file: dict[tuple[Address, str], int] = {}

    @classmethod
    def of(cls, unit_ids: list[int]) -> "_Existing":
        households = {
            (unit_id, building, entrance, room): pk
            for pk, unit_id, building, entrance, room in Household.objects.filter(
                unit_id__in=unit_ids
            )
            .order_by()
            .values_list("pk", "unit_id", "building__name", "entrance", "room")
        }
        members = set()
        for household_id, index, name in (
            HouseholdMember.objects.filter(household__unit_id__in=unit_ids)
            .order_by()
            .values_list("household_id", "id_number_index", "name")
        ):
            members.add((household_id, index or f"name:{name}"))
            if index:
                # A resident imported with an ID, listed again without it, is the same one.
                members.add((household_id, f"name:{name}"))
        return cls(households, members)

    def verdict(self, row: ParsedRow) -> tuple[str, str]:
        if row.errors:
            return RowOutcome.REJECTED, "；".join(row.errors)
        address, member = row.address, row.member_key
        if member and (address, member) in self.members_in_file:
            first = self.members_in_file[(address, member)]
            return RowOutcome.REJECTED, _("第%(row)s行：与第%(first)s行是同一户的同一人，重复") % {
                "row": row.number,
                "first": first,
            }
        if member:
            self.members_in_file[(address, member)] = row.number
        household = self.households.get(address)
        if household is not None:
            if not member or (household, member) in self.members:
                return RowOutcome.UNCHANGED, ""
            if row.values["id_number_index"] and (household, f"name:{row.values['name']}") in (
                self.members
            ):
                return RowOutcome.UNCHANGED, ""
            return RowOutcome.ADDED, ""
        if address not in self.addresses_in_file:
            self.addresses_in_file[address] = row.number
            return RowOutcome.NEW, ""
        return (RowOutcome.ADDED, "") if member else (RowOutcome.UNCHANGED, "")


@transaction.atomic
def _store_verdicts(job: HouseholdImportJob, rows: list[ParsedRow], existing, stop: int) -> None:
    counts = dict.fromkeys(RowOutcome.values, 0)
    records = []
    for row in rows:
        outcome, message = existing.verdict(row)
        counts[outcome] += 1
        records.append(
            {
                "job_id": job.pk,
                "row_number": row.number,
                "outcome": outcome,
                "address": row.address_label if not row.errors else "",
                "display_name": mask_name(row.values.get("name", ""))[:50],
                "message": message[:500],
            }
        )
    insert_rows(HouseholdImportRow, records)
    job.refresh_from_db(fields=["new_count", "added_count", "unchanged_count", "rejected_count"])
    HouseholdImportJob.objects.filter(pk=job.pk).update(
        processed_rows=stop,
        heartbeat_at=timezone.now(),
        new_count=job.new_count + counts[RowOutcome.NEW],
        added_count=job.added_count + counts[RowOutcome.ADDED],
        unchanged_count=job.unchanged_count + counts[RowOutcome.UNCHANGED],
        rejected_count=job.rejected_count + counts[RowOutcome.REJECTED],
    )
