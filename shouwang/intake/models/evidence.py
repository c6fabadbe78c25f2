"""Photos residents attach: checked before storing, verified and stripped in the worker,
shown to staff only once verified, and never deleted (voided with a reason)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouwang.units.scoping import ScopedManager

from .reports import Report


class PhotoStatus(models.TextChoices):
    PENDING = "pending", _("待检查")
    VERIFIED = "verified", _("已检查")
    REJECTED = "rejected", _("无法读取")


class ReportPhoto(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField(_("照片"), upload_to="intake/photos/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("状态"), max_length=10, choices=PhotoStatus.choices, default=PhotoStatus.PENDING
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    scope_path_field = "report__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("线索照片")
        verbose_name_plural = _("线索照片")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.file.name}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def shown(self) -> bool:
        return self.status == PhotoStatus.VERIFIED and not self.is_void
