"""Video systems (each with its own token), their cameras, and the alerts they push."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager


class VideoSystem(models.Model):
    """A video platform that pushes camera events; only the hash of its token is kept."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("系统名称"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(_("令牌前缀"), max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近推送"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("视频系统")
        verbose_name_plural = _("视频系统")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="video_system_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Camera(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    system = models.ForeignKey(
        VideoSystem, verbose_name=_("视频系统"), on_delete=models.PROTECT, related_name="cameras"
    )
    code = models.CharField(_("摄像头编号"), max_length=50)
    name = models.CharField(_("点位名称"), max_length=100)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField(_("在用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("摄像头")
        verbose_name_plural = _("摄像头")
        ordering = ["unit__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="camera_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class AlertKind(models.TextChoices):
    GATHERING = "gathering", _("人员聚集")
    OUT_OF_TOWN_PLATE = "out_of_town_plate", _("外地号牌")
    OTHER = "other", _("其他")


class AlertStatus(models.TextChoices):
    NEW = "new", _("待处置")
    DISPATCHED = "dispatched", _("已派警")
    CLOSED = "closed", _("已处置")


class AlertOutcome(models.TextChoices):
    TURNED_BACK = "turned_back", _("车辆已劝返")
    DISPERSED = "dispersed", _("聚集已劝散")
    REGISTERED = "registered", _("已登记放行")
    HANDLED = "handled", _("已处置")
    NOT_FOUND = "not_found", _("到场未发现")
    FALSE_ALARM = "false_alarm", _("误报")


class VideoAlert(models.Model):
    """A camera's event pushed by its system: one row per (system, the system's event id)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    system = models.ForeignKey(VideoSystem, on_delete=models.PROTECT, related_name="alerts")
    camera = models.ForeignKey(
        Camera, verbose_name=_("摄像头"), on_delete=models.PROTECT, related_name="alerts"
    )
    system_event_id = models.CharField(_("系统事件编号"), max_length=100)
    kind = models.CharField(_("告警类型"), max_length=20, choices=AlertKind.choices)
    occurred_at = models.DateTimeField(_("发生时间"))
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)
    plate = models.CharField(_("车牌号"), max_length=12, blank=True)
    plate_place = models.CharField(_("号牌归属地"), max_length=40, blank=True)
    snapshot = models.BinaryField(null=True, blank=True, editable=False)
    snapshot_kind = models.CharField(max_length=4, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.NEW
    )
    checkpoint = models.ForeignKey(
        "checkpoints.Checkpoint",
        verbose_name=_("派往卡点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    patrol = models.ForeignKey(
        "patrols.Patrol",
        verbose_name=_("派往巡逻组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="video_alerts",
    )
    distance_m = models.PositiveIntegerField(_("距离（米）"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("派警时间"), null=True, blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        _("处置结果"), max_length=12, choices=AlertOutcome.choices, blank=True
    )
    outcome_note = models.CharField(_("处置情况"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["snapshot"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("视频告警")
        verbose_name_plural = _("视频告警")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "system_event_id"], name="video_alert_once_per_event"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""), name="video_alert_closed_outcome"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="video_alert_queue")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.camera.name} {self.occurred_at:%m-%d %H:%M}"

    @property
    def has_snapshot(self) -> bool:
        return bool(self.snapshot_kind)
