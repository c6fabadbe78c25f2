"""A bureau's service targets: minutes to assignment and hours to resolution, by type and urgency."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

from .choices import ReportType, Urgency

MAX_ASSIGN_MINUTES = 7 * 24 * 60
MAX_RESOLVE_HOURS = 90 * 24


class SlaTarget(models.Model):
    """One target of one bureau; a bureau without a row for a type and urgency uses the default
    of `intake.sla.DEFAULT_TARGETS`."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("公安局"), on_delete=models.PROTECT, related_name="+"
    )
    type = models.CharField(_("类别"), max_length=10, choices=ReportType.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices)
    assign_minutes = models.PositiveIntegerField(_("指派时限（分钟）"))
    resolve_hours = models.PositiveIntegerField(_("办结时限（小时）"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        ordering = ["unit", "type", "-urgency"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "type", "urgency"], name="sla_target_once"),
            models.CheckConstraint(
                condition=Q(assign_minutes__gte=1, assign_minutes__lte=MAX_ASSIGN_MINUTES)
                & Q(resolve_hours__gte=1, resolve_hours__lte=MAX_RESOLVE_HOURS),
                name="sla_target_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}·{self.get_urgency_display()}"
