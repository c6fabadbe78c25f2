from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager


class RiskLevel(models.TextChoices):
    HIGH = "high", _("高风险")
    MEDIUM = "medium", _("中风险")
    LOW = "low", _("低风险")


class KeyArea(models.Model):
    """A region (GB/T 2260 province, city or county) whose arrivals must be registered and followed.

    Maintained by a bureau: its stations see and apply the bureau's list.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="key_areas"
    )
    region_code = models.CharField(_("行政区划代码"), max_length=6)
    name = models.CharField(_("地区名称"), max_length=100)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices)
    plate_prefixes = models.JSONField(_("号牌前缀"), default=list, blank=True)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("重点地区")
        verbose_name_plural = _("重点地区")
        ordering = ["region_code", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="key_area_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_risk_level_display()}）"
