"""What a visit found: someone back from a key area or with symptoms becomes, in the visit's
transaction, a watch record of the registry (people's services make it), exactly once.

The person is found in the station's registry by ID number through its blind index, or made
(`people.services.handovers.person_find_or_create`, which locks him); an active watch record of
his for the same reason is linked rather than another made, so a second visit reporting him
links the same record. Someone reported without an ID number is matched by name among the
household's earlier findings.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.identity import get_region, region_name, to_simplified
from shouwang.identity.event_dates import event_date_error
from shouwang.people.models import Person, WatchReason, WatchRecord, WatchSource, WatchStatus
from shouwang.people.places import region_code_for_place
from shouwang.people.services import watch_record_create
from shouwang.people.services.handovers import person_find_or_create
from shouwang.privacy.identifiers import identifiers_read
from shouwang.units.scoping import station_of

from ..models import HouseholdMember, Visit, VisitFinding
from .common import member_name_error

ACTIVE_STATUSES = (WatchStatus.OPEN, WatchStatus.VERIFIED, WatchStatus.ISOLATING)
FINDING_REASONS = (WatchReason.KEY_AREA_ARRIVAL, WatchReason.FEVER)
NAME_MAX = VisitFinding._meta.get_field("name").max_length


@dataclass(frozen=True)
class Finding:
    """Someone a visitor reports, as typed."""

    reason: str
    name: str
    id_number: str = ""
    from_region_code: str = ""
    arrived_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class _Checked:
    finding: Finding
    name: str
    id_number: str
    id_number_index: str
    region_code: str
    note: str


def findings_checked(findings: list[Finding], *, today: date) -> list[_Checked]:
    """Each finding's values as stored, or ValidationError naming `findings.<n>.<field>`."""
    checked, errors = [], {}
    for n, finding in enumerate(findings):

        def key(field: str, n: int = n) -> str:
            return f"findings.{n}.{field}"

        name = to_simplified((finding.name or "").strip())
        if message := member_name_error(name, NAME_MAX):
            errors[key("name")] = message
        if finding.reason not in FINDING_REASONS:
            errors[key("reason")] = _("未知的类别")
        identifiers, id_errors = identifiers_read(id_number=finding.id_number, today=today)
        if "id_number" in id_errors:
            errors[key("id_number")] = id_errors["id_number"]
        typed = (finding.from_region_code or "").strip()
        # A code ("420100") or a place ("湖北武汉") read as one.
        region = region_code_for_place(typed) if typed else ""
        if typed and (not region or get_region(region) is None):
            errors[key("from_region_code")] = _("无法识别的地区，请填写如“湖北武汉”或“420100”")
        if finding.reason == WatchReason.KEY_AREA_ARRIVAL and not typed:
            errors[key("from_region_code")] = _("请填写从哪里返回")
        arrived_on = finding.arrived_on
        if arrived_on is not None and (message := event_date_error(arrived_on, today=today)):
            errors[key("arrived_on")] = message
        note = to_simplified((finding.note or "").strip())
        if len(note) > 200:
            errors[key("note")] = _("内容过长，最多%(n)s个字") % {"n": 200}
        checked.append(
            _Checked(
                finding, name, identifiers.id_number, identifiers.id_number_index, region, note
            )
        )
    if errors:
        raise ValidationError(errors)
    return checked


def findings_record(*, actor: Any, visit: Visit, findings: list[Finding]) -> list[VisitFinding]:
    """Link or make each finding's watch record; in the caller's transaction, the household
    locked (services.screening), so two visits of one household cannot both make one."""
    if not findings:
        return []
    checked = findings_checked(findings, today=timezone.localdate())
    station = station_of(visit.unit)
    # People are locked in the order of their blind index: concurrent visits cannot deadlock.
    stored = []
    for item in sorted(checked, key=lambda c: (c.id_number_index, c.name)):
        record = _watch_record(actor, visit, station, item)
        stored.append(
            VisitFinding.objects.create(
                visit=visit,
                campaign_id=visit.campaign_id,
                unit_id=visit.unit_id,
                reason=item.finding.reason,
                name=item.name,
                id_number=item.id_number,
                id_number_index=item.id_number_index,
                from_region_code=item.region_code,
                arrived_on=item.finding.arrived_on,
                note=item.note,
                watch_record=record,
            )
        )
        if item.id_number_index:
            HouseholdMember.objects.filter(
                household_id=visit.household_id,
                id_number_index=item.id_number_index,
                person__isnull=True,
            ).update(person=record.person)
    return stored


def _watch_record(actor: Any, visit: Visit, station: Any, item: _Checked) -> WatchRecord:
    reason = item.finding.reason
    person = None
    if not item.id_number_index:
        earlier = (
            VisitFinding.objects.filter(
                visit__household_id=visit.household_id,
                name=item.name,
                id_number_index="",
                reason=reason,
                watch_record__status__in=ACTIVE_STATUSES,
            )
            .select_related("watch_record")
            .order_by("-id")
            .first()
        )
        if earlier is not None:
            return earlier.watch_record
    person = person_find_or_create(
        actor=actor, station=station, name=item.name, id_number=item.id_number
    )
    record = _active_record(person, station, reason)
    if record is not None:
        return record
    return watch_record_create(
        actor=actor,
        person=person,
        reason=reason,
        source=WatchSource.HOUSEHOLD_SCREENING,
        unit=station,
        origin=(region_name(item.region_code) or "") if item.region_code else "",
        origin_region_code=item.region_code,
        arrived_on=item.finding.arrived_on,
        note=_note(visit, item)[:300],
    )


def _active_record(person: Person, station: Any, reason: str) -> WatchRecord | None:
    """His active record for this reason in the station, whoever found him first."""
    return (
        WatchRecord.objects.filter(
            person=person,
            reason=reason,
            unit__path__startswith=station.path,
            status__in=ACTIVE_STATUSES,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def _note(visit: Visit, item: _Checked) -> str:
    note = _("入户排查：%(address)s") % {"address": visit.household.address_text}
    return f"{note}；{item.note}" if item.note else note
