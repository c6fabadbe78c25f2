"""/households and /household-imports: addresses and their residents, scoped."""

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.shell.workbook_safety import read_upload
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Household, HouseholdImportJob, HouseholdMember
from ..rules import COMMUNITY_RECORDS, IMPORT_HOUSEHOLDS, WORK
from ..selectors.addresses import household_search
from ..services import (
    AddressTaken,
    household_create,
    household_import_create,
    household_import_request_apply,
    household_update,
    member_add,
    member_remove,
    member_update,
)

router = Router()


class HouseholdMemberIn(InputSchema):
    lengths_from = (HouseholdMember,)

    name: str
    id_number: str = Field("", max_length=30)
    phone: str = Field("", max_length=20)
    relation: str = ""


class HouseholdIn(InputSchema):
    lengths_from = (Household,)

    unit: Id
    building: str = Field(..., max_length=30)
    entrance: str = ""
    room: str
    address_text: str = ""
    plates: list[str] = Field([], max_length=10)
    note: str = ""
    members: list[HouseholdMemberIn] = Field([], max_length=30)


class HouseholdPatchIn(InputSchema):
    """The fields to change; those left out stay as they are."""

    lengths_from = (Household,)

    address_text: str | None = None
    plates: list[str] | None = Field(None, max_length=10)
    note: str | None = None


class HouseholdMemberPatchIn(InputSchema):
    """A resident's correction with its reason; fields left out stay, "" clears one."""

    lengths_from = (HouseholdMember,)

    reason: str = Field(..., max_length=100)
    name: str | None = None
    relation: str | None = None
    id_number: str | None = Field(None, max_length=30)
    phone: str | None = Field(None, max_length=20)


class ReasonIn(InputSchema):
    reason: str = Field(..., max_length=200)


class HouseholdMemberOut(Schema):
    id: int
    name: str
    relation: str
    id_number: str
    phone: str
    person: int | None = Field(None, alias="person_id")

    @staticmethod
    def resolve_id_number(member: HouseholdMember) -> str:
        return mask_id_number(member.id_number)

    @staticmethod
    def resolve_phone(member: HouseholdMember) -> str:
        return mask_phone(member.phone)


class HouseholdOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    building: int = Field(..., alias="building_id")
    building_name: str = Field(..., alias="building.name")
    entrance: str
    room: str
    address_text: str
    plates: list[str]
    members: list[HouseholdMemberOut]
    created_at: datetime

    @staticmethod
    def resolve_members(household: Household) -> list[HouseholdMember]:
        return list(household.members.all())


class HouseholdTakenOut(Schema):
    detail: str
    id: int
    errors: list[dict] = []


@router.post(
    "/households",
    auth=api_guard(WORK),
    response={201: HouseholdOut, 403: ErrorOut, 409: HouseholdTakenOut, 422: ErrorOut},
    summary="登记住户",
    description="同一社区/村、楼栋、单元、房号已有住户时返回 409 及其编号。",
)
def household_add(request: HttpRequest, payload: HouseholdIn):
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit)
    data = payload.dict(exclude={"unit"})
    try:
        household = household_create(actor=request.auth, unit=unit, **data)
    except AddressTaken as taken:
        return Status(
            409,
            {"detail": _("该地址已登记住户"), "id": taken.existing.pk, "errors": _errors(taken)},
        )
    return Status(201, _household(request, household.pk))


def _errors(error) -> list[dict]:
    return [
        {"field": field, "message": message}
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _household(request: HttpRequest, pk: int) -> Household:
    return get_visible_or_404(
        Household.objects.select_related("unit", "building").prefetch_related("members"),
        request.auth,
        pk=pk,
    )


@router.get(
    "/households",
    auth=api_guard(COMMUNITY_RECORDS),
    response=list[HouseholdOut],
    summary="住户（按社区/村、楼栋）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def household_list(
    request: HttpRequest, unit: Id | None = None, building: Id | None = None, q: str = ""
):
    return household_search(request.auth, unit=unit, building=building, q=q)


@router.get(
    "/households/{household_id}",
    auth=api_guard(COMMUNITY_RECORDS),
    response=HouseholdOut,
    summary="住户详情",
)
def household_detail(request: HttpRequest, household_id: Id):
    return _household(request, household_id)


@router.post(
    "/households/{household_id}/members",
    auth=api_guard(WORK),
    response={201: HouseholdMemberOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="添加住户成员",
)
def member_create(request: HttpRequest, household_id: Id, payload: HouseholdMemberIn):
    household = _household(request, household_id)
    return Status(201, member_add(actor=request.auth, household=household, **payload.dict()))


@router.patch(
    "/households/{household_id}",
    auth=api_guard(WORK),
    response={200: HouseholdOut, 403: ErrorOut, 422: ErrorOut},
    summary="更正住户（地址说明、车牌、备注）",
)
def household_change(request: HttpRequest, household_id: Id, payload: HouseholdPatchIn):
    household = _household(request, household_id)
    household_update(actor=request.auth, household=household, **payload.dict(exclude_unset=True))
    return _household(request, household_id)


def _member(request: HttpRequest, household_id: int, member_id: int) -> HouseholdMember:
    return get_visible_or_404(
        HouseholdMember.objects.select_related("household__unit"),
        request.auth,
        pk=member_id,
        household_id=household_id,
    )


@router.patch(
    "/households/{household_id}/members/{member_id}",
    auth=api_guard(WORK),
    response={200: HouseholdMemberOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="更正住户成员",
    description="未给出的字段不变；身份证号或手机号给空字符串即清除。原因记入变更历史。",
)
def member_change(
    request: HttpRequest, household_id: Id, member_id: Id, payload: HouseholdMemberPatchIn
):
    member = _member(request, household_id, member_id)
    # None is "not given", as a field left out: only what the client sent changes.
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return member_update(actor=request.auth, member=member, **changes)


@router.post(
    "/households/{household_id}/members/{member_id}/removal",
    auth=api_guard(WORK),
    response={204: None, 403: ErrorOut, 422: ErrorOut},
    summary="移出住户成员（迁出、重复登记）",
)
def member_delete(request: HttpRequest, household_id: Id, member_id: Id, payload: ReasonIn):
    member = _member(request, household_id, member_id)
    member_remove(actor=request.auth, member=member, reason=payload.reason)
    return Status(204, None)


class HouseholdImportJobOut(Schema):
    id: int
    status: str
    filename: str
    total_rows: int
    processed_rows: int
    progress: int = Field(..., alias="progress_percent")
    new: int = Field(..., alias="new_count")
    added: int = Field(..., alias="added_count")
    unchanged: int = Field(..., alias="unchanged_count")
    rejected: int = Field(..., alias="rejected_count")
    error: str
    created_at: datetime
    applied_at: datetime | None


@router.post(
    "/household-imports",
    auth=api_guard(IMPORT_HOUSEHOLDS),
    response={201: HouseholdImportJobOut, 422: ErrorOut},
    summary="导入住户",
    description="文件先做安全检查（422 拒绝），再由后台任务校验；用 GET /household-imports/{id} 查看进度。",
)
def import_upload(request: HttpRequest, file: File[UploadedFile]):
    job = household_import_create(
        actor=request.auth, filename=file.name or "upload.xlsx", content=read_upload(file)
    )
    return Status(201, job)


def _job(request: HttpRequest, household_job_id: int) -> HouseholdImportJob:
    return get_visible_or_404(HouseholdImportJob, request.auth, pk=household_job_id)


@router.get(
    "/household-imports/{household_job_id}",
    auth=api_guard(COMMUNITY_RECORDS),
    response=HouseholdImportJobOut,
    summary="住户导入任务",
)
def import_detail(request: HttpRequest, household_job_id: Id):
    return _job(request, household_job_id)


@router.post(
    "/household-imports/{household_job_id}/apply",
    auth=api_guard(IMPORT_HOUSEHOLDS),
    response={200: HouseholdImportJobOut, 422: ErrorOut},
    summary="确认导入住户",
)
def import_apply(request: HttpRequest, household_job_id: Id):
    return household_import_request_apply(actor=request.auth, job=_job(request, household_job_id))
