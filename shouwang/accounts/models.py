import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedQuerySet

from .roles import SECOND_FACTOR_ROLES, Role, capabilities_of


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    """A member of staff; belongs to exactly one unit and holds one role."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("单位"),
        null=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    police_number = models.CharField(_("警号"), max_length=20, blank=True)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("手机号"), max_length=11, blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    scope_path_field = "unit__path"
    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def capabilities(self) -> frozenset[str]:
        return capabilities_of(self.role) if self.is_active else frozenset()

    def has_capability(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES


class ApiTokenQuerySet(ScopedQuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def hash_token(raw: str) -> str:
    # Tokens carry 256 random bits, so one SHA-256 round resists guessing as well as a slow hash.
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return "sw_" + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=10)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    scope_path_field = "user__unit__path"
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ThrottleScope(models.TextChoices):
    ACCOUNT = "account", _("账号")
    ADDRESS = "address", _("地址")


class LoginThrottle(models.Model):
    """Recent failed logins of one account (or from one address) from unfamiliar addresses.

    Past a few failures, attempts from addresses the account has never signed in from are
    spaced out, ever longer: an attacker spread over many addresses is slowed to a few dozen
    guesses a day, and the owner is delayed, never locked out (see `slowdown.py`).
    """

    scope = models.CharField(max_length=10, choices=ThrottleScope.choices)
    value = models.CharField(max_length=150)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("登录放缓")
        verbose_name_plural = _("登录放缓")
        constraints = [
            models.UniqueConstraint(fields=["scope", "value"], name="login_throttle_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.value} ×{self.failures}"


class AccountUnlock(models.Model):
    """An administrator lifted an account's login locks: who, whom, when, why."""

    user = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="unlocks", verbose_name=_("账号")
    )
    username = models.CharField(_("用户名"), max_length=150)
    actor = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("操作人")
    )
    actor_username = models.CharField(_("操作人"), max_length=150)
    reason = models.CharField(_("事由"), max_length=300)
    locks_cleared = models.PositiveIntegerField(_("解除的锁定"), default=0)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    unlocked_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    scope_path_field = "user__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-unlocked_at", "-id"]
        verbose_name = _("账号解锁记录")
        verbose_name_plural = _("账号解锁记录")

    def __str__(self) -> str:
        return f"{self.actor_username} → {self.username}"
