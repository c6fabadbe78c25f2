"""List imports: a database-backed job processed in chunks, resumable after a restart."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouwang.units.scoping import ScopedManager

from .persons import Person


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("等待校验")
    VALIDATING = "validating", _("正在校验")
    PREVIEW = "preview", _("待确认")
    APPLYING = "applying", _("正在导入")
    APPLIED = "applied", _("已导入")
    FAILED = "failed", _("失败")
    CANCELLED = "cancelled", _("已取消")


class ImportJobManager(ScopedManager):
    def get_queryset(self) -> models.QuerySet:
        # The upload (megabytes) is read only to validate or apply it (`job_content`): loading
        # it with every job made each progress refresh of a large import cost ~50 ms.
        return super().get_queryset().defer("content")


class ImportJob(models.Model):
    unit = models.ForeignKey("units.Unit", verbose_name=_("导入单位"), on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    filename = models.CharField(_("文件名"), max_length=200)
    file_hash = models.CharField(max_length=64, db_index=True)
    # The upload, Fernet-encrypted as one blob: it holds personal data.
    content = models.BinaryField(editable=False)
    source = models.CharField(_("来源"), max_length=20, default="department_list")
    status = models.CharField(
        _("状态"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    error = models.TextField(_("错误"), blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    conflict_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "unit__path"
    objects = ImportJobManager()

    class Meta:
        verbose_name = _("名单导入")
        verbose_name_plural = _("名单导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.filename)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (ImportStatus.PREVIEW, ImportStatus.APPLIED) else 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class RowOutcome(models.TextChoices):
    NEW = "new", _("新增")
    MATCHED = "matched", _("匹配已有")
    CONFLICT = "conflict", _("冲突")
    REJECTED = "rejected", _("拒绝")


class ImportRow(models.Model):
    """The verdict on one row; personal values are kept masked here, the file stays encrypted."""

    # A job's rows are found by the unique (job, row_number) index; people are merged, never
    # deleted. Every index here is paid for 100,000 times by a large list.
    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    row_number = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=RowOutcome.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    display_name = models.CharField(max_length=50, blank=True)
    display_id = models.CharField(max_length=18, blank=True)
    message = models.CharField(max_length=500, blank=True)
    # Blind index of the row's identity (ID, else name + phone): finds duplicates inside a file.
    identity_key = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["row_number"]
        indexes = [models.Index(fields=["job", "identity_key"], name="import_row_identity")]
        constraints = [
            models.UniqueConstraint(fields=["job", "row_number"], name="import_row_once"),
        ]

    def __str__(self) -> str:
        return str(f"{self.job_id}:{self.row_number}")
