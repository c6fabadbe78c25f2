"""Zones (sealed / controlled / prevention) on the map, and the daily reports kept as generated."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

MAX_LIFT_AFTER_DAYS = 60


class ZoneLevel(models.TextChoices):
    SEALED = "sealed", _("封控区")
    CONTROLLED = "controlled", _("管控区")
    PREVENTION = "prevention", _("防范区")


class ZoneStatus(models.TextChoices):
    ACTIVE = "active", _("管控中")
    LIFTED = "lifted", _("已解除")


def default_lift_after_days() -> int:
    return settings.SHOUWANG_ZONE_LIFT_AFTER_DAYS


class Zone(models.Model):
    """An area under sealed, controlled or prevention measures: a GeoJSON (Multi)Polygon, the
    checkpoints, buildings and households inside it, and its history (level and status changes,
    each with a reason)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="zones"
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("管控级别"), max_length=12, choices=ZoneLevel.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=ZoneStatus.choices, default=ZoneStatus.ACTIVE
    )
    geometry = models.JSONField(_("范围（GeoJSON）"))
    started_on = models.DateField(_("开始日期"))
    lifted_on = models.DateField(_("解除日期"), null=True, blank=True)
    lift_after_days = models.PositiveSmallIntegerField(
        _("连续无新增病例天数（解除条件）"), default=default_lift_after_days
    )
    last_case_on = models.DateField(_("最近新增病例日期"), null=True, blank=True)
    # Set by the daily `zones_check_lifting` job when the zone first meets its lifting rule.
    lifting_due_since = models.DateField(_("满足解除条件日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    checkpoints = models.ManyToManyField(
        "checkpoints.Checkpoint", verbose_name=_("卡点"), blank=True, related_name="zones"
    )
    buildings = models.ManyToManyField(
        "community.Building", verbose_name=_("楼栋"), blank=True, related_name="zones"
    )
    households = models.ManyToManyField(
        "community.Household", verbose_name=_("住户"), blank=True, related_name="zones"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["lifting_due_since"], no_db_index=["created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("封控区域")
        verbose_name_plural = _("封控区域")
        ordering = ["status", "level", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=F("started_on")),
                name="zone_lifted_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(status="lifted") & Q(lifted_on__isnull=False))
                | (Q(status="active") & Q(lifted_on__isnull=True)),
                name="zone_lifted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(lift_after_days__gte=1, lift_after_days__lte=MAX_LIFT_AFTER_DAYS),
                name="zone_lift_after_days_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_level_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("command:zone_detail", kwargs={"pk": self.pk})


class DailyReport(models.Model):
    """A unit's report for a period as it was generated: never recomputed nor changed.

    A record corrected later changes the next report, which shows the difference beside the
    kept figures of the period before.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    date_from = models.DateField(_("起始日期"))
    date_to = models.DateField(_("截止日期"))
    previous_from = models.DateField()
    previous_to = models.DateField()
    figures = models.JSONField(_("数据"))
    previous = models.JSONField(_("上期数据"))
    # Figures of the period before as recomputed now minus as kept then (corrections since).
    corrections = models.JSONField(default=dict, blank=True)
    text = models.TextField(_("文字稿"))
    generated_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("工作日报")
        verbose_name_plural = _("工作日报")
        ordering = ["-date_to", "unit_id", "-date_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "date_from", "date_to"], name="daily_report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")), name="daily_report_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date_from}–{self.date_to}"
