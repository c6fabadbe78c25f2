"""Unannounced inspections of checkpoints: a checklist, findings, a rectification deadline,
followed to closure (status with history; overdue when the deadline passed still open)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager


class ChecklistItem(models.TextChoices):
    STAFFING = "staffing", _("在岗人数")
    GEAR = "gear", _("防护装备")
    DUTY_RECORDS = "duty_records", _("值守登记")
    TEMPERATURE = "temperature", _("测温查码")
    DISINFECTION = "disinfection", _("消毒通风")
    SIGNAGE = "signage", _("标识公示")


class InspectionStatus(models.TextChoices):
    PASSED = "passed", _("合格")
    RECTIFYING = "rectifying", _("整改中")
    REPORTED = "reported", _("已报整改")
    CLOSED = "closed", _("整改销号")


OPEN_STATUSES = (InspectionStatus.RECTIFYING, InspectionStatus.REPORTED)


class PostInspection(models.Model):
    checkpoint = models.ForeignKey(
        "checkpoints.Checkpoint",
        verbose_name=_("被检卡点"),
        on_delete=models.PROTECT,
        related_name="post_inspections",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("卡点所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    inspected_at = models.DateTimeField(_("检查时间"))
    unannounced = models.BooleanField(_("暗访"), default=True)
    team = models.CharField(_("督查组"), max_length=100, blank=True)
    staff_present = models.PositiveSmallIntegerField(_("在岗人数"), null=True, blank=True)
    findings = models.TextField(_("发现问题"), max_length=1000, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=InspectionStatus.choices)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    rectification = models.TextField(_("整改情况"), max_length=1000, blank=True)
    reported_at = models.DateTimeField(_("报整改时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    closing_note = models.CharField(_("复查意见"), max_length=300, blank=True)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("检查人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("卡点督查")
        verbose_name_plural = _("卡点督查")
        ordering = ["-inspected_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="passed") | Q(deadline__isnull=False),
                name="post_inspection_deadline_when_rectifying",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkpoint.name} {self.inspected_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("patrols:inspection_detail", args=[self.pk])

    def is_overdue(self, today) -> bool:
        return self.status == InspectionStatus.RECTIFYING and self.deadline < today


class PostInspectionItem(models.Model):
    inspection = models.ForeignKey(PostInspection, on_delete=models.CASCADE, related_name="items")
    item = models.CharField(_("检查项"), max_length=16, choices=ChecklistItem.choices)
    passed = models.BooleanField(_("合格"))
    note = models.CharField(_("问题"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspection_item_once"),
        ]

    def __str__(self) -> str:
        return self.get_item_display()
