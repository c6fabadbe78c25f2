"""Rumours (谣言) with their rebuttals (辟谣), and each time one is seen again."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

CLAIM_LIMIT = 300
REBUTTAL_LIMIT = 2000
ALIASES_LIMIT = 1000
EVIDENCE_LIMIT = 2000
SOURCES_LIMIT = 10  # sources per rumour
SOURCE_LIMIT = 300  # characters per source


class RumourCategory(models.TextChoices):
    REMEDY = "remedy", _("偏方与防护")
    DISINFECTION = "disinfection", _("消毒")
    MEDICINE = "medicine", _("药品与疫苗")
    TRANSMISSION = "transmission", _("病毒与传播")
    CASES = "cases", _("疫情与病例")
    MEASURES = "measures", _("防控措施")
    SUPPLIES = "supplies", _("物资与价格")
    OTHER = "other", _("其他")


class RumourStatus(models.TextChoices):
    DRAFT = "draft", _("待核实")
    PUBLISHED = "published", _("已核实发布")
    RETIRED = "retired", _("已撤下")


class SightingKind(models.TextChoices):
    TIP = "tip", _("群众举报")
    STAFF_CHECK = "staff_check", _("民警比对")


class Rumour(models.Model):
    """A false claim going round, its rebuttal and where the rebuttal comes from.

    `search_text` is the claim and its other wordings as the matcher reads them (Simplified,
    half-width, without punctuation), kept so that its index is rebuilt without converting
    10,000 texts again. A rumour made from a resident's tip keeps it as `source` (the report
    page finds the rumour by it: linked both ways, rumours importing no intake code).
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="rumours"
    )
    claim = models.CharField(_("谣言内容"), max_length=CLAIM_LIMIT)
    aliases = models.TextField(_("其他说法"), blank=True)
    rebuttal = models.TextField(_("辟谣内容"))
    evidence = models.TextField(_("证据与依据"), blank=True)
    sources = models.JSONField(_("来源"), default=list, blank=True)
    category = models.CharField(
        _("类别"), max_length=16, choices=RumourCategory.choices, default=RumourCategory.OTHER
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=RumourStatus.choices, default=RumourStatus.DRAFT
    )
    status_reason = models.CharField(_("状态说明"), max_length=200, blank=True)
    first_seen = models.DateField(_("首次发现"), default=timezone.localdate)
    times_seen = models.PositiveIntegerField(_("发现次数"), default=0)
    search_text = models.CharField(max_length=1400, blank=True, editable=False)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)
    # Moved by every save (never by counting a sighting): the matcher's index version.
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, db_index=True)
    history = HistoricalRecords(
        excluded_fields=["times_seen", "search_text", "updated_at"],
        no_db_index=["unit", "created_by", "source_type"],
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("谣言")
        verbose_name_plural = _("谣言")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"], name="rumour_unit_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=RumourCategory.values), name="rumour_category"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RumourStatus.values), name="rumour_status"
            ),
            # A tip becomes at most one rumour entry.
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="rumour_one_per_source",
            ),
        ]

    def __str__(self) -> str:
        return self.claim if len(self.claim) <= 40 else f"{self.claim[:39]}…"

    def save(self, *args, **kwargs) -> None:
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == RumourStatus.PUBLISHED

    @property
    def copy_text(self) -> str:
        """The rebuttal as pasted into a messaging group: the claim, the answer, the sources."""
        lines = [f"【辟谣】{self.claim}", "", self.rebuttal.strip()]
        if self.sources:
            lines += ["", "来源：" + "；".join(self.sources)]
        return "\n".join(lines)


class RumourSighting(models.Model):
    """A rumour seen again: a resident's tip matched on arrival, or a message an officer checked.

    The tip is the `source` (one stored match per tip); a pasted group message is not kept.
    """

    rumour = models.ForeignKey(
        Rumour, verbose_name=_("谣言"), on_delete=models.CASCADE, related_name="sightings"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("来源"), max_length=12, choices=SightingKind.choices)
    score = models.FloatField(_("相似度"))
    seen_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("比对人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("谣言发现记录")
        verbose_name_plural = _("谣言发现记录")
        ordering = ["-seen_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SightingKind.values), name="sighting_kind"),
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="rumour_sighting_one_per_source",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="rumour_sighting_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rumour_id} {self.get_kind_display()} {self.seen_at:%Y-%m-%d %H:%M}"
