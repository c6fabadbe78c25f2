"""Epidemic-related cases (涉疫案件): who did what, the evidence, and the penalty decided.

A case is opened by an officer or by the record that found it (a venue inspection, a price
check, later a tip or a rumour): that record is the case's `source`, named generically so
this app depends on none of the areas that open cases.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager


class CaseKind(models.TextChoices):
    GAMBLING_GATHERING = "gambling_gathering", _("聚众赌博")
    PRICE_GOUGING = "price_gouging", _("哄抬物价")
    RUMOUR = "rumour", _("散布谣言")
    DEFYING_ORDER = "defying_order", _("拒不执行防控命令")
    OBSTRUCTING = "obstructing", _("妨害疫情防控")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    DECIDED = "decided", _("已决定")
    CLOSED = "closed", _("已结案")


class Decision(models.TextChoices):
    """The elements a decision may combine (a fine with detention, a fine with closure)."""

    WARNING = "warning", _("警告")
    FINE = "fine", _("罚款")
    DETENTION = "detention", _("行政拘留")
    FORCED_CLOSURE = "forced_closure", _("强制关停")
    CRIMINAL_TRANSFER = "criminal_transfer", _("移送刑事侦查")


# Administrative detention: up to 15 days for one act, 20 when several are combined.
MAX_DETENTION_DAYS = 20


class Case(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("办案单位"), on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField(_("案件类别"), max_length=20, choices=CaseKind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    facts = models.TextField(_("案情"), max_length=2000)
    place = models.CharField(_("案发地点"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("案发时间"))
    opened_at = models.DateTimeField(_("受案时间"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主办民警"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The record that found the case (an inspection, a price check, a tip): at most one case each.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    warning = models.BooleanField(_("警告"), default=False)
    fine_amount = models.PositiveIntegerField(_("罚款（元）"), null=True, blank=True)
    detention_days = models.PositiveSmallIntegerField(_("拘留天数"), null=True, blank=True)
    forced_closure = models.BooleanField(_("强制关停"), default=False)
    criminal_transfer = models.BooleanField(_("移送刑事侦查"), default=False)
    decision_note = models.CharField(_("决定书文号与说明"), max_length=300, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    close_note = models.CharField(_("结案说明"), max_length=300, blank=True)
    history = HistoricalRecords(no_db_index=["unit", "opened_by", "officer", "decided_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("涉疫案件")
        verbose_name_plural = _("涉疫案件")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="case_one_per_source",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gt=0),
                name="case_fine_positive",
            ),
            models.CheckConstraint(
                condition=Q(detention_days__isnull=True)
                | Q(detention_days__gte=1, detention_days__lte=MAX_DETENTION_DAYS),
                name="case_detention_range",
            ),
            models.CheckConstraint(
                condition=Q(status="open")
                | Q(status="decided", decided_at__isnull=False)
                | Q(status="closed", closed_at__isnull=False),
                name="case_decided_or_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind"], name="case_unit_kind"),
            models.Index(fields=["occurred_at"], name="case_occurred"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def number(self) -> str:
        """What officers call the case: year of opening and id, e.g. 2020-000012."""
        year = self.opened_at.year if self.opened_at else ""
        return f"{year}-{self.pk:06d}" if self.pk else "—"

    @property
    def decisions(self) -> list[str]:
        """The decision's elements, as Decision values."""
        found = []
        if self.warning:
            found.append(Decision.WARNING)
        if self.fine_amount:
            found.append(Decision.FINE)
        if self.detention_days:
            found.append(Decision.DETENTION)
        if self.forced_closure:
            found.append(Decision.FORCED_CLOSURE)
        if self.criminal_transfer:
            found.append(Decision.CRIMINAL_TRANSFER)
        return found

    @property
    def decision_text(self) -> str:
        parts = []
        for element in self.decisions:
            label = str(Decision(element).label)
            if element == Decision.FINE:
                label = _("罚款%(n)s元") % {"n": self.fine_amount}
            elif element == Decision.DETENTION:
                label = _("行政拘留%(n)s日") % {"n": self.detention_days}
            parts.append(str(label))
        return "、".join(parts)


class PartyRole(models.TextChoices):
    OFFENDER = "offender", _("违法行为人")
    OPERATOR = "operator", _("经营单位")
    WITNESS = "witness", _("证人")
    OTHER = "other", _("其他")


class CaseParty(models.Model):
    """A person of the registry, or an organisation (a venue, named by its own record)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("身份"), max_length=10, choices=PartyRole.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_parties",
    )
    # An organisation's name and code as they were when the case was opened.
    name = models.CharField(_("名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    # The record an organisation party is (a venue), as the case's source is.
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "case__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(person__isnull=False),
                name="case_party_person_once",
            ),
            models.UniqueConstraint(
                fields=["case", "subject_type", "subject_id"],
                condition=Q(subject_id__isnull=False),
                name="case_party_subject_once",
            ),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="case_party_subject")]

    def __str__(self) -> str:
        return str(self.name)


class EvidenceKind(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


class EvidenceManager(ScopedManager):
    def get_queryset(self) -> models.QuerySet:
        # The file itself (megabytes) is read only to serve it.
        return super().get_queryset().defer("content")


class EvidenceFile(models.Model):
    """A photo or scanned document, kept encrypted; voided with a reason, never deleted."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    # What the file documents: a case, an inspection, a price check.
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(_("类型"), max_length=5, choices=EvidenceKind.choices)
    filename = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    scope_path_field = "unit__path"
    objects = EvidenceManager()

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="evidence_subject")]

    def __str__(self) -> str:
        return str(self.filename)

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    @property
    def is_image(self) -> bool:
        return self.kind in (EvidenceKind.JPEG, EvidenceKind.PNG)
