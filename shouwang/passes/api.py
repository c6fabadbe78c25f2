from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.checkpoints.models import Checkpoint
from shouwang.checkpoints.selectors import checkpoints_visible
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.units.policy import PASS_RECORDS
from shouwang.units.scoping import get_visible_or_404

from .models import Pass, PassPerson, PassVerification, TrustedIssuer
from .selectors import offline_material, pass_search, trusted_issuers_for
from .services import (
    PassPersonIn,
    own_signing_key,
    pass_issue,
    pass_renew,
    pass_revoke,
    pass_verify,
    trusted_issuer_register,
)
from .status import PassState, judged_at, pass_status

router = Router(tags=["通行证"])


def _status(record: Pass, context) -> PassState:
    return pass_status(record, now=judged_at(context["request"]))


# Named apart from the registry's PersonIn: OpenAPI component names are global.
class PassHolderIn(InputSchema):
    lengths_from = (PassPerson,)

    name: str
    id_number: str = ""


class PassIn(InputSchema):
    lengths_from = (Pass,)

    holder_kind: str
    enterprise_name: str = ""
    credit_code: str = ""
    person_name: str = ""
    person_id_number: str = ""
    phone: str = ""
    # Stored joined in one 400-character column.
    plates: list[str] = Field([], max_length=30)
    people: list[PassHolderIn] = []
    purpose: str
    valid_from: datetime
    valid_to: datetime
    checkpoints: list[Id] = []
    zones: str = ""


class PassHolderOut(Schema):
    name: str
    id_number: str

    @staticmethod
    def resolve_id_number(person) -> str:
        return mask_id_number(person.id_number)


class PassOut(Schema):
    id: int
    short_code: str
    display_code: str
    unit_id: int
    holder_kind: str
    holder_name: str
    credit_code: str
    person_id_number: str
    phone: str
    plates: list[str]
    purpose: str
    valid_from: datetime
    valid_to: datetime
    checkpoints: list[int]
    zones: str
    # The status at the moment of the request (`passes.status`), as the pages show it:
    # valid, not_yet_valid, expired, revoked or superseded.
    status: str
    status_label: str
    status_reason: str
    renews_id: int | None
    issued_at: datetime
    token: str

    @staticmethod
    def resolve_person_id_number(record: Pass) -> str:
        return mask_id_number(record.person_id_number)

    @staticmethod
    def resolve_phone(record: Pass) -> str:
        return mask_phone(record.phone)

    @staticmethod
    def resolve_status(record: Pass, context) -> str:
        return _status(record, context).value

    @staticmethod
    def resolve_status_label(record: Pass, context) -> str:
        return str(_status(record, context).label)

    @staticmethod
    def resolve_plates(record: Pass) -> list[str]:
        return record.plate_list

    @staticmethod
    def resolve_checkpoints(record: Pass) -> list[int]:
        return [checkpoint.pk for checkpoint in record.checkpoints.all()]


class PassDetailOut(PassOut):
    people: list[PassHolderOut]

    @staticmethod
    def resolve_people(record: Pass):
        return list(record.people.all())


class RevokeIn(InputSchema):
    reason: str = Field(..., max_length=200)


class RenewIn(InputSchema):
    valid_from: datetime
    valid_to: datetime


class VerifyIn(InputSchema):
    lengths_from = (PassVerification,)

    code: str = ""
    token: str = ""
    checkpoint: int
    at: datetime | None = None


class VerificationOut(Schema):
    id: int
    result: str
    result_label: str
    detail: str
    pass_id: int | None
    short_code: str
    holder: str
    issuer_key_id: str
    issuer_name: str
    valid_from: datetime | None
    valid_to: datetime | None
    checkpoint: int
    verified_at: datetime

    @staticmethod
    def resolve_result_label(verification: PassVerification) -> str:
        return str(verification.get_result_display())

    @staticmethod
    def resolve_pass_id(verification: PassVerification) -> int | None:
        return verification.pass_record_id

    @staticmethod
    def resolve_checkpoint(verification: PassVerification) -> int:
        return verification.checkpoint_id


class IssuerIn(InputSchema):
    lengths_from = (TrustedIssuer,)

    name: str
    public_key: str
    note: str = ""


class IssuerOut(Schema):
    id: int
    name: str
    key_id: str
    public_key: str
    status: str
    note: str
    registered_at: datetime


class OwnKeyOut(Schema):
    issuer: str
    key_id: str
    public_key: str


def _aware(moment: datetime) -> datetime:
    # A time without offset is a Beijing time, as everyone here means it.
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _with_relations(queryset):
    return queryset.prefetch_related("checkpoints")


def _checkpoints(request: HttpRequest, ids: list[int]) -> list[Checkpoint]:
    found = list(checkpoints_visible(request.auth).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"checkpoints": "未知的卡点"})
    return found


@router.get("", auth=api_guard(PASS_RECORDS), response=list[PassOut], summary="通行证列表")
@paginate(BoundedPageNumberPagination, page_size=50)
def pass_list(
    request: HttpRequest,
    status: str = "",
    q: str = "",
    plate: str = "",
    on: Day | None = None,
    checkpoint: Id | None = None,
):
    return _with_relations(
        pass_search(
            request.auth,
            status=status,
            query=q,
            plate=plate,
            on=on,
            checkpoint_id=checkpoint,
            now=judged_at(request),
        )
    )


@router.post(
    "",
    auth=api_guard(Capability.MANAGE_PASSES),
    response={201: PassDetailOut, 403: ErrorOut, 422: ErrorOut},
    summary="签发通行证",
)
def pass_create(request: HttpRequest, payload: PassIn):
    record = pass_issue(
        actor=request.auth,
        holder_kind=payload.holder_kind,
        purpose=payload.purpose,
        valid_from=_aware(payload.valid_from),
        valid_to=_aware(payload.valid_to),
        enterprise_name=payload.enterprise_name,
        credit_code=payload.credit_code,
        person_name=payload.person_name,
        person_id_number=payload.person_id_number,
        phone=payload.phone,
        plates=payload.plates,
        people=[PassPersonIn(person.name, person.id_number) for person in payload.people],
        checkpoints=_checkpoints(request, payload.checkpoints),
        zones=payload.zones,
    )
    return Status(201, record)


@router.post(
    "/verify",
    auth=api_guard(Capability.VERIFY_PASSES),
    response={200: VerificationOut, 403: ErrorOut, 422: ErrorOut},
    summary="核验通行证（扫码内容或编码）",
)
def pass_check(request: HttpRequest, payload: VerifyIn):
    checkpoint = checkpoints_visible(request.auth).filter(pk=payload.checkpoint).first()
    if checkpoint is None:
        raise ValidationError({"checkpoint": "未知的卡点"})
    at = _aware(payload.at) if payload.at else None
    return pass_verify(
        code=payload.token or payload.code, checkpoint=checkpoint, actor=request.auth, at=at
    )


@router.get(
    "/issuers", auth=api_guard(PASS_RECORDS), response=list[IssuerOut], summary="互认签发机关"
)
def issuer_list(request: HttpRequest):
    return trusted_issuers_for(request.auth)


@router.post(
    "/issuers",
    auth=api_guard(Capability.MANAGE_PASSES),
    response={201: IssuerOut, 403: ErrorOut, 422: ErrorOut},
    summary="登记邻局公钥",
)
def issuer_register(request: HttpRequest, payload: IssuerIn):
    issuer = trusted_issuer_register(
        actor=request.auth, name=payload.name, public_key=payload.public_key, note=payload.note
    )
    return Status(201, issuer)


@router.get(
    "/signing-key",
    auth=api_guard(Capability.MANAGE_PASSES),
    response=OwnKeyOut,
    summary="本局签名公钥（提供给邻局登记）",
)
def own_key(request: HttpRequest):
    own = own_signing_key(actor=request.auth)
    return {"issuer": own.bureau.name, "key_id": own.key.key_id, "public_key": own.key.public_key}


class OfflineKeyOut(Schema):
    key_id: str
    public_key: str
    issuer_name: str
    own: bool


class RevokedOut(Schema):
    short_code: str
    status: str
    reason: str


class OfflineMaterialOut(Schema):
    generated_at: datetime
    bureau: str
    keys: list[OfflineKeyOut]
    revoked: list[RevokedOut]


@router.get(
    "/offline-material",
    auth=api_guard(Capability.VERIFY_PASSES),
    response=OfflineMaterialOut,
    summary="离线核验所需的公钥与吊销名单",
)
def pass_offline_material(request: HttpRequest):
    return offline_material(request.auth)


@router.get(
    "/{pass_id}", auth=api_guard(PASS_RECORDS), response=PassDetailOut, summary="通行证详情"
)
def pass_detail(request: HttpRequest, pass_id: Id):
    return get_visible_or_404(_with_relations(Pass.objects.all()), request.auth, pk=pass_id)


@router.post(
    "/{pass_id}/revoke",
    auth=api_guard(Capability.MANAGE_PASSES),
    response={200: PassDetailOut, 403: ErrorOut, 422: ErrorOut},
    summary="吊销通行证",
)
def pass_revoke_endpoint(request: HttpRequest, pass_id: Id, payload: RevokeIn):
    record = get_visible_or_404(Pass, request.auth, pk=pass_id)
    return pass_revoke(actor=request.auth, pass_record=record, reason=payload.reason)


@router.post(
    "/{pass_id}/renew",
    auth=api_guard(Capability.MANAGE_PASSES),
    response={201: PassDetailOut, 403: ErrorOut, 422: ErrorOut},
    summary="换发通行证",
)
def pass_renew_endpoint(request: HttpRequest, pass_id: Id, payload: RenewIn):
    record = get_visible_or_404(Pass, request.auth, pk=pass_id)
    renewed = pass_renew(
        actor=request.auth,
        pass_record=record,
        valid_from=_aware(payload.valid_from),
        valid_to=_aware(payload.valid_to),
    )
    return Status(201, renewed)
