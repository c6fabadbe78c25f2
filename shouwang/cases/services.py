"""Opening, working, deciding and closing cases; their parties and evidence.

`case_open` is the one way a case comes to be: an officer's form, the API, or another area's
service (a venue inspection's violation, a price check's finding, later a tip or a rumour),
which passes the record that found the case as `source` inside its own transaction.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import IdentityError, parse_credit_code, to_simplified
from shouwang.identity.event_dates import check_event_time
from shouwang.identity.plain_text import check_text
from shouwang.people.models import Person
from shouwang.privacy.blobs import blob_decrypt, blob_encrypt
from shouwang.records import model_update
from shouwang.shell.evidence_safety import check_evidence
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from .links import case_decided
from .models import (
    MAX_DETENTION_DAYS,
    Case,
    CaseKind,
    CaseParty,
    CaseStatus,
    EvidenceFile,
    PartyRole,
)

FACTS_MAX = 2000
# The largest single fine a station records; more is a typing slip (an extra zero or three).
MAX_FINE = 10_000_000
MAX_FILES_PER_UPLOAD = 10
EVIDENCE_PURPOSE = "case-evidence"


@dataclass(frozen=True)
class Party:
    """A party to name: a registry person, or an organisation (with its own record if any)."""

    role: str = PartyRole.OFFENDER
    person: Person | None = None
    name: str = ""
    credit_code: str = ""
    subject: models.Model | None = None


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _officer(actor: Any, officer: Any) -> Any:
    if officer is None:
        return actor
    if not officer.is_active or not unit_is_visible_to(officer.unit, actor):
        raise ValidationError({"officer": _("主办民警须为本单位或下级单位的在职人员")})
    return officer


def _party_row(case: Case, party: Party, actor: Any) -> CaseParty:
    if party.role not in PartyRole.values:
        raise ValidationError({"parties": _("当事人身份不正确")})
    if party.person is not None:
        if not Person.objects.visible_to(actor).filter(pk=party.person.pk).exists():
            raise ValidationError({"parties": _("未找到该人员")})
        return CaseParty(
            case=case, role=party.role, person=party.person, name=party.person.name, added_by=actor
        )
    name = check_text(party.name, "parties", 100, required=True)
    code = ""
    if party.credit_code:
        try:
            code = parse_credit_code(party.credit_code)
        except IdentityError as error:
            raise ValidationError({"credit_code": error.message}) from None
    row = CaseParty(case=case, role=party.role, name=name, credit_code=code, added_by=actor)
    if party.subject is not None:
        row.subject = party.subject
    return row


@transaction.atomic
def case_open(
    *,
    actor: Any,
    unit: Any,
    kind: str,
    facts: str,
    occurred_at: datetime | None = None,
    place: str = "",
    parties: Sequence[Party] = (),
    source: models.Model | None = None,
    officer: Any = None,
) -> Case:
    """Open a case in `unit`; a record (`source`) opens at most one case (else Conflict)."""
    require(actor, Capability.HANDLE_CASES, unit, message=_("您无权办理案件"))
    if kind not in CaseKind.values:
        raise ValidationError({"kind": _("案件类别不正确")})
    facts = check_text(facts, "facts", FACTS_MAX, required=True)
    place = check_text(place, "place", 200)
    occurred_at = check_event_time(_aware(occurred_at or timezone.now()), "occurred_at")
    case = Case(
        unit=unit,
        kind=kind,
        facts=facts,
        place=place,
        occurred_at=occurred_at,
        opened_by=actor,
        officer=_officer(actor, officer),
    )
    if source is not None:
        case.source = source
        if Case.objects.filter(source_type=case.source_type, source_id=source.pk).exists():
            raise Conflict({"source": _("该记录已立案")})
    rows = [_party_row(case, party, actor) for party in parties]
    case._history_user = actor
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        raise Conflict({"source": _("该记录已立案")}) from error
    for row in rows:
        row.case = case
    _store_parties(rows)
    return case


def _store_parties(rows: list[CaseParty]) -> None:
    """Save the rows, each person or record once (a venue named twice is one party)."""
    seen = set()
    for row in rows:
        key = (
            ("person", row.person_id)
            if row.person_id
            else ("subject", row.subject_type_id, row.subject_id)
        )
        if key in seen and (row.person_id or row.subject_id):
            continue
        seen.add(key)
        row.save()


def _open_or_refuse(case: Case, field: str = "status") -> None:
    if case.status == CaseStatus.CLOSED:
        raise Conflict({field: _("案件已结案，不能再修改")})


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_party_add(*, actor: Any, case: Case, party: Party) -> CaseParty:
    require(actor, Capability.HANDLE_CASES, case.unit, message=_("您无权办理案件"))
    case = _locked(case)
    _open_or_refuse(case, "parties")
    row = _party_row(case, party, actor)
    duplicate = (
        case.parties.filter(person=row.person_id).exists()
        if row.person_id
        else row.subject_id is not None
        and case.parties.filter(
            subject_type=row.subject_type_id, subject_id=row.subject_id
        ).exists()
    )
    if duplicate:
        raise ValidationError({"parties": _("该当事人已在案件中")})
    row.save()
    return row


@transaction.atomic
def case_update(
    *,
    actor: Any,
    case: Case,
    facts: str,
    place: str = "",
    occurred_at: datetime | None = None,
    officer: Any = None,
) -> Case:
    """Correct or complete the facts while the case is open (the change lands in its history)."""
    require(actor, Capability.HANDLE_CASES, case.unit, message=_("您无权办理案件"))
    case = _locked(case)
    if case.status != CaseStatus.OPEN:
        raise Conflict({"facts": _("案件已作出决定，案情不能再修改")})
    data = {
        "facts": check_text(facts, "facts", FACTS_MAX, required=True),
        "place": check_text(place, "place", 200),
        "officer": _officer(actor, officer) if officer is not None else case.officer,
    }
    if occurred_at is not None:
        data["occurred_at"] = check_event_time(_aware(occurred_at), "occurred_at")
    case._history_user = actor
    model_update(case, fields=("facts", "place", "occurred_at", "officer"), data=data)
    return case


@transaction.atomic
def case_decide(
    *,
    actor: Any,
    case: Case,
    warning: bool = False,
    fine_amount: int | None = None,
    detention_days: int | None = None,
    forced_closure: bool = False,
    criminal_transfer: bool = False,
    note: str = "",
) -> Case:
    """Record the penalty decision of an open case; auxiliary officers may not decide."""
    require(actor, Capability.DECIDE_PENALTIES, case.unit, message=_("您无权作出处罚决定"))
    errors = {}
    if fine_amount is not None and not 1 <= fine_amount <= MAX_FINE:
        errors["fine_amount"] = _("罚款金额应为1至%(max)s元") % {"max": MAX_FINE}
    if detention_days is not None and not 1 <= detention_days <= MAX_DETENTION_DAYS:
        errors["detention_days"] = _("拘留天数应为1至%(max)s日") % {"max": MAX_DETENTION_DAYS}
    if not (warning or fine_amount or detention_days or forced_closure or criminal_transfer):
        errors["decision"] = _("请至少选择一项处理决定")
    if errors:
        raise ValidationError(errors)
    note = check_text(note, "note", 300)
    case = _locked(case)
    if case.status != CaseStatus.OPEN:
        raise Conflict({"status": _("案件已作出决定或已结案")})
    case._history_user = actor
    model_update(
        case,
        fields=(
            "warning",
            "fine_amount",
            "detention_days",
            "forced_closure",
            "criminal_transfer",
            "decision_note",
            "decided_at",
            "decided_by",
            "status",
        ),
        data={
            "warning": warning,
            "fine_amount": fine_amount or None,
            "detention_days": detention_days or None,
            "forced_closure": forced_closure,
            "criminal_transfer": criminal_transfer,
            "decision_note": note,
            "decided_at": timezone.now(),
            "decided_by": actor,
            "status": CaseStatus.DECIDED,
        },
    )
    case_decided(actor=actor, case=case)
    return case


@transaction.atomic
def case_close(*, actor: Any, case: Case, note: str = "") -> Case:
    """Close a case: after its decision, or without one (no penalty) for a stated reason."""
    require(actor, Capability.HANDLE_CASES, case.unit, message=_("您无权办理案件"))
    note = check_text(note, "note", 300)
    case = _locked(case)
    if case.status == CaseStatus.CLOSED:
        raise Conflict({"status": _("案件已结案")})
    if case.status == CaseStatus.OPEN and not note:
        raise ValidationError({"note": _("未作处罚决定而结案，须说明理由")})
    case._history_user = actor
    model_update(
        case,
        fields=("status", "closed_at", "close_note"),
        data={"status": CaseStatus.CLOSED, "closed_at": timezone.now(), "close_note": note},
    )
    return case


# --- evidence ----------------------------------------------------------------------------------


def evidence_store(
    *,
    actor: Any,
    subject: models.Model,
    unit: Any,
    uploads: Iterable[Upload],
    description: str = "",
    field: str = "files",
) -> list[EvidenceFile]:
    """Check every upload, then store them all encrypted against `subject`.

    For services that have checked the actor's right over `subject` themselves (a case's,
    an inspection's); nothing is stored unless every file passes.
    """
    uploads = list(uploads)
    if len(uploads) > MAX_FILES_PER_UPLOAD:
        raise ValidationError({field: _("一次最多上传%(n)s个文件") % {"n": MAX_FILES_PER_UPLOAD}})
    checked = [
        (upload, check_evidence(upload.content, upload.name, field=field)) for upload in uploads
    ]
    description = check_text(description, "description", 200)
    subject_type = ContentType.objects.get_for_model(subject)
    stored = []
    for upload, info in checked:
        evidence = EvidenceFile(
            unit=unit,
            subject_type=subject_type,
            subject_id=subject.pk,
            kind=info.kind,
            filename=to_simplified(upload.name).strip()[:200] or info.kind,
            size=len(upload.content),
            sha256=hashlib.sha256(upload.content).hexdigest(),
            content=blob_encrypt(upload.content, purpose=EVIDENCE_PURPOSE),
            description=description,
            uploaded_by=actor,
        )
        evidence.save()
        stored.append(evidence)
    return stored


@transaction.atomic
def case_evidence_add(
    *, actor: Any, case: Case, uploads: Iterable[Upload], description: str = ""
) -> list[EvidenceFile]:
    require(actor, Capability.HANDLE_CASES, case.unit, message=_("您无权办理案件"))
    _open_or_refuse(case, "files")
    return evidence_store(
        actor=actor, subject=case, unit=case.unit, uploads=uploads, description=description
    )


@transaction.atomic
def evidence_void(*, actor: Any, evidence: EvidenceFile, reason: str) -> EvidenceFile:
    """Set a file aside (wrong photo, wrong case) with a reason; it is kept, never deleted."""
    require(actor, Capability.HANDLE_CASES, evidence.unit, message=_("您无权办理案件"))
    reason = check_text(reason, "reason", 200, required=True)
    evidence = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
    if evidence.voided_at is not None:
        raise Conflict({"reason": _("该材料已作废")})
    model_update(
        evidence,
        fields=("voided_at", "voided_by", "void_reason"),
        data={"voided_at": timezone.now(), "voided_by": actor, "void_reason": reason},
    )
    return evidence


def evidence_content(evidence: EvidenceFile) -> bytes:
    content = EvidenceFile.objects.filter(pk=evidence.pk).values_list("content", flat=True).get()
    return blob_decrypt(content, purpose=EVIDENCE_PURPOSE)
