"""Importing a station's venue register from its spreadsheet, with an error for every bad row.

The upload request checks the file's container (`check_workbook`, nothing parsed), stores it
encrypted (owners' phones) and enqueues the job; the worker parses it in a memory-limited child
(`workbook_reading`), reads every row as the form would (`venue_values_read`) and writes the good
rows in one transaction, with their history; rows already registered are skipped, bad rows are
listed with their row, column and reason. A job interrupted before it finished runs again whole.
"""

import hashlib
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from shouwang.accounts.roles import Capability
from shouwang.privacy.blobs import blob_decrypt, blob_encrypt
from shouwang.shell.jobs import is_queued, task_attempts
from shouwang.shell.tables import Table, cell_text, find_table, row_error, table_cells
from shouwang.shell.workbook_reading import read_bounded
from shouwang.shell.workbook_safety import check_workbook
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import ImportStatus, Venue, VenueImport, VenueKind
from .register import venue_values_read

UPLOAD_PURPOSE = "venue-import"
# Template column → field; the register's columns in the order a station keeps them.
COLUMNS = {
    "场所名称": "name",
    "场所类别": "kind",
    "地址": "address",
    "经营者": "owner_name",
    "联系电话": "owner_phone",
    "统一社会信用代码": "credit_code",
    "所属单位": "unit",
    "备注": "note",
}
REQUIRED_COLUMNS = ("场所名称", "场所类别", "地址")
LABELS = {field: label for label, field in COLUMNS.items()}
TEMPLATE_EXAMPLE = [
    "金色年华KTV",
    "KTV",
    "城关镇人民路12号",
    "王某",
    "13800000000",
    "91610824MA70X2Y57L",
    "",
    "",
]
KIND_HINT = "、".join(str(label) for label in VenueKind.labels)
MAX_ROW_ERRORS = 1000
STALE_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 3


def venue_import_create(*, actor: Any, filename: str, content: bytes) -> VenueImport:
    """Store the upload and enqueue it; a refused file is a field error here, nothing stored."""
    require(actor, Capability.MANAGE_VENUES, actor.unit, message=_("您无权导入场所"))
    check_workbook(content, filename)
    job = VenueImport.objects.create(
        unit=actor.unit,
        created_by=actor,
        filename=filename[:200],
        file_hash=hashlib.sha256(content).hexdigest(),
        content=blob_encrypt(content, purpose=UPLOAD_PURPOSE),
        heartbeat_at=timezone.now(),
    )
    from ..tasks import process_venue_import  # the tasks module imports these services

    process_venue_import.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def _read(job: VenueImport) -> Table:
    content = VenueImport.objects.filter(pk=job.pk).values_list("content", flat=True).get()
    return read_bounded(
        partial(find_table, columns=COLUMNS, required=REQUIRED_COLUMNS, anchor="场所名称"),
        blob_decrypt(content, purpose=UPLOAD_PURPOSE),
        job.filename,
    )


def venue_import_process(*, job_id: int) -> VenueImport:
    """Read, check and store the job's rows; the job ends done (with its row errors) or failed."""
    job = VenueImport.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
        return job
    VenueImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now()
    )
    try:
        table = _read(job)
        _store(job, table)
    except ValidationError as error:
        VenueImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error="；".join(error.messages)[:500]
        )
    job.refresh_from_db()
    return job


def _units(job: VenueImport) -> dict[str, Unit]:
    units = Unit.objects.filter(path__startswith=job.unit.path, is_active=True).order_by("-path")
    return {unit.name: unit for unit in units}


@transaction.atomic
def _store(job: VenueImport, table: Table) -> None:
    units = _units(job)
    registered = set(
        Venue.objects.filter(unit__path__startswith=job.unit.path)
        .filter(~Q(credit_code=""))
        .values_list("unit_id", "credit_code")
    ) | set(
        Venue.objects.filter(unit__path__startswith=job.unit.path).values_list(
            "unit_id", "name", "address"
        )
    )
    errors: list[str] = []
    rejected = skipped = total = 0
    venues = []
    for number, cells in table_cells(table):
        total += 1
        values, problems = venue_values_read({key: cell_text(cell) for key, cell in cells.items()})
        unit_name = cell_text(cells.get("unit"))
        unit = units.get(unit_name) if unit_name else job.unit
        if unit is None:
            problems["unit"] = _("“%(name)s”不是本单位或下级单位") % {"name": unit_name}
        if problems:
            rejected += 1
            errors.extend(
                row_error(number, LABELS.get(field, field), message)
                for field, message in problems.items()
            )
            continue
        keys = {(unit.pk, values["name"], values["address"])}
        if values["credit_code"]:
            keys.add((unit.pk, values["credit_code"]))
        if keys & registered:
            skipped += 1
            continue
        registered |= keys
        venues.append(
            Venue(unit=unit, created_by=job.created_by, status_changed_at=timezone.now(), **values)
        )
    bulk_create_with_history(
        venues,
        Venue,
        batch_size=500,
        default_user=job.created_by,
        default_change_reason=_("导入：%(file)s") % {"file": job.filename[:80]},
    )
    VenueImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        total_rows=total,
        created_count=len(venues),
        skipped_count=skipped,
        rejected_count=rejected,
        row_errors=errors[:MAX_ROW_ERRORS],
        heartbeat_at=timezone.now(),
    )


def venue_imports_resume_stalled() -> int:
    """Re-enqueue imports whose worker died (the worker calls this); give up after three tries."""
    from ..tasks import process_venue_import

    stale = timezone.now() - STALE_AFTER
    resumed = 0
    jobs = VenueImport.objects.filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale),
        status__in=[ImportStatus.PENDING, ImportStatus.RUNNING],
    ).values_list("pk", flat=True)
    for pk in jobs:
        if is_queued(process_venue_import, job_id=pk):
            continue
        if task_attempts(process_venue_import, job_id=pk) >= MAX_ATTEMPTS:
            VenueImport.objects.filter(pk=pk).update(
                status=ImportStatus.FAILED, error=_("后台处理多次中断，已停止：请重新上传该文件")
            )
            continue
        VenueImport.objects.filter(pk=pk).update(heartbeat_at=timezone.now())
        process_venue_import.enqueue(job_id=pk)
        resumed += 1
    return resumed
