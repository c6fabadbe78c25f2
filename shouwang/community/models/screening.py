"""Household screening (入户排查): campaigns, their points and staff, visits and what they found."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

from .addresses import Household


class Campaign(models.Model):
    """A screening drive of a unit over a period, in its target units, with its questions."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("发起单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=100)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    units = models.ManyToManyField(
        "units.Unit", verbose_name=_("排查范围"), related_name="screening_campaigns"
    )
    # [{"key": "q1", "text": "近14天是否有人从外地返回"}, …]
    questions = models.JSONField(_("排查问题"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[units])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("排查活动")
        verbose_name_plural = _("排查活动")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScreeningPoint(models.Model):
    """A village or residential point where a campaign's screening is organised (排查点)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="points")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所在社区/村"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=100)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("排查人员"), related_name="screening_points"
    )
    # Kept by the visit service in the visit's transaction: the board reads them, never counts.
    visit_count = models.PositiveIntegerField(_("入户次数"), default=0)
    staff_person_times = models.PositiveIntegerField(_("投入人次"), default=0)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("排查点")
        verbose_name_plural = _("排查点")
        ordering = ["campaign_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="point_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    """One visit of a household in a campaign; each visitor counts one staff person-time."""

    # Both found through the composite indexes below.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="visits", db_index=False
    )
    # The household's unit, for scope: moved with the household (services.addresses).
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    point = models.ForeignKey(
        ScreeningPoint,
        verbose_name=_("排查点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        db_index=False,
    )
    visited_at = models.DateTimeField(_("入户时间"))
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("排查人员"), related_name="+"
    )
    visitor_count = models.PositiveSmallIntegerField(_("人次"), default=1)
    residents_present = models.PositiveSmallIntegerField(_("在家人数"), default=0)
    answers = models.JSONField(_("问答"), default=dict, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A visit recorded by mistake (wrong household, wrong campaign) is voided, never deleted:
    # it leaves the coverage and stays on the household's page, struck through, with why.
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("入户记录")
        verbose_name_plural = _("入户记录")
        ordering = ["-visited_at", "-id"]
        indexes = [
            # A household's visits (its page; a move re-homes them), a campaign's by unit.
            models.Index(fields=["household", "visited_at"], name="visit_household"),
            models.Index(fields=["campaign", "unit"], name="visit_campaign_unit"),
            # The daily report's screening figures of a period: live visits by time, with the
            # columns it counts, read from the index alone (key columns: SQLite has no INCLUDE).
            models.Index(
                fields=["visited_at", "unit", "household", "point", "visitor_count"],
                condition=models.Q(voided_at__isnull=True),
                name="visit_live_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.visited_at:%Y-%m-%d %H:%M}"


class VisitFinding(models.Model):
    """Someone a visit found back from a key area or with symptoms, and his watch record."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    # The visit's, kept here so "watched people found" reads this small table alone.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reason = models.CharField(_("类别"), max_length=20)  # people.WatchReason
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, editable=False)
    from_region_code = models.CharField(_("来源地区划代码"), max_length=6, blank=True)
    arrived_on = models.DateField(_("到达日期"), null=True, blank=True)
    note = models.CharField(_("情况"), max_length=200, blank=True)
    watch_record = models.ForeignKey(
        "people.WatchRecord",
        verbose_name=_("关注记录"),
        on_delete=models.PROTECT,
        related_name="screening_findings",
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("排查发现")
        verbose_name_plural = _("排查发现")
        ordering = ["visit_id", "id"]
        indexes = [models.Index(fields=["campaign", "unit"], name="finding_campaign_unit")]

    def __str__(self) -> str:
        return self.name


class CampaignHousehold(models.Model):
    """A household's coverage in a campaign, kept by each visit in its transaction.

    One row per visited household: a revisit updates it, so "households visited" is a count of
    rows and a board sums a few hundred thousand small rows instead of a million visits.
    `coverage_rebuild()` recounts them from the visits.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    visits = models.PositiveIntegerField(default=0)
    staff_person_times = models.PositiveIntegerField(default=0)
    # Residents present at the latest visit: people seen, counted once per household.
    residents_present = models.PositiveIntegerField(default=0)
    last_visited_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "household"], name="campaign_household_once"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "unit"], name="campaign_household_unit")]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.household_id}"
