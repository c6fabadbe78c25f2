from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .scoping import ScopedManager, ancestor_ids_of


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("公安局")
    SUB_BUREAU = "sub_bureau", _("分局")
    BRIGADE = "brigade", _("大队")
    STATION = "station", _("派出所")
    CHECKPOINT_POST = "checkpoint_post", _("卡点")
    COMMUNITY = "community", _("社区")
    VILLAGE = "village", _("村")


class EmergencyLevel(models.IntegerChoices):
    """Public-health response level; 1 is the most severe, 0 is normal duty."""

    NORMAL = 0, _("平时")
    LEVEL_1 = 1, _("一级响应")
    LEVEL_2 = 2, _("二级响应")
    LEVEL_3 = 3, _("三级响应")
    LEVEL_4 = 4, _("四级响应")


def most_severe(levels: list[int]) -> int:
    active = [level for level in levels if level != EmergencyLevel.NORMAL]
    return min(active) if active else EmergencyLevel.NORMAL


class Unit(models.Model):
    """A node of the organisation tree; `path` holds the ids from the root, e.g. "000001/000004/"."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    code = models.CharField(_("单位代码"), max_length=32, blank=True)
    emergency_level = models.PositiveSmallIntegerField(
        _("响应级别"), choices=EmergencyLevel.choices, default=EmergencyLevel.NORMAL
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    scope_path_field = "path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(emergency_level__gte=0, emergency_level__lte=4),
                name="unit_emergency_level_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return ancestor_ids_of(self.path)

    def ancestors_and_self(self) -> models.QuerySet["Unit"]:
        return Unit.objects.filter(pk__in=self.ancestor_ids).order_by("depth")

    def descendants_and_self(self) -> models.QuerySet["Unit"]:
        return Unit.objects.filter(path__startswith=self.path)

    def effective_emergency_level(self) -> int:
        """A level switched on at a higher unit holds for every unit below it."""
        levels = list(self.ancestors_and_self().values_list("emergency_level", flat=True))
        return most_severe(levels)

    def emergency_began_at(self):
        """When the emergency in force here began (None in normal duty or if never logged): of
        this unit and its ancestors whose level is not normal, the earliest last switch from
        normal duty — a station inside a bureau-wide emergency counts from the bureau's switch."""
        switched_on = (
            EmergencyLevelChange.objects.filter(
                unit__in=self.ancestors_and_self().exclude(emergency_level=EmergencyLevel.NORMAL),
                from_level=EmergencyLevel.NORMAL,
            )
            .exclude(to_level=EmergencyLevel.NORMAL)
            .order_by()
            .values("unit_id")
            .annotate(at=models.Max("changed_at"))
            .values_list("at", flat=True)
        )
        return min(switched_on, default=None)

    @property
    def full_name(self) -> str:
        return " / ".join(unit.name for unit in self.ancestors_and_self())


class EmergencyLevelChange(models.Model):
    """Who switched a unit's response level, when and why (一键平急转换)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.PositiveSmallIntegerField(choices=EmergencyLevel.choices)
    to_level = models.PositiveSmallIntegerField(choices=EmergencyLevel.choices)
    reason = models.CharField(_("原因"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("响应级别变更")
        verbose_name_plural = _("响应级别变更")

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_from_level_display()} → {self.get_to_level_display()}"
