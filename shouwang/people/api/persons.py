"""/people and /watch-records: the registry and why each person is watched."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, Id, InputSchema
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import (
    Person,
    WatchRecord,
)
from ..selectors import person_duplicates, person_search
from ..services import (
    PersonConflict,
    person_merge,
    person_register,
    watch_record_create,
    watch_record_set_status,
)

router = Router()


class PersonIn(InputSchema):
    lengths_from = (Person,)

    name: str = ""
    id_number: str = ""
    phone: str = ""
    current_address: str = ""
    household_address: str = ""
    workplace: str = ""
    unit: Id | None = None


class PersonOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    name: str
    id_number: str
    phone: str
    sex: str
    birth_date: date | None
    current_address: str
    household_address: str
    workplace: str
    key_area: str | None = None
    merged_into: int | None = Field(None, alias="merged_into_id")
    created_at: datetime

    @staticmethod
    def resolve_id_number(person: Person) -> str:
        return mask_id_number(person.id_number)

    @staticmethod
    def resolve_phone(person: Person) -> str:
        return mask_phone(person.phone)

    @staticmethod
    def resolve_key_area(person: Person) -> str | None:
        return person.flagged_area.name if person.flagged_area_id else None


class ConflictOut(Schema):
    detail: str
    id: int
    errors: list[dict] = []


class DuplicateOut(Schema):
    person: PersonOut
    reasons: list[str]
    score: int


class MergeIn(InputSchema):
    merge: Id


def unit_in_scope(request: HttpRequest, unit_id: int | None) -> Unit:
    if unit_id is None:
        return request.auth.unit
    return get_visible_or_404(Unit, request.auth, pk=unit_id)


@router.post(
    "/people",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response={201: PersonOut, 409: ConflictOut},
    summary="登记人员",
)
def person_create(request: HttpRequest, payload: PersonIn):
    try:
        person = person_register(
            actor=request.auth,
            unit=unit_in_scope(request, payload.unit),
            **payload.dict(exclude={"unit"}),
        )
    except PersonConflict as conflict:
        return Status(409, {"detail": "该人员已登记", "id": conflict.existing.pk, "errors": []})
    return Status(201, person)


@router.get(
    "/people",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[PersonOut],
    summary="查找人员（姓名、身份证号或手机号）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def person_list(request: HttpRequest, q: str = "", unit: Id | None = None, flagged: str = ""):
    return person_search(request.auth, query=q, unit_id=str(unit or ""), flagged=flagged)


class PersonSearchIn(InputSchema):
    q: str = Field("", description="姓名（繁简皆可）、完整身份证号或手机号")
    unit: str = ""
    flagged: str = ""


@router.post(
    "/people/search",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[PersonOut],
    summary="查找人员（按身份证号或手机号时用此接口）",
    description=(
        "与 GET /people 相同，但查询条件放在请求体中：身份证号和手机号不会出现在 URL 里，"
        "也就不会留在服务器、代理和浏览器的访问日志中。按身份证号或手机号查找时请用此接口。"
    ),
)
@paginate(BoundedPageNumberPagination, page_size=50)
def person_search_by_body(request: HttpRequest, payload: PersonSearchIn):
    return person_search(
        request.auth, query=payload.q, unit_id=payload.unit, flagged=payload.flagged
    )


def person_in_scope(request: HttpRequest, person_id: Id) -> Person:
    return get_visible_or_404(
        Person.objects.select_related("unit", "flagged_area"), request.auth, pk=person_id
    )


@router.get(
    "/people/{person_id}",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=PersonOut,
    summary="人员详情",
)
def person_detail(request: HttpRequest, person_id: Id):
    return person_in_scope(request, person_id)


@router.get(
    "/people/{person_id}/duplicates",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[DuplicateOut],
    summary="疑似重复",
)
def person_duplicate_list(request: HttpRequest, person_id: Id):
    person = person_in_scope(request, person_id)
    return [
        {"person": c.person, "reasons": c.reasons, "score": c.score}
        for c in person_duplicates(person, request.auth)
    ]


@router.post(
    "/people/{person_id}/merge",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response=PersonOut,
    summary="合并重复记录",
)
def person_merge_endpoint(request: HttpRequest, person_id: Id, payload: MergeIn):
    keep = person_in_scope(request, person_id)
    merge = person_in_scope(request, payload.merge)
    return person_merge(actor=request.auth, keep=keep, merge=merge)


class WatchRecordIn(InputSchema):
    lengths_from = (WatchRecord,)

    person: Id
    reason: str
    source: str
    officer: Id | None = None
    contact_of: Id | None = None
    contact_of_text: str = ""
    origin: str = ""
    origin_region_code: str = ""
    arrived_on: Day | None = None
    note: str = ""


class WatchRecordOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    unit: int = Field(..., alias="unit_id")
    officer: int | None = Field(None, alias="officer_id")
    reason: str
    source: str
    contact_of: int | None = Field(None, alias="contact_of_id")
    contact_of_text: str
    origin: str
    origin_region_code: str
    arrived_on: date | None
    status: str
    note: str
    created_at: datetime


class StatusIn(InputSchema):
    lengths_from = (WatchRecord,)

    status: str
    note: str = ""


@router.post(
    "/watch-records",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response={201: WatchRecordOut},
    summary="登记关注记录",
)
def watch_record_add(request: HttpRequest, payload: WatchRecordIn):
    from shouwang.accounts.models import User

    person = person_in_scope(request, payload.person)
    officer = (
        get_visible_or_404(User, request.auth, pk=payload.officer) if payload.officer else None
    )
    contact_of = person_in_scope(request, payload.contact_of) if payload.contact_of else None
    data = payload.dict(exclude={"person", "officer", "contact_of"})
    record = watch_record_create(
        actor=request.auth, person=person, officer=officer, contact_of=contact_of, **data
    )
    return Status(201, record)


@router.get(
    "/watch-records",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[WatchRecordOut],
    summary="关注记录",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def watch_record_list(request: HttpRequest, person: Id | None = None, status: str = ""):
    records = WatchRecord.objects.visible_to(request.auth)
    if person:
        records = records.filter(person_id=person)
    if status:
        records = records.filter(status=status)
    return records


@router.post(
    "/watch-records/{record_id}/status",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response=WatchRecordOut,
    summary="变更状态",
)
def watch_record_status(request: HttpRequest, record_id: Id, payload: StatusIn):
    record = get_visible_or_404(WatchRecord, request.auth, pk=record_id)
    return watch_record_set_status(
        actor=request.auth, record=record, status=payload.status, note=payload.note
    )
