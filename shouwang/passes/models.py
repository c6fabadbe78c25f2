"""Passes (通行证) with signed QR tokens, the keys that sign them, and every verification."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

from .tokens import short_code_display


class SigningKey(models.Model):
    """A bureau's Ed25519 key pair; the private half is encrypted at rest, never shown."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("签发单位"),
        on_delete=models.PROTECT,
        related_name="signing_keys",
    )
    key_id = models.CharField(_("密钥编号"), max_length=16, unique=True)
    public_key = models.CharField(_("公钥"), max_length=64)
    private_key = EncryptedCharField(_("私钥"), max_length=64)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("签名密钥")
        verbose_name_plural = _("签名密钥")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(retired_at__isnull=True),
                name="signing_key_one_active_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.key_id}"


class IssuerStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤销")


class TrustedIssuer(models.Model):
    """Another bureau whose passes hold at our checkpoints (scenario 1: the neighbouring county)."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("登记单位"),
        on_delete=models.PROTECT,
        related_name="trusted_issuers",
    )
    name = models.CharField(_("签发机关"), max_length=100)
    key_id = models.CharField(_("密钥编号"), max_length=16)
    public_key = models.CharField(_("公钥"), max_length=64)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=IssuerStatus.choices, default=IssuerStatus.ACTIVE
    )
    status_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("互认签发机关")
        verbose_name_plural = _("互认签发机关")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "key_id"],
                condition=models.Q(status="active"),
                name="trusted_issuer_one_active_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.key_id}）"


class HolderKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PERSON = "person", _("个人")


class PassStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已吊销")
    SUPERSEDED = "superseded", _("已换发")


class Pass(models.Model):
    """A permit for named vehicles and people of an enterprise or a person, for a period."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("签发单位"), on_delete=models.PROTECT, related_name="passes"
    )
    signing_key = models.ForeignKey(
        SigningKey, verbose_name=_("签名密钥"), on_delete=models.PROTECT, related_name="passes"
    )
    short_code = models.CharField(_("通行证编码"), max_length=8, unique=True)
    holder_kind = models.CharField(_("持证人类型"), max_length=12, choices=HolderKind.choices)
    enterprise_name = models.CharField(_("企业名称"), max_length=100, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    person_name = models.CharField(_("姓名"), max_length=50, blank=True)
    person_id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    person_id_number_index = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False
    )
    phone = EncryptedCharField(_("联系电话"), max_length=11, blank=True, default="")
    # Normalised plates separated by commas: searchable with a plain `contains`.
    plates = models.CharField(_("车牌号"), max_length=400, blank=True)
    purpose = models.CharField(_("事由"), max_length=200)
    valid_from = models.DateTimeField(_("生效时间"))
    valid_to = models.DateTimeField(_("截止时间"))
    checkpoints = models.ManyToManyField(
        "checkpoints.Checkpoint", verbose_name=_("适用卡点"), blank=True, related_name="passes"
    )
    zones = models.CharField(_("适用区域"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=PassStatus.choices, default=PassStatus.ACTIVE
    )
    status_reason = models.CharField(_("状态原因"), max_length=200, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("状态变更人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    renews = models.OneToOneField(
        "self",
        verbose_name=_("换发自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    token = models.TextField(_("二维码内容"), editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["token"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("通行证")
        verbose_name_plural = _("通行证")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["status", "valid_to"], name="pass_status_valid_to")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gt=models.F("valid_from")), name="pass_valid_period"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(holder_kind="enterprise")
                    & ~models.Q(credit_code="")
                    & ~models.Q(enterprise_name="")
                )
                | (models.Q(holder_kind="person") & ~models.Q(person_name="")),
                name="pass_holder_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.holder_name}"

    @property
    def display_code(self) -> str:
        return short_code_display(self.short_code)

    @property
    def holder_name(self) -> str:
        return (
            self.enterprise_name if self.holder_kind == HolderKind.ENTERPRISE else self.person_name
        )

    @property
    def plate_list(self) -> list[str]:
        return [plate for plate in self.plates.split(",") if plate]


class PassPerson(models.Model):
    """A person the pass names; ID number and phone encrypted, found by blind index."""

    pass_record = models.ForeignKey(Pass, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    scope_path_field = "pass_record__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("通行证人员")
        verbose_name_plural = _("通行证人员")
        ordering = ["pass_record_id", "id"]

    def __str__(self) -> str:
        return self.name


class VerificationResult(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已过期")
    NOT_YET_VALID = "not_yet_valid", _("尚未生效")
    REVOKED = "revoked", _("已吊销")
    SUPERSEDED = "superseded", _("已换发")
    WRONG_CHECKPOINT = "wrong_checkpoint", _("不适用于本卡点")
    UNKNOWN_ISSUER = "unknown_issuer", _("签发机关未登记")
    FORGED = "forged", _("伪造或无效")


class PassVerification(models.Model):
    """One check of a presented pass at a checkpoint, whatever its result."""

    pass_record = models.ForeignKey(
        Pass,
        verbose_name=_("通行证"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verifications",
    )
    code = models.CharField(_("出示的编码"), max_length=600)
    checkpoint = models.ForeignKey(
        "checkpoints.Checkpoint",
        verbose_name=_("卡点"),
        on_delete=models.PROTECT,
        related_name="pass_verifications",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核验人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("核验时间"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(_("核验结果"), max_length=20, choices=VerificationResult.choices)
    issuer_key_id = models.CharField(_("签发密钥"), max_length=16, blank=True)
    issuer_name = models.CharField(_("签发机关"), max_length=100, blank=True)
    short_code = models.CharField(_("通行证编码"), max_length=8, blank=True)
    holder = models.CharField(_("持证人"), max_length=100, blank=True)
    valid_from = models.DateTimeField(_("生效时间"), null=True, blank=True)
    valid_to = models.DateTimeField(_("截止时间"), null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=300, blank=True)
    # The passage registered with this pass shown, if any. The link is kept here, so that
    # checkpoints never refers to passes: `passage.pass_verification` is its reverse.
    passage = models.OneToOneField(
        "checkpoints.Passage",
        verbose_name=_("通行登记"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pass_verification",
    )

    scope_path_field = "checkpoint__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("通行证核验")
        verbose_name_plural = _("通行证核验")
        ordering = ["-verified_at", "-id"]
        indexes = [
            models.Index(fields=["checkpoint", "verified_at"], name="pass_verif_cp_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.verified_at:%Y-%m-%d %H:%M}"

    @property
    def is_valid(self) -> bool:
        return self.result == VerificationResult.VALID
