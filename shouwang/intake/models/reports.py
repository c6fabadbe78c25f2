"""A resident's report (tip, help request or grievance) and the history of its handling."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

from .choices import (
    CATEGORIES,
    OPEN_STATUSES,
    Category,
    Channel,
    EventKind,
    ReportType,
    Status,
    Urgency,
)

# What a resident may type in the description; the API and the forms say so too.
TEXT_LIMIT = 2000
REPLY_LIMIT = 1000


def _category_matches_type() -> Q:
    condition = Q(pk__in=[])
    for report_type, categories in CATEGORIES.items():
        condition |= Q(type=report_type, category__in=list(categories))
    return condition


class Report(models.Model):
    """One report from one resident (or entered by the duty desk for a caller or a visitor).

    `unit` is the unit handling it: the station or community the resident chose, else the
    bureau, whose duty desk routes it. The SLA due times are fixed when it is received, from the
    bureau's targets (`intake.sla`). Merged duplicates are kept, pointing at the report that
    answers them.
    """

    tracking_code = models.CharField(_("查询码"), max_length=12, unique=True, editable=False)
    type = models.CharField(_("类别"), max_length=10, choices=ReportType.choices)
    category = models.CharField(_("类型"), max_length=20, choices=Category.choices)
    urgency = models.CharField(
        _("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    channel = models.CharField(_("来源渠道"), max_length=12, choices=Channel.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("办理单位"),
        on_delete=models.PROTECT,
        related_name="intake_reports",
    )
    text = models.TextField(_("情况描述"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    plate = models.CharField(_("车牌号"), max_length=12, blank=True)
    subject_name = models.CharField(_("涉及人员"), max_length=50, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=11, blank=True, default="")
    contact_phone_index = models.CharField(max_length=64, blank=True, editable=False)
    anonymous = models.BooleanField(_("匿名"), default=False)
    # A keyed digest of the submitting address: counts submissions, never shows the address.
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    due_assign_at = models.DateTimeField(_("应指派时间"))
    due_resolve_at = models.DateTimeField(_("应办结时间"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("指派时间"), null=True, blank=True)
    assign_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolve_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    first_delivered_at = models.DateTimeField(_("首次送达时间"), null=True, blank=True)
    deliver_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reply = models.TextField(_("答复群众"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已合并至"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NEW)
    # The outcome "put under watch": linked both ways (the person page lists its reports).
    watch_record = models.ForeignKey(
        "people.WatchRecord",
        verbose_name=_("关注记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake_reports",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["client_key", "updated_at"],
        no_db_index=["unit", "handler", "merged_into", "watch_record", "created_by"],
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("群众线索与求助")
        verbose_name_plural = _("群众线索与求助")
        ordering = ["-urgency", "received_at", "id"]
        indexes = [
            # The queue: open reports, urgent first ("urgent" > "normal"), oldest first.
            models.Index(
                fields=["unit", "-urgency", "received_at"],
                name="intake_open_queue",
                condition=Q(status__in=list(OPEN_STATUSES)),
            ),
            models.Index(fields=["unit", "received_at"], name="intake_unit_received"),
            # Rate limits: recent submissions of one address or one phone.
            models.Index(
                fields=["client_key", "received_at"],
                name="intake_client_recent",
                condition=~Q(client_key=""),
            ),
            models.Index(
                fields=["contact_phone_index", "received_at"],
                name="intake_phone_recent",
                condition=~Q(contact_phone_index=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=ReportType.values), name="intake_report_type"
            ),
            models.CheckConstraint(condition=_category_matches_type(), name="intake_category"),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="intake_urgency"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="intake_channel"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="intake_status"),
            # A merged report points at the one answering it, and only a merged one does.
            models.CheckConstraint(
                condition=Q(status=Status.MERGED, merged_into__isnull=False)
                | (~Q(status=Status.MERGED) & Q(merged_into__isnull=True)),
                name="intake_merged_has_target",
            ),
            # An anonymous report carries no contact.
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(contact_phone_index="", contact_name=""),
                name="intake_anonymous_without_contact",
            ),
            models.CheckConstraint(
                condition=Q(due_assign_at__gte=models.F("received_at"))
                & Q(due_resolve_at__gte=models.F("received_at")),
                name="intake_due_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.get_type_display()} · {self.get_category_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def display_code(self) -> str:
        """The code in groups of four, as a resident copies it: "7KQ2-M9XD-4RTB"."""
        code = self.tracking_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def deliver_minutes(self) -> int | None:
        """Minutes from the request to the first delivery (help requests)."""
        return None if self.deliver_seconds is None else round(self.deliver_seconds / 60)

    def overdue_now(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status not in OPEN_STATUSES:
            return False
        if self.assigned_at is None and now > self.due_assign_at:
            return True
        return now > self.due_resolve_at


class ReportEvent(models.Model):
    """One step of a report's handling: who, when, what changed and the note written with it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=14, choices=EventKind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    from_status = models.CharField(_("原状态"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=Status.choices, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    other = models.ForeignKey(
        Report,
        verbose_name=_("相关线索"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    note = models.CharField(_("说明"), max_length=1000, blank=True)

    scope_path_field = "report__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="intake_event_kind")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
