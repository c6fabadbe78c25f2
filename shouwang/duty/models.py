"""Staff on duty and their statuses; posts, the staff each needs, and the shifts that fill them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

# A shift longer than a day is a typing error (a 24 h post is stood in one 24 h shift at most).
MAX_SHIFT = timedelta(hours=24)


class StaffKind(models.TextChoices):
    OFFICER = "officer", _("民警")
    AUXILIARY = "auxiliary", _("辅警")
    VOLUNTEER = "volunteer", _("志愿者")


class StaffStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("在岗")
    OFF = "off", _("轮休")
    LEAVE = "leave", _("休假")
    SICK = "sick", _("病假")
    ISOLATING = "isolating", _("隔离观察")
    SECONDED = "seconded", _("借调")


# A person in one of these is not standing any post: his shifts then leave gaps.
UNAVAILABLE = (StaffStatus.LEAVE, StaffStatus.SICK, StaffStatus.ISOLATING)


class Staff(models.Model):
    """A person on the duty roster: an officer, an auxiliary officer or a volunteer.

    Officers and auxiliaries usually have an account; a volunteer of an association may not.
    `unit` is where he belongs; a secondment sends him to `seconded_to` between two dates.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duty_staff",
    )
    kind = models.CharField(_("类别"), max_length=12, choices=StaffKind.choices)
    name = models.CharField(_("姓名"), max_length=50)
    phone = EncryptedCharField(_("联系电话"), max_length=11, blank=True, default="")
    association = models.CharField(_("所属组织"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=StaffStatus.choices, default=StaffStatus.ON_DUTY
    )
    status_from = models.DateField(_("状态开始"), null=True, blank=True)
    status_until = models.DateField(_("状态结束"), null=True, blank=True)
    status_reason = models.CharField(_("状态原因"), max_length=200, blank=True)
    seconded_to = models.ForeignKey(
        "units.Unit",
        verbose_name=_("借调至"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("在册"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "user", "seconded_to", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("勤务人员")
        verbose_name_plural = _("勤务人员")
        ordering = ["unit__path", "kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_until__isnull=True)
                | Q(status_from__isnull=True)
                | Q(status_until__gte=F("status_from")),
                name="duty_staff_status_period",
            ),
            models.CheckConstraint(
                condition=~Q(status="seconded") | Q(seconded_to__isnull=False),
                name="duty_staff_seconded_has_unit",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="duty_staff_unit_status")]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("duty:staff_detail", kwargs={"pk": self.pk})


class LeaveCancellation(models.Model):
    """One order cancelling the leave of everyone of a unit and below it (全员取消休假)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("原因"), max_length=200)
    staff_count = models.PositiveIntegerField(_("销假人数"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("取消休假")
        verbose_name_plural = _("取消休假")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.reason}"


class PostKind(models.TextChoices):
    CHECKPOINT = "checkpoint", _("卡点")
    SCREENING_POINT = "screening_point", _("排查点")
    DUTY_DESK = "duty_desk", _("值班室")
    PATROL_AREA = "patrol_area", _("巡逻区域")
    RESIDENTIAL = "residential", _("小区卡口")
    OTHER = "other", _("其他")


class Post(models.Model):
    """Where people stand duty, and how many each hour it is open (24 h or from/to a time)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("岗位名称"), max_length=100)
    kind = models.CharField(_("岗位类型"), max_length=20, choices=PostKind.choices)
    checkpoint = models.ForeignKey(
        "checkpoints.Checkpoint",
        verbose_name=_("对应卡点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    required_staff = models.PositiveSmallIntegerField(_("每小时最少人数"), default=1)
    is_24h = models.BooleanField(_("24小时值守"), default=True)
    opens_at = models.TimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.TimeField(_("结束时间"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "checkpoint", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("勤务岗位")
        verbose_name_plural = _("勤务岗位")
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="duty_post_unique_name"),
            models.CheckConstraint(
                condition=Q(required_staff__gte=1, required_staff__lte=500),
                name="duty_post_required_staff_range",
            ),
            models.CheckConstraint(
                condition=Q(is_24h=True)
                | (
                    Q(opens_at__isnull=False, closes_at__isnull=False) & ~Q(opens_at=F("closes_at"))
                ),
                name="duty_post_hours_when_scheduled",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("duty:post", kwargs={"pk": self.pk})


class Shift(models.Model):
    """One person at one post from `starts_at` to `ends_at` (end excluded). Cancelled, never deleted.

    A person is never in two places at once: the service locks his row and refuses an overlap;
    on PostgreSQL an exclusion constraint holds it too (migration 0002).
    """

    post = models.ForeignKey(
        Post, verbose_name=_("岗位"), on_delete=models.PROTECT, related_name="shifts"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)

    scope_path_field = "post__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("班次")
        verbose_name_plural = _("班次")
        ordering = ["starts_at", "post_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="duty_shift_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "starts_at"], name="duty_shift_staff_start"),
            models.Index(fields=["post", "starts_at"], name="duty_shift_post_start"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id}@{self.post_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def unit(self):
        """The unit the shift is stood for: its post's."""
        return self.post.unit

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
