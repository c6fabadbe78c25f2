"""The cases area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from django.utils import timezone

from shouwang.accounts.roles import Capability
from shouwang.cases.models import Case, CaseKind
from shouwang.cases.services import Party, evidence_store

from .factories import open_case, photo


def case_objects(unit, maker, person=None) -> dict[str, Any]:
    """An open case of `unit` (naming `person`) with one photo; made by `maker` when he may."""
    if maker.has_capability(Capability.HANDLE_CASES):
        parties = [Party(person=person)] if person is not None else []
        case = open_case(maker, unit, parties=parties)
    else:
        case = Case.objects.create(
            unit=unit, kind=CaseKind.OTHER, facts="局机关案件", occurred_at=timezone.now()
        )
    (evidence,) = evidence_store(actor=maker, subject=case, unit=unit, uploads=[photo()])
    return {"case": case, "evidence": evidence}
