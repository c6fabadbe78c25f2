from datetime import timedelta
from typing import Any

from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from shouwang.audit.services import client_address
from shouwang.identity.names import check_person_name, person_name_error
from shouwang.privacy.identifiers import identifier_values
from shouwang.units.models import Unit
from shouwang.units.policy import require

from .lockout import locked_until, lockout_message, slowdown_message
from .models import AccountUnlock, ApiToken, User, hash_token, new_raw_token
from .roles import Capability, Role
from .slowdown import account_slowdown_clear, login_failure_record, login_wait
from .token_lookup import token_holder

USERNAME_MAX_LENGTH = 150


class AccountLocked(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidCredentials(Exception):
    pass


class SecondFactorMissing(Exception):
    """The password was right but the one-time code is absent or wrong."""


def second_factor_required(user: User) -> bool:
    return settings.SHOUWANG_REQUIRE_SECOND_FACTOR and user.needs_second_factor


def confirmed_totp_device(user: User):
    return next(iter(devices_for_user(user, confirmed=True)), None)


def otp_verify(*, user: User, otp: str | None) -> bool:
    device = confirmed_totp_device(user)
    return bool(device and otp and device.verify_token(otp.strip()))


def credentials_check(
    *, request: Any, username: str, password: str, otp: str | None, may_bind_later: bool = False
) -> User:
    """Password (counted by django-axes) then, where a device is bound, the TOTP code.

    Attempts from addresses the account does not know may first have to wait (slowdown.py);
    the password is not checked while they must. A role that needs a second factor but has
    none bound yet may sign in to the web page only (`may_bind_later`), where the middleware
    keeps him on the binding page.
    """
    if not username or len(username) > USERNAME_MAX_LENGTH or "\x00" in username:
        # No account has such a name, and the login records could not store it.
        raise InvalidCredentials(_("用户名或密码错误"))
    address = client_address(request)
    # A lock from this address says more (and lasts longer) than a slowdown: tell it first.
    if AxesProxyHandler.is_locked(request, {"username": username}):
        raise AccountLocked(lockout_message(locked_until(username, address)))
    wait = login_wait(username=username, address=address)
    if wait:
        raise AccountLocked(slowdown_message(wait))
    try:
        user = authenticate(request, username=username, password=password)
    except AxesBackendPermissionDenied as locked:
        raise AccountLocked(lockout_message(locked_until(username, address))) from locked
    if user is None:
        login_failure_record(username=username, address=address)
    if getattr(request, "axes_locked_out", False):
        raise AccountLocked(lockout_message(locked_until(username, address)))
    if user is None:
        raise InvalidCredentials(_("用户名或密码错误"))
    if confirmed_totp_device(user) is not None:
        if not otp_verify(user=user, otp=otp):
            raise SecondFactorMissing(_("请输入正确的动态验证码"))
    elif second_factor_required(user) and not may_bind_later:
        raise SecondFactorMissing(_("您的角色必须使用动态验证码，请先登录网页完成绑定"))
    return user


def _require_manager(actor: User, unit: Unit) -> None:
    refused = _("您无权管理该单位的账号")
    require(actor, Capability.MANAGE_USERS, unit, message=refused, unit_message=refused)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    unit: Unit,
    role: str,
    password: str,
    full_name: str = "",
    police_number: str = "",
    id_number: str = "",
    phone: str = "",
) -> User:
    """Create an account; `actor=None` only for trusted set-up code (demo, shell)."""
    if actor is not None:
        _require_manager(actor, unit)
    if role not in Role.values:
        raise ValidationError({"role": _("未知的角色")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("该用户名已被使用")})
    errors: dict[str, list[str]] = {}
    try:
        identity = identifier_values(id_number=id_number, phone=phone).columns()
    except ValidationError as error:
        errors.update(error.message_dict)
        identity = {}
    if person_name_error(full_name):
        errors["full_name"] = [person_name_error(full_name)]
    user = User(
        username=username,
        unit=unit,
        role=role,
        full_name=full_name,
        police_number=police_number,
        **identity,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    unit: Unit,
    role: str,
    full_name: str,
    police_number: str = "",
    id_number: str = "",
    phone: str = "",
    is_active: bool = True,
) -> User:
    _require_manager(actor, user.unit)
    _require_manager(actor, unit)
    if role not in Role.values:
        raise ValidationError({"role": _("未知的角色")})
    check_person_name(full_name, "full_name")
    for name, value in identifier_values(id_number=id_number, phone=phone).columns().items():
        setattr(user, name, value)
    user.unit, user.role, user.full_name = unit, role, full_name
    user.police_number, user.is_active = police_number, is_active
    user.save()
    return user


@transaction.atomic
def account_unlock(*, actor: User, user: User, reason: str, request: Any = None) -> AccountUnlock:
    """Lift every login lock of an account (axes, any address) and its slowdown, on record."""
    _require_manager(actor, user.unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写解锁事由")})
    # axes records the name as typed; the account's is the one that matters here.
    _total, by_model = AccessAttempt.objects.filter(username__iexact=user.username).delete()
    cleared = by_model.get("axes.AccessAttempt", 0)
    cleared += account_slowdown_clear(username=user.username)
    return AccountUnlock.objects.create(
        user=user,
        username=user.username,
        actor=actor,
        actor_username=actor.get_username(),
        reason=reason[:300],
        locks_cleared=cleared,
        ip_address=client_address(request),
    )


@transaction.atomic
def api_token_issue(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=(name or _("API 令牌"))[:60],
        token_hash=hash_token(raw),
        prefix=raw[:10],
        expires_at=timezone.now() + timedelta(days=days or settings.SHOUWANG_API_TOKEN_DAYS),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.user_id != actor.pk and not actor.has_capability(Capability.MANAGE_USERS):
        raise PermissionDenied(_("您无权撤销该令牌"))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(raw: str) -> User | None:
    now = timezone.now()
    holder = token_holder(hash_token(raw), now)
    if holder is None:
        return None
    # Writing on every call would serialise API traffic on one row; a minute's precision will do.
    if holder.last_used_at is None or now - holder.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=holder.token_id).update(last_used_at=now)
    return holder.user
