"""People met at a checkpoint who enter the registry: handed over to health, or arrivals from a
key area the officer chose to register.

Checkpoints call `handover_receive` in the transaction that stores the passage, so a handover
either reaches the registry, the health liaison's list and the station's alerts, or is not
stored at all. This app knows nothing of checkpoints: it is given plain values
(`HandoverOccupant`) and answers the watch records, which checkpoints links to its occupants.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.privacy.identifiers import identifier_values
from shouwang.units.models import Unit
from shouwang.units.scoping import station_of

from ..models import (
    Alert,
    AlertKind,
    Person,
    WatchReason,
    WatchRecord,
    WatchSource,
    WatchStatus,
)
from .common import clean_name, require
from .persons import person_flag_refresh, person_matching

# The name of a person handed over without one: the liaison's list shows him "to identify".
UNIDENTIFIED = "待识别"
ACTIVE_STATUSES = (WatchStatus.OPEN, WatchStatus.VERIFIED, WatchStatus.ISOLATING)
# An arrival registered while a checkpoint record of the person is still active adds nothing;
# a handover (fever) after an arrival is news for health and gets its own record.
REUSABLE_SOURCES = {
    WatchSource.CHECKPOINT_HANDOVER: (WatchSource.CHECKPOINT_HANDOVER,),
    WatchSource.CHECKPOINT_ARRIVAL: (
        WatchSource.CHECKPOINT_HANDOVER,
        WatchSource.CHECKPOINT_ARRIVAL,
    ),
}


@dataclass(frozen=True)
class HandoverOccupant:
    """One person met at a checkpoint, as the checkpoint registered him (already validated)."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    temperature: Decimal | None = None
    health_code_label: str = ""  # "黄码", shown in the note and the alert; "" when green/none
    fever: bool = False  # he or his group had a fever or a yellow/red code
    key_area: bool = False  # the passage came from a key area
    place: str = ""  # the checkpoint's name
    at: datetime | None = None  # when he was met
    origin: str = ""
    origin_region_code: str = ""
    source: str = WatchSource.CHECKPOINT_HANDOVER

    @property
    def arrived_on(self) -> date | None:
        return timezone.localdate(self.at) if self.at else None

    def findings(self) -> str:
        """What made him a case ("体温38.6℃，黄码"), for the note and the alert."""
        parts = []
        if self.temperature is not None:
            parts.append(_("体温%(t)s℃") % {"t": self.temperature})
        if self.health_code_label:
            parts.append(self.health_code_label)
        return "，".join(parts)


def handover_receive(
    *, actor: Any, unit: Unit, occupants: list[HandoverOccupant]
) -> list[WatchRecord]:
    """Make each occupant a watch record of the registry; the records, in the order given.

    `unit` is where he was met (the checkpoint's unit); the records belong to the station at
    or above it, whose registry, duty desk and health liaison take him in hand. The person is
    found among the station's live records by ID number (else name + phone) or created (no ID:
    a record without one, named "待识别" when no name was given either). A person who already
    has an active record of the same checkpoint source keeps it: a registration sent twice, or
    two checkpoints meeting him the same week, make one record. A handover raises an alert to
    the station.

    Policy: the actor is whoever registered the passage — a volunteer or an auxiliary officer
    may hand a feverish traveller over without managing people. The rule is the registration's
    (REGISTER_PASSAGES, at a checkpoint the actor's unit reaches), checked by checkpoints before
    calling; this service asks only for that capability.

    Runs inside the caller's transaction. Two registrations naming one ID number at once end
    with one person: the loser's insert meets `person_one_live_record_per_id`, is rolled back
    to a savepoint and reads the winner's row; persons are locked, in the order of their blind
    index, before their records are looked at, so one record is made.
    """
    require(actor, Capability.REGISTER_PASSAGES, message=_("您无权登记通行"))
    station = station_of(unit)
    records: dict[int, WatchRecord] = {}
    # Lock in one order (ID blind index, then position) so concurrent batches cannot deadlock.
    order = sorted(range(len(occupants)), key=lambda i: (_identity(occupants[i])[0], i))
    with transaction.atomic():
        for index in order:
            records[index] = _receive_one(actor, station, occupants[index])
    return [records[index] for index in range(len(occupants))]


def _identity(occupant: HandoverOccupant) -> tuple[str, str]:
    # Validated by the checkpoint already: blank or well formed.
    identity = identifier_values(id_number=occupant.id_number, phone=occupant.phone)
    return identity.id_number_index, identity.phone_index


def _receive_one(actor: Any, station: Unit, occupant: HandoverOccupant) -> WatchRecord:
    person = _person(actor, station, occupant)
    record = (
        WatchRecord.objects.filter(
            person=person,
            unit__path__startswith=station.path,
            source__in=REUSABLE_SOURCES[occupant.source],
            status__in=ACTIVE_STATUSES,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if record is None:
        record = _record_create(actor, station, person, occupant)
        # His origin may lie in a key area: flag him as a watch record's creation does.
        person_flag_refresh(person=person)
    if occupant.source == WatchSource.CHECKPOINT_HANDOVER:
        Alert.objects.create(
            unit=station,
            person=person,
            kind=AlertKind.HANDOVER,
            message=_alert_message(person, occupant)[:300],
        )
    return record


def _person(actor: Any, station: Unit, occupant: HandoverOccupant) -> Person:
    return person_find_or_create(
        actor=actor,
        station=station,
        name=occupant.name,
        id_number=occupant.id_number,
        phone=occupant.phone,
    )


def person_find_or_create(
    *, actor: Any, station: Unit, name: str, id_number: str = "", phone: str = ""
) -> Person:
    """The station's live person with this ID number (else name + phone), locked; made when
    there is none (named "待识别" without a name). Also used by household screening
    (community.services.findings). Runs in the caller's transaction; values already validated.
    """
    identity = identifier_values(id_number=id_number, phone=phone)
    name = clean_name(name)
    in_station = Person.objects.filter(unit__path__startswith=station.path).select_for_update(
        of=("self",)
    )
    lookup = {
        "id_number_index": identity.id_number_index,
        "name": name,
        "phone_index": identity.phone_index,
    }
    person = person_matching(in_station, **lookup)
    if person is not None:
        if person.name == UNIDENTIFIED and name:
            person.name = name
            person._history_user = actor
            person.save(update_fields=["name"])
        return person
    person = Person(
        unit=station, name=name or UNIDENTIFIED, created_by=actor, **identity.person_columns()
    )
    person._history_user = actor
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # Another registration stored this ID number in the station meanwhile: his row.
        found = person_matching(in_station, **lookup)
        if found is None:
            raise
        return found
    return person


def _record_create(
    actor: Any, station: Unit, person: Person, occupant: HandoverOccupant
) -> WatchRecord:
    if occupant.source == WatchSource.CHECKPOINT_ARRIVAL:
        reason = WatchReason.KEY_AREA_ARRIVAL
    elif occupant.fever:
        reason = WatchReason.FEVER
    elif occupant.key_area:
        reason = WatchReason.KEY_AREA_ARRIVAL
    else:
        reason = WatchReason.OTHER
    record = WatchRecord(
        person=person,
        unit=station,
        reason=reason,
        source=occupant.source,
        origin=occupant.origin[:100],
        origin_region_code=occupant.origin_region_code,
        arrived_on=occupant.arrived_on,
        note=_note(occupant)[:300],
        created_by=actor,
    )
    record._history_user = actor
    record.save()
    return record


def _moment(occupant: HandoverOccupant) -> str:
    return timezone.localtime(occupant.at).strftime("%m-%d %H:%M") if occupant.at else ""


def _note(occupant: HandoverOccupant) -> str:
    what = (
        _("通行登记，移交卫健")
        if occupant.source == WatchSource.CHECKPOINT_HANDOVER
        else _("通行登记，重点地区来人")
    )
    note = f"{occupant.place} {_moment(occupant)} {what}"
    findings = occupant.findings()
    return f"{note}；{findings}" if findings else note


def _alert_message(person: Person, occupant: HandoverOccupant) -> str:
    findings = occupant.findings()
    if findings:
        return _("%(name)s 在%(place)s %(findings)s，已移交卫健") % {
            "name": person.name,
            "place": occupant.place,
            "findings": findings,
        }
    return _("%(name)s 在%(place)s，已移交卫健") % {"name": person.name, "place": occupant.place}
