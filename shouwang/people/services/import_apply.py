"""Applying a previewed import: every new person, watch record and trip, or nothing.

The rows carry no history yet: each says who created it and when, and its creation entry
("名单导入") is written before its first change (see `shouwang.audit.history`).
"""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.areas.selectors import key_area_for_region, most_severe
from shouwang.bulk import any_of, insert_rows

from ..models import (
    ImportJob,
    ImportRow,
    ImportStatus,
    Person,
    RowOutcome,
    TravelRecord,
    WatchRecord,
    WatchStatus,
)
from .common import require
from .import_reader import ParsedRow, Table, parse_rows
from .imports import job_table

logger = logging.getLogger(__name__)
PERSON_FIELDS = (
    "name",
    "id_number",
    "id_number_index",
    "phone",
    "phone_index",
    "current_address",
    "household_address",
    "workplace",
)


def import_job_request_apply(*, actor: Any, job: ImportJob) -> ImportJob:
    """Enqueue the apply for the worker: all rows or none, whatever the list's size."""
    require(actor, Capability.IMPORT_LISTS)
    require(actor, Capability.MANAGE_PEOPLE, job.unit)
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.APPLYING, applied_by=actor, heartbeat_at=timezone.now()
    )
    if not updated:
        raise ValidationError(
            {
                "status": _("该导入任务当前状态为“%(s)s”，不能执行导入")
                % {"s": job.get_status_display()}
            }
        )
    from ..tasks import apply_import  # the tasks module imports these services

    apply_import.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def import_job_apply(*, job_id: int) -> ImportJob:
    """Run the apply in one transaction; on any failure the job is marked failed, nothing kept."""
    ImportJob.objects.filter(pk=job_id, status=ImportStatus.APPLYING).update(
        heartbeat_at=timezone.now()
    )
    try:
        job = ImportJob.objects.get(pk=job_id)
        if job.status != ImportStatus.APPLYING:
            return job
        # Parsed before the transaction: on SQLite it holds the database's write lock.
        table = job_table(job)
        with transaction.atomic():
            _apply(job_id, table)
    except Exception as error:
        logger.exception("people import job %s: apply failed", job_id)
        message = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.APPLYING).update(
            status=ImportStatus.FAILED,
            error=_("导入失败，未写入任何数据：%(e)s") % {"e": message[:500]},
        )
    return ImportJob.objects.get(pk=job_id)


def _valid_rows(table: Table, numbers: set[int]) -> list[ParsedRow]:
    # Read again rather than kept from the validation: no parsed list outlives its task.
    return [row for row in parse_rows(table) if row.number in numbers]


def _apply(job_id: int, table: Table) -> None:
    job = (
        ImportJob.objects.select_for_update(of=("self",))
        .select_related("unit", "created_by", "applied_by")
        .get(pk=job_id)
    )
    if job.status != ImportStatus.APPLYING:
        return
    actor = job.applied_by or job.created_by
    verdicts = {
        number: (outcome, person_id)
        for number, outcome, person_id in ImportRow.objects.filter(
            job=job, outcome__in=[RowOutcome.NEW, RowOutcome.MATCHED]
        ).values_list("row_number", "outcome", "person_id")
    }
    rows = _valid_rows(table, set(verdicts))
    # Someone may have registered a "new" person since the preview: take him as matched.
    new_rows = [row for row in rows if verdicts[row.number][0] == RowOutcome.NEW]
    indexes = {row.values["id_number_index"] for row in new_rows} - {""}
    registered = dict(
        Person.objects.visible_to(job.created_by)
        .filter(any_of("id_number_index", indexes), merged_into__isnull=True)
        .order_by()
        .values_list("id_number_index", "pk")
    )
    today = timezone.localdate()
    area_cache: dict[str, Any] = {}

    def area_for(*codes: str):
        for code in codes:
            if code not in area_cache:
                area_cache[code] = key_area_for_region(job.unit, code, today)
        return most_severe(area_cache[code] for code in codes)

    person_of: dict[int, int] = {}
    creating: list[tuple[ParsedRow, dict]] = []
    for row in new_rows:
        index = row.values["id_number_index"]
        if index and index in registered:
            person_of[row.number] = registered[index]
            continue
        values = row.values
        area = area_for(values.get("id_region_code", ""), values["origin_region_code"])
        creating.append(
            (
                row,
                {
                    "unit_id": job.unit_id,
                    "created_by_id": actor.pk if actor else None,
                    "sex": values.get("sex", ""),
                    "birth_date": values.get("birth_date"),
                    "id_region_code": values.get("id_region_code", ""),
                    "flagged_area_id": area.pk if area else None,
                    **{name: values[name] for name in PERSON_FIELDS},
                },
            )
        )
    created = insert_rows(Person, [person for _row, person in creating])
    for (row, _values), pk in zip(creating, created, strict=True):
        person_of[row.number] = pk
    matched_rows = [row for row in rows if verdicts[row.number][0] == RowOutcome.MATCHED]
    for row in matched_rows:
        person_of[row.number] = verdicts[row.number][1]
    _add_watch_and_travel(job, actor, rows, person_of, area_for)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.APPLIED,
        applied_at=timezone.now(),
        heartbeat_at=timezone.now(),
        new_count=len(created),
        matched_count=len(rows) - len(created),
    )


def _add_watch_and_travel(job, actor, rows, person_of, area_for) -> None:
    matched_ids = {person_of[row.number] for row in rows} - {None}
    active = set(
        WatchRecord.objects.filter(
            any_of("person_id", matched_ids),
            status__in=[WatchStatus.OPEN, WatchStatus.VERIFIED, WatchStatus.ISOLATING],
        )
        .order_by()
        .values_list("person_id", "reason")
    )
    watch, travels, flag = [], [], {}
    for row in rows:
        person_id, values = person_of.get(row.number), row.values
        if person_id is None or (person_id, values["reason"]) in active:
            continue
        active.add((person_id, values["reason"]))
        watch.append(
            {
                "person_id": person_id,
                "unit_id": job.unit_id,
                "reason": values["reason"],
                "source": job.source,
                "origin": values["origin"][:100],
                "origin_region_code": values["origin_region_code"],
                "arrived_on": values["arrived_on"],
                "note": values["note"][:300],
                "import_job_id": job.pk,
                "created_by_id": actor.pk if actor else None,
            }
        )
        if values["origin"] or values["arrived_on"] or values["carrier_number"]:
            travels.append(
                {
                    "person_id": person_id,
                    "place": values["origin"][:100] or _("（未填写）"),
                    "region_code": values["origin_region_code"],
                    "arrived_on": values["arrived_on"],
                    "means": values["means"],
                    "carrier_number": values["carrier_number"],
                }
            )
        area = area_for(values["origin_region_code"])
        if area is not None:
            flag.setdefault(area, []).append(person_id)
    insert_rows(WatchRecord, watch)
    insert_rows(TravelRecord, travels)
    for area, ids in flag.items():
        Person.objects.filter(any_of("pk", ids), flagged_area__isnull=True).update(
            flagged_area=area
        )
