"""Applying a previewed household import: every building, household and resident not there
yet, or nothing.

What is there is decided again inside the apply's transaction, so a household registered by
hand since the preview, or the same list applied twice, is not added twice. Rows carry no
history yet: each says who created it and when (`audit.history.history_from_first_change`).
"""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.bulk import any_of, insert_rows
from shouwang.people.models import Person
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import (
    Building,
    Household,
    HouseholdImportJob,
    HouseholdImportRow,
    HouseholdMember,
    ImportStatus,
    RowOutcome,
)
from ..rules import IMPORT_HOUSEHOLDS
from .import_reader import ParsedRow, parse_rows
from .imports import Address, household_units, job_table

logger = logging.getLogger(__name__)
MEMBER_FIELDS = ("name", "id_number", "id_number_index", "phone", "phone_index", "relation")


def household_import_request_apply(*, actor: Any, job: HouseholdImportJob) -> HouseholdImportJob:
    """Enqueue the apply for the worker: all rows or none, whatever the list's size."""
    require(actor, IMPORT_HOUSEHOLDS, job.unit)
    updated = HouseholdImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.APPLYING, applied_by=actor, heartbeat_at=timezone.now()
    )
    if not updated:
        raise ValidationError(
            {
                "status": _("该导入任务当前状态为“%(s)s”，不能执行导入")
                % {"s": job.get_status_display()}
            }
        )
    from ..tasks import apply_household_import  # the tasks module imports these services

    apply_household_import.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def household_import_apply(*, job_id: int) -> HouseholdImportJob:
    """Run the apply in one transaction; on any failure the job is marked failed, nothing kept."""
    try:
        job = HouseholdImportJob.objects.select_related("created_by", "applied_by").get(pk=job_id)
        if job.status != ImportStatus.APPLYING:
            return job
        # Parsed before the transaction: on SQLite it holds the database's write lock.
        table = job_table(job)
        actor = job.applied_by or job.created_by
        # Only the rows the preview accepted are read again.
        rows = list(parse_rows(table, household_units(job.created_by), only=_accepted(job)))
        with transaction.atomic():
            locked = HouseholdImportJob.objects.select_for_update().get(pk=job_id)
            if locked.status != ImportStatus.APPLYING:
                return locked
            added = apply_rows(rows, actor=actor, job_id=job_id)
            HouseholdImportJob.objects.filter(pk=job_id).update(
                status=ImportStatus.APPLIED,
                applied_at=timezone.now(),
                heartbeat_at=timezone.now(),
                new_count=added["households"],
                added_count=added["members"],
            )
    except Exception as error:
        logger.exception("household import job %s: apply failed", job_id)
        message = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
        HouseholdImportJob.objects.filter(pk=job_id, status=ImportStatus.APPLYING).update(
            status=ImportStatus.FAILED,
            error=_("导入失败，未写入任何数据：%(e)s") % {"e": message[:500]},
        )
    return HouseholdImportJob.objects.get(pk=job_id)


def _accepted(job: HouseholdImportJob) -> set[int]:
    return set(
        HouseholdImportRow.objects.filter(
            job=job, outcome__in=[RowOutcome.NEW, RowOutcome.ADDED]
        ).values_list("row_number", flat=True)
    )


def apply_rows(rows: list[ParsedRow], *, actor: Any, job_id: int | None) -> dict[str, int]:
    """Write the buildings, households and residents of valid `rows` that are not there yet;
    returns {"buildings", "households", "members"} written. Inside the caller's transaction."""
    now = timezone.now()
    actor_id = actor.pk if actor else None
    unit_ids = sorted({row.values["unit_id"] for row in rows})
    unit_names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    buildings = _buildings(rows, unit_ids, actor_id, now)
    households = {
        (unit_id, building, entrance, room): pk
        for pk, unit_id, building, entrance, room in Household.objects.filter(
            any_of("building_id", set(buildings.values()))
        )
        .order_by()
        .values_list("pk", "unit_id", "building__name", "entrance", "room")
    }
    new: dict[Address, dict] = {}
    for row in rows:
        address = row.address
        if address in households or address in new:
            continue
        unit_id, building, entrance, room = address
        new[address] = {
            "unit_id": unit_id,
            "building_id": buildings[(unit_id, building)],
            "entrance": entrance,
            "room": room,
            "address_text": row.values["address_text"]
            or f"{unit_names[unit_id]}{building}{entrance}{room}"[:200],
            "plates": row.values["plates"],
            "note": "",
            "import_job_id": job_id,
            "created_by_id": actor_id,
            "created_at": now,
        }
    created = insert_rows(Household, list(new.values()))
    households.update(zip(new, created, strict=True))
    members = _members(rows, households, actor)
    return {"buildings": buildings.created, "households": len(created), "members": members}


class _Buildings(dict):
    created = 0


def _buildings(rows, unit_ids, actor_id, now) -> _Buildings:
    found = _Buildings(
        ((unit_id, name), pk)
        for pk, unit_id, name in Building.objects.filter(unit_id__in=unit_ids)
        .order_by()
        .values_list("pk", "unit_id", "name")
    )
    missing = sorted({(row.values["unit_id"], row.values["building"]) for row in rows} - set(found))
    created = insert_rows(
        Building,
        [
            {
                "unit_id": unit_id,
                "name": name,
                "note": "",
                "created_by_id": actor_id,
                "created_at": now,
            }
            for unit_id, name in missing
        ],
    )
    found.update(zip(missing, created, strict=True))
    found.created = len(created)
    return found


def _members(rows: list[ParsedRow], households: dict[Address, int], actor: Any) -> int:
    ids = {households[row.address] for row in rows if row.member_key}
    there: set[tuple[int, str]] = set()
    for household_id, index, name in (
        HouseholdMember.objects.filter(any_of("household_id", ids))
        .order_by()
        .values_list("household_id", "id_number_index", "name")
    ):
        there.add((household_id, f"name:{name}"))
        if index:
            there.add((household_id, index))
    indexes = {row.values["id_number_index"] for row in rows} - {""}
    people = (
        dict(
            Person.objects.visible_to(actor)
            .filter(any_of("id_number_index", indexes), merged_into__isnull=True)
            .order_by()
            .values_list("id_number_index", "pk")
        )
        if indexes and actor is not None
        else {}
    )
    records = []
    for row in rows:
        key = row.member_key
        if not key:
            continue
        household_id = households[row.address]
        name_key = f"name:{row.values['name']}"
        if (household_id, key) in there or (household_id, name_key) in there:
            continue
        there.update({(household_id, key), (household_id, name_key)})
        values = row.values
        records.append(
            {
                "household_id": household_id,
                "person_id": people.get(values["id_number_index"]),
                **{name: values[name] for name in MEMBER_FIELDS},
            }
        )
    return len(insert_rows(HouseholdMember, records))
