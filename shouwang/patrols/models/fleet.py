"""Vehicles and drones of a unit, with their status and its history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager


class VehicleKind(models.TextChoices):
    CAR = "car", _("警车")
    MOTORCYCLE = "motorcycle", _("摩托车")
    DRONE = "drone", _("无人机")
    OTHER = "other", _("其他")


class VehicleStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("在岗备勤")
    ON_PATROL = "on_patrol", _("巡逻中")
    MAINTENANCE = "maintenance", _("维修保养")
    OUT_OF_SERVICE = "out_of_service", _("停用")


class Vehicle(models.Model):
    """A car or a drone a unit sends on patrol; its status is kept with who changed it and why."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="vehicles"
    )
    kind = models.CharField(_("类别"), max_length=12, choices=VehicleKind.choices)
    code = models.CharField(
        _("车牌或编号"), max_length=20, help_text=_("警车填车牌，无人机填机身编号")
    )
    model_name = models.CharField(_("型号"), max_length=50, blank=True)
    has_loudspeaker = models.BooleanField(_("带喊话器"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=VehicleStatus.choices, default=VehicleStatus.IN_SERVICE
    )
    status_reason = models.CharField(_("状态说明"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("车辆与无人机")
        verbose_name_plural = _("车辆与无人机")
        ordering = ["unit__path", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="vehicle_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"

    @property
    def is_drone(self) -> bool:
        return self.kind == VehicleKind.DRONE
