"""Patrols (foot, car, drone, video), what they found, and the drones' flights."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

from .fleet import Vehicle


class PatrolKind(models.TextChoices):
    FOOT = "foot", _("徒步巡逻")
    CAR = "car", _("车巡")
    DRONE = "drone", _("无人机巡查")
    VIDEO = "video", _("视频巡逻")


class Patrol(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("巡逻单位"), on_delete=models.PROTECT, related_name="patrols"
    )
    kind = models.CharField(_("巡逻方式"), max_length=10, choices=PatrolKind.choices)
    area = models.CharField(_("巡逻区域或路线"), max_length=200)
    vehicle = models.ForeignKey(
        Vehicle,
        verbose_name=_("车辆或无人机"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrols",
    )
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("巡逻人员"), related_name="patrols", blank=True
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("巡逻")
        verbose_name_plural = _("巡逻")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="patrol_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["unit", "-started_at"], name="patrol_unit_started")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.area}"

    def get_absolute_url(self) -> str:
        return reverse("patrols:detail", args=[self.pk])

    @property
    def is_ongoing(self) -> bool:
        return self.ended_at is None


class FindingKind(models.TextChoices):
    CROWD_DISPERSED = "crowd_dispersed", _("劝散聚集")
    MASK_PERSUADED = "mask_persuaded", _("劝导佩戴口罩")
    VIOLATION = "violation", _("发现违法违规（立案）")
    TIP = "tip", _("发现线索（转线索受理）")
    OTHER = "other", _("其他")


class PatrolFinding(models.Model):
    """What a patrol found; a violation opens its case, a tip its intake report, in one step."""

    patrol = models.ForeignKey(Patrol, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(_("发现类型"), max_length=20, choices=FindingKind.choices)
    occurred_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    people_count = models.PositiveIntegerField(_("涉及人数"), default=0)
    note = models.CharField(_("情况"), max_length=500)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrol_findings",
    )
    report = models.ForeignKey(
        "intake.Report",
        verbose_name=_("线索"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrol_findings",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "patrol__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("巡逻发现")
        verbose_name_plural = _("巡逻发现")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.note[:30]}"

    def get_absolute_url(self) -> str:
        # The case's page links back to the patrol that found it.
        return reverse("patrols:detail", args=[self.patrol_id])

    @property
    def unit(self):
        return self.patrol.unit


class DroneFlight(models.Model):
    """One flight of a drone patrol, with the text its loudspeaker broadcast."""

    patrol = models.ForeignKey(Patrol, on_delete=models.PROTECT, related_name="flights")
    drone = models.ForeignKey(
        Vehicle, verbose_name=_("无人机"), on_delete=models.PROTECT, related_name="flights"
    )
    took_off_at = models.DateTimeField(_("起飞时间"))
    landed_at = models.DateTimeField(_("降落时间"), null=True, blank=True)
    area = models.CharField(_("飞行区域"), max_length=200)
    broadcast_text = models.TextField(_("喊话内容"), max_length=1000, blank=True)
    pilot = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("飞手"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "patrol__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("无人机飞行")
        verbose_name_plural = _("无人机飞行")
        ordering = ["took_off_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(landed_at__isnull=True) | Q(landed_at__gte=F("took_off_at")),
                name="flight_lands_after_takeoff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.drone.code} {self.took_off_at:%m-%d %H:%M}"
