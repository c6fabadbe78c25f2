"""Building captains (民警楼长): their buildings, the residents who help them, and their work log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

from .addresses import Building, Household


class BuildingCaptain(models.Model):
    """An officer answering for a building; a new captain ends the previous one's assignment."""

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="captains")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("楼长"),
        on_delete=models.PROTECT,
        related_name="captained_buildings",
    )
    assigned_at = models.DateTimeField(_("任命时间"), auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("卸任时间"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path_field = "building__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("楼长")
        verbose_name_plural = _("楼长")
        ordering = ["building_id", "-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["building"],
                condition=Q(ended_at__isnull=True),
                name="building_one_captain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} · {self.officer}"


class BuildingRepresentative(models.Model):
    """A resident who helps the captain for one entrance (楼栋单元代表): disinfection, notices."""

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="representatives")
    entrance = models.CharField(_("单元"), max_length=20, blank=True)
    name = models.CharField(_("姓名"), max_length=50)
    phone = EncryptedCharField(_("手机号"), max_length=11, blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    household = models.ForeignKey(
        Household,
        verbose_name=_("所在住户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("停止时间"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path_field = "building__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("楼栋单元代表")
        verbose_name_plural = _("楼栋单元代表")
        ordering = ["building_id", "entrance", "id"]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    RESIDENT_VISIT = "resident_visit", _("走访住户")
    STAIRWELL_DISINFECTION = "stairwell_disinfection", _("楼道消毒")
    ENTRANCE_TEMPERATURE = "entrance_temperature", _("监督出入口测温")
    GROUP_NOTICE = "group_notice", _("楼栋群推送通知")
    OTHER = "other", _("其他")


class BuildingActivity(models.Model):
    """One entry of a building's work log; wrong entries are voided with a reason, never deleted."""

    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="activities", db_index=False
    )
    # The building's unit, for scope and the weekly figures.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(_("类别"), max_length=30, choices=ActivityKind.choices)
    happened_at = models.DateTimeField(_("时间"))
    happened_on = models.DateField(_("日期"))  # local date of happened_at
    people_count = models.PositiveSmallIntegerField(_("涉及人数"), null=True, blank=True)
    note = models.CharField(_("情况"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    history = HistoricalRecords(no_db_index=["building", "unit", "recorded_by", "voided_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("楼栋工作记录")
        verbose_name_plural = _("楼栋工作记录")
        ordering = ["-happened_at", "-id"]
        indexes = [
            models.Index(fields=["building", "happened_on"], name="activity_building_day"),
            models.Index(fields=["unit", "happened_on"], name="activity_unit_day"),
        ]

    def __str__(self) -> str:
        return f"{self.building} · {self.get_kind_display()}"
