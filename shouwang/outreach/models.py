"""Bulletins to residents (drafted, approved, published, withdrawn) and the resident messaging
groups a station runs, with their member counts over time and the posts made in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

TITLE_MAX = 100
BODY_MAX = 2000
REASON_MAX = 200
# A group this full (members / capacity) is shown with a warning: time to open another.
NEAR_CAPACITY_SHARE = 0.9
MAX_CAPACITY = 100_000


class BulletinKind(models.TextChoices):
    NOTICE = "notice", _("通告")
    GUIDANCE = "guidance", _("防控提示")
    SERVICE = "service", _("办事指南")
    REBUTTAL = "rebuttal", _("辟谣")


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Bulletin(models.Model):
    """An official message to residents, addressed to units of its author's jurisdiction."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="bulletins"
    )
    kind = models.CharField(
        _("类别"), max_length=20, choices=BulletinKind.choices, default=BulletinKind.GUIDANCE
    )
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    body = models.TextField(_("正文"), max_length=BODY_MAX)
    audience_units = models.ManyToManyField(
        "units.Unit", verbose_name=_("面向单位"), related_name="bulletins_addressed", blank=True
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("宣传通告")
        verbose_name_plural = _("宣传通告")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="bulletin_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="bulletin_status_published"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("outreach:bulletin", kwargs={"pk": self.pk})


class BulletinTransition(models.Model):
    """Each status change of a bulletin: from, to, who, when and why."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=BulletinStatus.choices)
    to_status = models.CharField(max_length=20, choices=BulletinStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    reason = models.CharField(_("原因"), max_length=REASON_MAX, blank=True)

    scope_path_field = "bulletin__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.bulletin_id}: {self.from_status} → {self.to_status}"


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信")
    QQ = "qq", _("QQ")
    DINGTALK = "dingtalk", _("钉钉")
    OTHER = "other", _("其他")


class ResidentGroup(models.Model):
    """A resident messaging group (警民联系群) run by a unit, its admin an officer."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="resident_groups",
    )
    name = models.CharField(_("群名称"), max_length=100)
    platform = models.CharField(
        _("平台"), max_length=20, choices=Platform.choices, default=Platform.WECHAT
    )
    capacity = models.PositiveIntegerField(_("人数上限"), default=500)
    admin_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("群管理民警"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The latest reading of the ledger below, kept here so lists and figures read one row.
    member_count = models.PositiveIntegerField(_("当前人数"), default=0)
    member_count_on = models.DateField(_("人数统计日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "admin_officer", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("警民联系群")
        verbose_name_plural = _("警民联系群")
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="resident_group_name_per_unit"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="resident_group_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(member_count__lte=models.F("capacity")),
                name="resident_group_members_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("outreach:group", kwargs={"pk": self.pk})

    @property
    def fill_percent(self) -> int:
        return round(100 * self.member_count / self.capacity) if self.capacity else 0

    @property
    def is_full(self) -> bool:
        return self.member_count >= self.capacity

    @property
    def is_near_capacity(self) -> bool:
        return self.member_count >= NEAR_CAPACITY_SHARE * self.capacity


def near_capacity() -> GreaterThanOrEqual:
    """A group at 90 % of its capacity or more, in integers: members × 10 ≥ capacity × 9."""
    return GreaterThanOrEqual(models.F("member_count") * 10, models.F("capacity") * 9)


class MemberReading(models.Model):
    """A group's member count on a day: each update appends one, the ledger is never edited."""

    group = models.ForeignKey(ResidentGroup, on_delete=models.CASCADE, related_name="readings")
    on = models.DateField(_("统计日期"))
    count = models.PositiveIntegerField(_("群成员数"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    scope_path_field = "group__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["group", "on"], name="member_reading_group_on")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.on}: {self.count}"


class GroupPost(models.Model):
    """Messages posted in a group on a day, optionally the bulletin they carried."""

    group = models.ForeignKey(ResidentGroup, on_delete=models.CASCADE, related_name="posts")
    posted_on = models.DateField(_("发布日期"))
    count = models.PositiveIntegerField(_("条数"), default=1)
    bulletin = models.ForeignKey(
        Bulletin,
        verbose_name=_("所发通告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    scope_path_field = "group__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["-posted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="group_post_count_positive"),
        ]
        indexes = [models.Index(fields=["group", "posted_on"], name="group_post_group_on")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.posted_on}: {self.count}"
