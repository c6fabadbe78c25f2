"""Help dispatch: the green-channel movement the route's checkpoints expect, and what was
delivered, by whom and when."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from shouwang.checkpoints.models import GreenChannelKind
from shouwang.units.scoping import ScopedManager

from .reports import Report


class GreenChannelMovement(models.Model):
    """A vehicle (patient, medicine, supplies) the checkpoints on its route let through at once."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="movements")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("开通单位"), on_delete=models.PROTECT, related_name="+"
    )
    plate = models.CharField(_("车牌号"), max_length=12)
    kind = models.CharField(_("绿色通道类型"), max_length=10, choices=GreenChannelKind.choices)
    reason = models.CharField(_("事由"), max_length=200)
    checkpoints = models.ManyToManyField(
        "checkpoints.Checkpoint", verbose_name=_("途经卡点"), related_name="+"
    )
    valid_from = models.DateTimeField(_("生效时间"))
    valid_to = models.DateTimeField(_("失效时间"))
    ended_at = models.DateTimeField(_("提前结束时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("绿色通道")
        verbose_name_plural = _("绿色通道")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["valid_to", "valid_from"], name="movement_validity")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gt=F("valid_from")), name="movement_valid_period"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=GreenChannelKind.values), name="movement_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plate} {self.get_kind_display()}"


class Delivery(models.Model):
    """What reached the resident, who brought it and when: the help request's answer in deeds."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="deliveries")
    what = models.CharField(_("送达内容"), max_length=200)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("送达人"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    delivered_at = models.DateTimeField(_("送达时间"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "report__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        ordering = ["delivered_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.what}"
