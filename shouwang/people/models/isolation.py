"""Isolation policies, sites and episodes, daily follow-ups and the alerts they raise."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.units.scoping import ScopedManager

from .persons import Person, WatchRecord


class IsolationKind(models.TextChoices):
    HOME = "home", _("居家隔离")
    CENTRALISED = "centralised", _("集中隔离")
    MEDICAL_OBSERVATION = "medical_observation", _("医学观察")


class IsolationPolicy(models.Model):
    """How long a category is isolated, where, and how often followed; a unit edits its own."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("制定单位"), on_delete=models.PROTECT)
    category = models.CharField(
        _("适用类别"),
        max_length=20,
        blank=True,
        help_text=_("留空表示默认政策"),
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("隔离方式"), max_length=20, choices=IsolationKind.choices)
    days = models.PositiveSmallIntegerField(_("天数"))
    then_kind = models.CharField(
        _("后续隔离方式"), max_length=20, choices=IsolationKind.choices, blank=True
    )
    then_days = models.PositiveSmallIntegerField(_("后续天数"), default=0)
    followup_every_days = models.PositiveSmallIntegerField(_("随访间隔（天）"), default=1)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("隔离政策")
        verbose_name_plural = _("隔离政策")
        ordering = ["unit__path", "category"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "category"], name="policy_one_per_category"),
            models.CheckConstraint(condition=Q(days__gte=1), name="policy_days_positive"),
            models.CheckConstraint(
                condition=Q(followup_every_days__gte=1), name="policy_followup_every_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def category_label(self) -> str:
        from .persons import WatchReason

        return str(WatchReason(self.category).label) if self.category else str(_("默认"))


class IsolationSite(models.Model):
    unit = models.ForeignKey("units.Unit", verbose_name=_("管理单位"), on_delete=models.PROTECT)
    name = models.CharField(_("隔离点名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    rooms = models.PositiveSmallIntegerField(_("房间数"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("集中隔离点")
        verbose_name_plural = _("集中隔离点")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EpisodeStatus(models.TextChoices):
    PLANNED = "planned", _("待隔离")
    ISOLATING = "isolating", _("隔离中")
    RELEASED = "released", _("已解除")
    HOSPITALISED = "hospitalised", _("已送医")
    LOST_CONTACT = "lost_contact", _("失联")
    TRANSFERRED = "transferred", _("已转出")


ENDED_STATUSES = (
    EpisodeStatus.RELEASED,
    EpisodeStatus.HOSPITALISED,
    EpisodeStatus.LOST_CONTACT,
    EpisodeStatus.TRANSFERRED,
)


class IsolationEpisode(models.Model):
    """One stay in isolation; "7 + 3" is two episodes linked by `next_episode`."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="episodes")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任民警"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    watch_record = models.ForeignKey(
        WatchRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="episodes"
    )
    policy = models.ForeignKey(
        IsolationPolicy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("隔离方式"), max_length=20, choices=IsolationKind.choices)
    site = models.ForeignKey(
        IsolationSite,
        verbose_name=_("隔离点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    room = models.CharField(_("房间号"), max_length=20, blank=True)
    start_date = models.DateField(_("开始日期"))
    planned_end = models.DateField(_("计划解除日期"))
    actual_end = models.DateField(_("实际解除日期"), null=True, blank=True)
    followup_every_days = models.PositiveSmallIntegerField(_("随访间隔（天）"), default=1)
    # Follow-up rows are written a few days ahead, not for the whole stay: every due day up to
    # this date has its row (`people.services.followup_schedule`).
    followups_until = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=15, choices=EpisodeStatus.choices, default=EpisodeStatus.PLANNED
    )
    next_episode = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="previous_episode"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["followups_until"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("隔离")
        verbose_name_plural = _("隔离")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("start_date")), name="episode_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_end__gte=F("start_date")),
                name="episode_actual_end_after_start",
            ),
            # Two officers starting the same person's isolation at once: one of them wins.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="isolating"),
                name="episode_one_isolating_per_person",
            ),
        ]
        indexes = [models.Index(fields=["status", "planned_end"], name="episode_status_end")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}"


class EpisodeEvent(models.Model):
    """Each transition, extension or shortening of an episode: who, when, why."""

    episode = models.ForeignKey(IsolationEpisode, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15, blank=True)
    old_planned_end = models.DateField(null=True, blank=True)
    new_planned_end = models.DateField(null=True, blank=True)
    reason = models.CharField(_("事由"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return str(f"{self.episode_id} {self.action}")

    ACTION_LABELS = {
        "create": _("新建"),
        "transition": _("状态变更"),
        "extend": _("延长"),
        "shorten": _("缩短"),
    }

    @property
    def action_label(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return str(EpisodeStatus(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return str(EpisodeStatus(self.to_status).label) if self.to_status else ""


class ContactMethod(models.TextChoices):
    VISIT = "visit", _("上门")
    PHONE = "phone", _("电话")
    VIDEO = "video", _("视频")
    SELF_REPORT = "self_report", _("本人报告")


class Symptom(models.TextChoices):
    COUGH = "cough", _("咳嗽")
    FATIGUE = "fatigue", _("乏力")
    SORE_THROAT = "sore_throat", _("咽痛")
    SHORTNESS_OF_BREATH = "shortness_of_breath", _("气促")
    DIARRHOEA = "diarrhoea", _("腹泻")
    LOSS_OF_SMELL = "loss_of_smell", _("嗅觉味觉减退")


class FollowUp(models.Model):
    """One due day of an isolating episode; done when `done_at` is set."""

    episode = models.ForeignKey(
        IsolationEpisode, on_delete=models.CASCADE, related_name="followups"
    )
    due_date = models.DateField(_("应随访日期"))
    done_at = models.DateTimeField(_("随访时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    temperature = models.DecimalField(
        _("体温"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    symptoms = models.JSONField(_("症状"), default=list, blank=True)
    symptoms_text = models.CharField(_("其他症状"), max_length=200, blank=True)
    present_at_address = models.BooleanField(_("在住址"), null=True, blank=True)
    contact_method = models.CharField(
        _("随访方式"), max_length=15, choices=ContactMethod.choices, blank=True
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)

    scope_path_field = "episode__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("随访")
        verbose_name_plural = _("随访")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "due_date"], name="followup_one_per_day"),
            models.CheckConstraint(
                condition=Q(temperature__isnull=True) | Q(temperature__gte=34, temperature__lte=43),
                name="followup_temperature_range",
            ),
        ]
        indexes = [
            models.Index(fields=["due_date", "done_at"], name="followup_due_done"),
            # "Due today" and "overdue" read only undone rows, in episode order.
            models.Index(
                fields=["due_date", "episode"],
                condition=Q(done_at__isnull=True),
                name="followup_open_by_day",
            ),
        ]

    def __str__(self) -> str:
        return str(f"{self.episode_id} {self.due_date}")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class AlertKind(models.TextChoices):
    FEVER = "fever", _("发热")
    SYMPTOMS = "symptoms", _("症状")
    HANDOVER = "handover", _("卡点移交")


class Alert(models.Model):
    """Raised by a follow-up with fever or symptoms, or by a checkpoint handing a person over to
    health (`services.handovers`), to the station's duty desk and health liaison."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("接收单位"), on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="alerts")
    followup = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=AlertKind.choices)
    message = models.CharField(_("内容"), max_length=300)
    raised_at = models.DateTimeField(_("时间"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-raised_at", "-id"]

    def __str__(self) -> str:
        return str(self.message)
