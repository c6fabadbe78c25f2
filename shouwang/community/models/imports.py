"""Household imports: an uploaded list checked, previewed row by row, then applied at once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouwang.people.models import ImportStatus
from shouwang.units.scoping import ScopedManager

__all__ = ["HouseholdImportJob", "HouseholdImportRow", "ImportStatus", "RowOutcome"]


class ImportJobManager(ScopedManager):
    def get_queryset(self) -> models.QuerySet:
        # The upload is read only to validate or apply it, never with a progress refresh.
        return super().get_queryset().defer("content")


class HouseholdImportJob(models.Model):
    unit = models.ForeignKey("units.Unit", verbose_name=_("导入单位"), on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    filename = models.CharField(_("文件名"), max_length=200)
    file_hash = models.CharField(max_length=64, db_index=True)
    # The upload, Fernet-encrypted as one blob: it holds ID numbers and phones.
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    error = models.TextField(_("错误"), blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    added_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "unit__path"
    objects = ImportJobManager()

    class Meta:
        verbose_name = _("住户导入")
        verbose_name_plural = _("住户导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.filename)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (ImportStatus.PREVIEW, ImportStatus.APPLIED) else 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class RowOutcome(models.TextChoices):
    NEW = "new", _("新增住户")
    ADDED = "added", _("补充成员")
    UNCHANGED = "unchanged", _("已存在")
    REJECTED = "rejected", _("拒绝")


class HouseholdImportRow(models.Model):
    """The verdict on one row; personal values are kept masked here, the file stays encrypted."""

    job = models.ForeignKey(
        HouseholdImportJob, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    row_number = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    address = models.CharField(max_length=120, blank=True)
    display_name = models.CharField(max_length=50, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["row_number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "row_number"], name="household_import_row_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row_number}"
