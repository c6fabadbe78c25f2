"""Watch records: why a person is watched, and the status of that watch."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.identity import get_region
from shouwang.identity.event_dates import event_date_error
from shouwang.units.models import Unit
from shouwang.units.scoping import unit_is_visible_to

from ..models import Person, WatchReason, WatchRecord, WatchSource, WatchStatus
from ..places import region_code_for_place
from .common import require_manage
from .persons import person_flag_refresh

CONTACT_REASONS = (WatchReason.CLOSE_CONTACT, WatchReason.SECONDARY_CONTACT)


@transaction.atomic
def watch_record_create(
    *,
    actor: Any,
    person: Person,
    reason: str,
    source: str,
    unit: Unit | None = None,
    officer: Any = None,
    contact_of: Person | None = None,
    contact_of_text: str = "",
    origin: str = "",
    origin_region_code: str = "",
    arrived_on: date | None = None,
    note: str = "",
    import_job: Any = None,
) -> WatchRecord:
    unit = unit or person.unit
    require_manage(actor, unit)
    errors = {}
    if person.is_merged:
        errors["person"] = _("该记录已合并，请选择保留的记录")
    if reason not in WatchReason.values:
        errors["reason"] = _("未知的关注类别")
    if source not in WatchSource.values:
        errors["source"] = _("未知的来源")
    if contact_of is not None and contact_of.pk == person.pk:
        errors["contact_of"] = _("密接对象不能是本人")
    if officer is not None and not unit_is_visible_to(officer.unit, actor):
        errors["officer"] = _("责任民警须为本单位人员")
    origin_region_code = origin_region_code.strip() or region_code_for_place(origin)
    if origin_region_code and get_region(origin_region_code) is None:
        errors["origin_region_code"] = _("未知的行政区划代码")
    if arrived_on is not None:
        date_error = event_date_error(arrived_on, today=timezone.localdate())
        if date_error:
            errors["arrived_on"] = date_error
    if errors:
        raise ValidationError(errors)
    record = WatchRecord(
        person=person,
        unit=unit,
        officer=officer,
        reason=reason,
        source=source,
        contact_of=contact_of,
        contact_of_text=contact_of_text.strip(),
        origin=origin.strip(),
        origin_region_code=origin_region_code,
        arrived_on=arrived_on,
        note=note.strip(),
        import_job=import_job,
        created_by=actor,
    )
    record._history_user = actor
    record.save()
    person_flag_refresh(person=person)
    return record


STATUS_FLOW = {
    WatchStatus.OPEN: {WatchStatus.VERIFIED, WatchStatus.RULED_OUT, WatchStatus.ISOLATING},
    WatchStatus.VERIFIED: {WatchStatus.ISOLATING, WatchStatus.CLOSED, WatchStatus.RULED_OUT},
    WatchStatus.ISOLATING: {WatchStatus.CLOSED},
    WatchStatus.CLOSED: {WatchStatus.OPEN},
    WatchStatus.RULED_OUT: {WatchStatus.OPEN},
}


@transaction.atomic
def watch_record_set_status(
    *, actor: Any, record: WatchRecord, status: str, note: str = ""
) -> WatchRecord:
    require_manage(actor, record.unit)
    if status not in STATUS_FLOW.get(record.status, set()):
        raise ValidationError(
            {"status": _("不能从“%(old)s”改为该状态") % {"old": record.get_status_display()}}
        )
    record.status = status
    record._history_user = actor
    record._change_reason = note[:100]
    record.save(update_fields=["status"])
    return record
