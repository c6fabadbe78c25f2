from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from shouwang.api.schemas import ErrorOut, UnitRef
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.units.scoping import get_visible_or_404

from .models import ApiToken, User
from .selectors import staff_search
from .services import (
    AccountLocked,
    InvalidCredentials,
    SecondFactorMissing,
    api_token_issue,
    api_token_revoke,
    credentials_check,
)

router = Router(tags=["账号"])


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None
    name: str = "API"


class TokenOut(Schema):
    token: str
    expires_at: datetime


class MeOut(Schema):
    username: str
    full_name: str
    unit: UnitRef
    role: str
    capabilities: list[str]


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class StaffOut(Schema):
    id: int
    username: str
    full_name: str
    unit: UnitRef
    role: str
    police_number: str
    phone: str
    id_number: str

    @staticmethod
    def resolve_phone(member: User) -> str:
        return mask_phone(member.phone) if member.phone else ""

    @staticmethod
    def resolve_id_number(member: User) -> str:
        return mask_id_number(member.id_number) if member.id_number else ""


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 429: ErrorOut},
    summary="用户名密码换取令牌",
)
def token_obtain(request: HttpRequest, payload: TokenIn):
    try:
        user = credentials_check(
            request=request, username=payload.username, password=payload.password, otp=payload.otp
        )
    except AccountLocked as locked:
        return Status(429, {"detail": locked.message, "errors": []})
    except (InvalidCredentials, SecondFactorMissing) as refused:
        return Status(401, {"detail": str(refused), "errors": []})
    token, raw = api_token_issue(user=user, name=payload.name)
    return Status(200, {"token": raw, "expires_at": token.expires_at})


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: HttpRequest):
    user = request.auth
    return {
        "username": user.username,
        "full_name": user.full_name,
        "unit": user.unit,
        "role": user.role,
        "capabilities": sorted(user.capabilities),
    }


@router.get("/auth/tokens", response=list[TokenInfoOut], summary="我的令牌")
def token_list(request: HttpRequest):
    return ApiToken.objects.filter(user=request.auth)


@router.delete("/auth/tokens/{token_id}", response=TokenInfoOut, summary="撤销令牌")
def token_revoke(request: HttpRequest, token_id: int):
    token = get_visible_or_404(
        ApiToken.objects.filter(user=request.auth), request.auth, pk=token_id
    )
    return api_token_revoke(token=token, actor=request.auth)


@router.get("/users", response=list[StaffOut], summary="人员名册（脱敏）")
@paginate(PageNumberPagination, page_size=50)
def user_list(request: HttpRequest, q: str = "", unit: str = "", role: str = ""):
    return staff_search(request.auth, query=q, unit_id=unit, role=role)
