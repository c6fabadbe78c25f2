"""Occupants who enter the registry of watched people, in the transaction storing their passage.

A passage handed over to health makes each named occupant a watch record (found or created by
ID number, listed in the health liaison's handovers, an alert to the station); an arrival from
a key area does the same when the officer asks (`register_watch`). The registry's service
(`people.services.handover_receive`) does the work; this module turns validated passages into
what it takes and links each occupant to his record. An ordinary passage never comes here: the
registration pipeline calls it only for passages whose `CleanPassage.watch` is set.
"""

from typing import Any

from shouwang.identity.body_temperature import is_fever
from shouwang.people.models import WatchSource
from shouwang.people.services import HandoverOccupant, handover_receive
from shouwang.units.models import Unit

from .models import HealthCode, Occupant
from .validation import WATCH_HANDOVER, CleanPassage

RISKY_CODES = (HealthCode.YELLOW, HealthCode.RED)


def _risky_code_label(code: str) -> str:
    return str(HealthCode(code).label) if code in RISKY_CODES else ""


def watch_occupants(items: list[CleanPassage], *, actor: Any = None, stored: bool = False) -> None:
    """Make the named occupants of `items` watch records and link each (`occupant.watch_record`).

    Before the passages are written, the occupants are linked in memory and written with the
    link; for a passage `stored` already (a correction handing it over afterwards), the
    occupants not linked yet are linked by an UPDATE. The actor is the registering one unless
    given (the correcting officer).
    """
    by_unit: dict[int, tuple[Unit, Any, list[tuple[Occupant, HandoverOccupant]]]] = {}
    for cleaned in items:
        values = cleaned.values
        checkpoint = values["checkpoint"]
        source = (
            WatchSource.CHECKPOINT_HANDOVER
            if cleaned.watch == WATCH_HANDOVER
            else WatchSource.CHECKPOINT_ARRIVAL
        )
        group_fever = is_fever(values["max_temperature"]) or values["health_code"] in RISKY_CODES
        # A temperature typed for the group (no occupant's own) is each one's reading.
        group_temperature = (
            values["max_temperature"]
            if not any(o.temperature is not None for o in cleaned.occupants)
            else None
        )
        origin = values["origin"] or f"{values['origin_province']}{values['origin_city']}"
        region = values["origin_region_code"] or (
            values["plate_region_code"] if values["out_of_town"] else ""
        )
        for occupant in cleaned.occupants:
            if not (occupant.name or occupant.id_number):
                continue
            if stored and occupant.watch_record_id:
                continue
            own_code = _risky_code_label(occupant.health_code)
            entry = HandoverOccupant(
                name=occupant.name,
                id_number=occupant.id_number,
                phone=occupant.phone,
                temperature=occupant.temperature
                if occupant.temperature is not None
                else group_temperature,
                health_code_label=own_code or _risky_code_label(values["health_code"]),
                fever=group_fever,
                key_area=values["is_key_area"],
                place=checkpoint.name,
                at=values["occurred_at"],
                origin=origin,
                origin_region_code=region,
                source=source,
            )
            unit_entry = by_unit.setdefault(
                checkpoint.unit_id, (checkpoint.unit, actor or values["recorded_by"], [])
            )
            unit_entry[2].append((occupant, entry))
    # One call per unit, in the order of their ids: concurrent batches lock alike.
    for unit_id in sorted(by_unit):
        unit, by, pairs = by_unit[unit_id]
        records = handover_receive(actor=by, unit=unit, occupants=[entry for _o, entry in pairs])
        for (occupant, _entry), record in zip(pairs, records, strict=True):
            occupant.watch_record = record
            if stored:
                Occupant.objects.filter(pk=occupant.pk).update(watch_record=record)
