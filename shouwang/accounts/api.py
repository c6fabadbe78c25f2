from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema, UnitRef
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.units.scoping import get_visible_or_404

from .models import AccountUnlock, ApiToken, User
from .roles import Capability
from .selectors import staff_search
from .services import (
    AccountLocked,
    InvalidCredentials,
    SecondFactorMissing,
    account_unlock,
    api_token_issue,
    api_token_revoke,
    credentials_check,
)

router = Router(tags=["账号"])


class TokenIn(InputSchema):
    lengths_from = (ApiToken,)

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
    username: str | None = Field(
        None, description="仅对有“管理账号”权限的用户给出；其他用户为 null"
    )
    full_name: str
    unit: UnitRef
    role: str
    police_number: str
    phone: str
    id_number: str

    @staticmethod
    def resolve_username(member: User, context) -> str | None:
        # Usernames are half of a login: only those who manage accounts see them.
        viewer = context["request"].auth
        return member.username if viewer.has_capability(Capability.MANAGE_USERS) else None

    @staticmethod
    def resolve_phone(member: User) -> str:
        return mask_phone(member.phone)

    @staticmethod
    def resolve_id_number(member: User) -> str:
        return mask_id_number(member.id_number)


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
def token_revoke(request: HttpRequest, token_id: Id):
    token = get_visible_or_404(
        ApiToken.objects.filter(user=request.auth), request.auth, pk=token_id
    )
    return api_token_revoke(token=token, actor=request.auth)


@router.get("/users", response=list[StaffOut], summary="人员名册（脱敏）")
@paginate(BoundedPageNumberPagination, page_size=50)
def user_list(request: HttpRequest, q: str = "", unit: Id | None = None, role: str = ""):
    return staff_search(request.auth, query=q, unit_id=unit or "", role=role)


class UnlockIn(InputSchema):
    lengths_from = (AccountUnlock,)

    reason: str


class UnlockOut(Schema):
    username: str
    locks_cleared: int
    unlocked_at: datetime
    unlocked_by: str

    @staticmethod
    def resolve_unlocked_by(unlock: AccountUnlock) -> str:
        return unlock.actor_username


@router.post(
    "/users/{user_id}/unlock",
    auth=api_guard(Capability.MANAGE_USERS),
    response={200: UnlockOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="解除账号登录锁定",
)
def user_unlock(request: HttpRequest, user_id: Id, payload: UnlockIn):
    member = get_visible_or_404(User, request.auth, pk=user_id)
    return account_unlock(actor=request.auth, user=member, reason=payload.reason, request=request)
