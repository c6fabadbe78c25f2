"""/cases and /stats/cases: open, read, decide and close cases; their figures."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.people.models import Person
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .models import MAX_DETENTION_DAYS, Case, CaseParty, PartyRole
from .policy import CASE_FIGURES, CASE_RECORDS
from .selectors import case_figures, case_search
from .services import MAX_FINE, Party, case_close, case_decide, case_open

router = Router(tags=["涉疫案件"])


class CaseOrganisationIn(InputSchema):
    lengths_from = (CaseParty,)

    name: str
    credit_code: str = Field("", max_length=30)
    role: str = PartyRole.OPERATOR


class CaseIn(InputSchema):
    lengths_from = (Case,)

    unit: Id | None = None
    kind: str
    facts: str
    occurred_at: datetime | None = None
    place: str = ""
    persons: list[Id] = Field(default_factory=list, max_length=50)
    organisations: list[CaseOrganisationIn] = Field(default_factory=list, max_length=50)


class CasePartyOut(Schema):
    role: str
    name: str
    person: int | None = Field(None, alias="person_id")
    credit_code: str


class CaseDecisionOut(Schema):
    warning: bool
    fine_amount: int | None
    detention_days: int | None
    forced_closure: bool
    criminal_transfer: bool
    note: str = Field(..., alias="decision_note")
    decided_at: datetime | None


class CaseOut(Schema):
    id: int
    number: str
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    status: str
    facts: str
    place: str
    occurred_at: datetime
    opened_at: datetime
    officer: int | None = Field(None, alias="officer_id")
    source: str | None = None
    parties: list[CasePartyOut]
    decision: CaseDecisionOut
    closed_at: datetime | None

    @staticmethod
    def resolve_source(case: Case) -> str | None:
        if not case.source_id:
            return None
        return f"{case.source_type.app_label}.{case.source_type.model}:{case.source_id}"

    @staticmethod
    def resolve_parties(case: Case) -> list[CaseParty]:
        return list(case.parties.all())

    @staticmethod
    def resolve_decision(case: Case) -> Case:
        return case


class CaseDecisionIn(InputSchema):
    warning: bool = False
    fine_amount: int | None = Field(None, ge=1, le=MAX_FINE)
    detention_days: int | None = Field(None, ge=1, le=MAX_DETENTION_DAYS)
    forced_closure: bool = False
    criminal_transfer: bool = False
    note: str = Field("", max_length=300)


class CaseCloseIn(InputSchema):
    note: str = Field("", max_length=300)


class CaseQuery(InputSchema):
    q: str = ""
    kind: str = ""
    status: str = ""
    decision: str = ""
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


def _with_parties(cases):
    return cases.select_related("unit", "source_type").prefetch_related("parties")


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_visible_or_404(_with_parties(Case.objects.all()), request.auth, pk=case_id)


@router.post(
    "/cases",
    auth=api_guard(Capability.HANDLE_CASES),
    response={201: CaseOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="受案登记",
)
def case_create(request: HttpRequest, payload: CaseIn):
    actor = request.auth
    unit = get_visible_or_404(Unit, actor, pk=payload.unit) if payload.unit else actor.unit
    people = Person.objects.visible_to(actor).in_bulk(payload.persons)
    missing = [pk for pk in payload.persons if pk not in people]
    if missing:
        raise ValidationError(
            {"persons": _("未找到人员：%(ids)s") % {"ids": "、".join(map(str, missing))}}
        )
    parties = [Party(role=PartyRole.OFFENDER, person=people[pk]) for pk in payload.persons]
    parties += [
        Party(role=item.role, name=item.name, credit_code=item.credit_code)
        for item in payload.organisations
    ]
    case = case_open(
        actor=actor,
        unit=unit,
        kind=payload.kind,
        facts=payload.facts,
        occurred_at=payload.occurred_at,
        place=payload.place,
        parties=parties,
    )
    return Status(201, _case(request, case.pk))


@router.get(
    "/cases",
    auth=api_guard(CASE_RECORDS),
    response={200: list[CaseOut], 403: ErrorOut, 422: ErrorOut},
    summary="案件列表",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def case_list(request: HttpRequest, filters: Query[CaseQuery]):
    return _with_parties(case_search(request.auth, filters.dict(by_alias=False)))


@router.get(
    "/cases/{case_id}",
    auth=api_guard(CASE_RECORDS),
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut},
    summary="案件详情",
)
def case_detail(request: HttpRequest, case_id: Id):
    return _case(request, case_id)


@router.post(
    "/cases/{case_id}/decision",
    auth=api_guard(Capability.DECIDE_PENALTIES),
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="作出处理决定（辅警无权）",
)
def case_decision(request: HttpRequest, case_id: Id, payload: CaseDecisionIn):
    case = get_visible_or_404(Case.objects.select_related("unit"), request.auth, pk=case_id)
    case_decide(actor=request.auth, case=case, **payload.dict())
    return _case(request, case_id)


@router.post(
    "/cases/{case_id}/close",
    auth=api_guard(Capability.HANDLE_CASES),
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="结案",
)
def case_closing(request: HttpRequest, case_id: Id, payload: CaseCloseIn):
    case = get_visible_or_404(Case.objects.select_related("unit"), request.auth, pk=case_id)
    case_close(actor=request.auth, case=case, note=payload.note)
    return _case(request, case_id)


class CaseStatsQuery(InputSchema):
    unit: Id | None = None
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")


class CaseUnitFiguresOut(Schema):
    unit: int
    unit_name: str
    cases: int
    fines: int


class CaseStatsOut(Schema):
    count: int
    by_kind: dict[str, int]
    by_decision: dict[str, int]
    by_unit: list[CaseUnitFiguresOut]
    fines_total: int
    detention_days_total: int


@router.get(
    "/stats/cases",
    auth=api_guard(CASE_FIGURES),
    response={200: CaseStatsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="案件统计（类别、处理决定、单位、罚款）",
)
def case_stats(request: HttpRequest, filters: Query[CaseStatsQuery]):
    user = request.auth
    unit = get_visible_or_404(Unit, user, pk=filters.unit) if filters.unit else None
    found = case_figures(user, unit=unit, date_from=filters.date_from, date_to=filters.date_to)
    return {
        "count": found.count,
        "by_kind": found.by_kind,
        "by_decision": found.by_decision,
        "by_unit": [
            {"unit": branch.pk, "unit_name": branch.name, "cases": n, "fines": fines}
            for branch, n, fines in found.by_unit
        ],
        "fines_total": found.fines_total,
        "detention_days_total": found.detention_days_total,
    }
