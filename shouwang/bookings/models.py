"""Booked no-contact services: a unit's service windows, their daily slots, residents' bookings.

A window (户政、交管、出入境…) keeps a weekly template (weekdays, opening periods, slot length and
places) from which its slots are generated. A slot counts its places taken in `booked`, which
the database holds within `capacity`; a booking takes one place and gives it back when cancelled.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager

NAME_LIMIT = 50


class ServiceKind(models.TextChoices):
    HOUSEHOLD = "household", _("户政")
    TRAFFIC = "traffic", _("交管")
    EXIT_ENTRY = "exit_entry", _("出入境")
    OTHER = "other", _("其他")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    SERVED = "served", _("已办理")
    NO_SHOW = "no_show", _("未到")
    CANCELLED = "cancelled", _("已取消")


WEEKDAY_LABELS = {
    1: _("周一"),
    2: _("周二"),
    3: _("周三"),
    4: _("周四"),
    5: _("周五"),
    6: _("周六"),
    7: _("周日"),
}

# The statuses that hold a place of their slot (a cancelled booking gives it back).
HOLDING_PLACE = (BookingStatus.BOOKED, BookingStatus.SERVED, BookingStatus.NO_SHOW)


class ServiceWindow(models.Model):
    """A counter of a unit where residents are served by appointment only."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="service_windows",
    )
    name = models.CharField(_("窗口名称"), max_length=100)
    kind = models.CharField(_("业务类别"), max_length=12, choices=ServiceKind.choices)
    address = models.CharField(_("办理地点"), max_length=200, blank=True)
    note = models.CharField(_("办理须知"), max_length=500, blank=True)
    is_active = models.BooleanField(_("开放预约"), default=True)
    # The weekly template: ISO weekdays (1 = Monday), opening periods ["09:00", "12:00"], and
    # each slot's length and places.
    weekdays = models.JSONField(_("开放日"), default=list)
    periods = models.JSONField(_("开放时段"), default=list)
    slot_minutes = models.PositiveSmallIntegerField(_("每时段分钟数"), default=30)
    slot_capacity = models.PositiveSmallIntegerField(_("每时段名额"), default=4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("预约服务窗口")
        verbose_name_plural = _("预约服务窗口")
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="bookings_window_unit_name"),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="bookings_window_kind"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="bookings_window_slot_minutes",
            ),
            models.CheckConstraint(
                condition=Q(slot_capacity__gte=1, slot_capacity__lte=100),
                name="bookings_window_slot_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekday_labels(self) -> str:
        return "、".join(str(WEEKDAY_LABELS[day]) for day in self.weekdays if day in WEEKDAY_LABELS)


class ServiceSlot(models.Model):
    """One bookable period of a window on one day, with its places and how many are taken."""

    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="slots"
    )
    day = models.DateField(_("日期"))
    starts_at = models.DateTimeField(_("开始时间"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"))
    capacity = models.PositiveSmallIntegerField(_("名额"))
    booked = models.PositiveSmallIntegerField(_("已约"), default=0)

    scope_path_field = "window__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["window", "day"], name="bookings_slot_window_day")]
        constraints = [
            models.UniqueConstraint(fields=["window", "starts_at"], name="bookings_slot_start"),
            # Never more bookings than places, whatever races above.
            models.CheckConstraint(
                condition=Q(booked__gte=0) & Q(booked__lte=F("capacity")),
                name="bookings_slot_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(capacity__lte=100), name="bookings_slot_capacity_bound"
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.window_id} {local:%Y-%m-%d %H:%M}"

    @property
    def unit(self):
        """The unit owning the slot (its window's)."""
        return self.window.unit

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.booked)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


class Booking(models.Model):
    """A resident's appointment: one place of one slot, kept and changed by its code."""

    code = models.CharField(_("预约码"), max_length=8, unique=True, editable=False)
    slot = models.ForeignKey(
        ServiceSlot, verbose_name=_("时段"), on_delete=models.PROTECT, related_name="bookings"
    )
    # The slot's window, kept on the row so a window's day is one index away.
    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="bookings"
    )
    name = models.CharField(_("姓名"), max_length=NAME_LIMIT)
    phone = EncryptedCharField(_("手机号"), max_length=11)
    phone_index = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    # A keyed digest of the booking address: counts bookings, never shows the address.
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("预约时间"), default=timezone.now)
    handled_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords(
        excluded_fields=["client_key"], no_db_index=["slot", "window", "handled_by"]
    )

    scope_path_field = "window__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("群众预约")
        verbose_name_plural = _("群众预约")
        ordering = ["slot__starts_at", "id"]
        indexes = [
            models.Index(
                fields=["client_key", "created_at"],
                name="bookings_client_recent",
                condition=~Q(client_key=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="bookings_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.get_status_display()}"

    @property
    def unit(self):
        """The unit owning the booking (its window's)."""
        return self.window.unit

    @property
    def display_code(self) -> str:
        """The code in two groups of four, as a resident copies it: "7KQ2-M9XD"."""
        return f"{self.code[:4]}-{self.code[4:]}"
