"""Venues, their closure orders and acknowledgements, re-inspections, price checks, imports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager


class VenueKind(models.TextChoices):
    KTV = "ktv", _("KTV")
    INTERNET_CAFE = "internet_cafe", _("网吧")
    HOTEL = "hotel", _("宾馆旅店")
    MAHJONG_ROOM = "mahjong_room", _("麻将馆棋牌室")
    GYM = "gym", _("健身房")
    ACTIVITY_CENTRE = "activity_centre", _("活动中心")
    BATH_HOUSE = "bath_house", _("洗浴中心")
    CINEMA = "cinema", _("影剧院")
    MARKET = "market", _("农贸市场")
    PHARMACY = "pharmacy", _("药店")
    RESTAURANT = "restaurant", _("餐饮饭店")
    SUPERMARKET = "supermarket", _("超市")
    SCENIC_AREA = "scenic_area", _("旅游景区")
    WILDLIFE_TRADER = "wildlife_trader", _("野生动物经营")
    OTHER = "other", _("其他")


class VenueStatus(models.TextChoices):
    OPEN = "open", _("正常营业")
    ORDERED_CLOSED = "ordered_closed", _("责令关停")
    CLOSURE_CONFIRMED = "closure_confirmed", _("确认关停")
    REOPENED = "reopened", _("批准复业")


CLOSED_STATUSES = (VenueStatus.ORDERED_CLOSED, VenueStatus.CLOSURE_CONFIRMED)
OPERATING_STATUSES = (VenueStatus.OPEN, VenueStatus.REOPENED)
MAX_INSPECTION_EVERY_DAYS = 30


class Venue(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("管辖单位"), on_delete=models.PROTECT, related_name="venues"
    )
    kind = models.CharField(_("场所类别"), max_length=20, choices=VenueKind.choices)
    name = models.CharField(_("场所名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    owner_name = models.CharField(_("经营者"), max_length=50, blank=True)
    owner_phone = EncryptedCharField(_("联系电话"), max_length=11, blank=True, default="")
    owner_phone_index = models.CharField(max_length=64, blank=True, editable=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=VenueStatus.choices, default=VenueStatus.OPEN
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任民警"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The re-inspection schedule: every N days from the closure, next due on a date (None: none).
    inspection_every_days = models.PositiveSmallIntegerField(
        _("回访周期（天）"), null=True, blank=True
    )
    next_inspection_on = models.DateField(_("下次回访日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(
        excluded_fields=["owner_phone_index"], no_db_index=["unit", "officer", "created_by"]
    )

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("场所")
        verbose_name_plural = _("场所")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "credit_code"],
                condition=~Q(credit_code=""),
                name="venue_credit_code_once_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(inspection_every_days__isnull=True)
                | Q(
                    inspection_every_days__gte=1,
                    inspection_every_days__lte=MAX_INSPECTION_EVERY_DAYS,
                ),
                name="venue_inspection_every_days_range",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind"], name="venue_unit_kind"),
            models.Index(fields=["next_inspection_on"], name="venue_next_inspection"),
            models.Index(fields=["owner_phone_index"], name="venue_owner_phone"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("venues:detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class VenueEvent(models.Model):
    """Each status change of a venue: who, when, why, and the order or case behind it."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=VenueStatus.choices)
    to_status = models.CharField(max_length=20, choices=VenueStatus.choices)
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    # When the change takes effect: a closure order's effective time, else when it was recorded.
    effective_at = models.DateTimeField(_("生效时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    order = models.ForeignKey(
        "ClosureOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_path_field = "venue__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["to_status", "effective_at"], name="venue_event_to_status")]

    def __str__(self) -> str:
        return f"{self.venue_id}: {self.from_status} → {self.to_status}"


class ClosureOrder(models.Model):
    """One order closing many venues ("every KTV and internet café of the county")."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("发令单位"), on_delete=models.PROTECT, related_name="+"
    )
    document_number = models.CharField(_("文号"), max_length=50, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300)
    effective_at = models.DateTimeField(_("生效时间"))
    kinds = models.JSONField(_("场所类别"), default=list, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发令人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("下达时间"), auto_now_add=True)
    venues_count = models.PositiveIntegerField(_("场所数"), default=0)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("关停令")
        verbose_name_plural = _("关停令")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return str(self.document_number or _("关停令 %(n)s") % {"n": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("venues:order_detail", kwargs={"pk": self.pk})


class ClosureOrderVenue(models.Model):
    """A venue named by an order, and the owner's acknowledgement of it (签收)."""

    order = models.ForeignKey(ClosureOrder, on_delete=models.CASCADE, related_name="entries")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="closure_entries")
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    acknowledged_name = models.CharField(_("签收人"), max_length=50, blank=True)
    acknowledgement_note = models.CharField(_("签收说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_path_field = "venue__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["order", "venue__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "venue"], name="closure_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}:{self.venue_id}"

    @property
    def unit(self):
        return self.venue.unit


class InspectionResult(models.TextChoices):
    COMPLIANT = "compliant", _("合规")
    VIOLATION = "violation", _("违规")


class Inspection(models.Model):
    """A (re-)inspection of a venue; a violation opens a case in the same step."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="inspections")
    inspected_at = models.DateTimeField(_("检查时间"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("检查人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.CharField(_("检查结果"), max_length=10, choices=InspectionResult.choices)
    notes = models.CharField(_("检查情况"), max_length=500, blank=True)
    unannounced = models.BooleanField(_("暗访"), default=False)
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "venue__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("场所检查")
        verbose_name_plural = _("场所检查")
        ordering = ["-inspected_at", "-id"]
        indexes = [
            models.Index(fields=["venue", "inspected_at"], name="inspection_venue_time"),
            models.Index(fields=["inspected_at"], name="inspection_time"),
        ]

    def __str__(self) -> str:
        return _("%(venue)s %(day)s检查") % {
            "venue": self.venue.name,
            "day": self.inspected_at.date().isoformat(),
        }

    def get_absolute_url(self) -> str:
        return reverse("venues:detail", kwargs={"pk": self.venue_id}) + f"#inspection-{self.pk}"


class PriceItem(models.Model):
    """A watched item with its reference price and the percent above it that is gouging."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("商品"), max_length=50)
    unit_of_sale = models.CharField(_("计价单位"), max_length=20)
    reference_price = models.DecimalField(_("参考价（元）"), max_digits=10, decimal_places=2)
    threshold_percent = models.PositiveSmallIntegerField(_("哄抬阈值（高于参考价%）"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("价格监测商品")
        verbose_name_plural = _("价格监测商品")
        ordering = ["name", "unit_of_sale"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name", "unit_of_sale"], name="price_item_once_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(reference_price__gt=0), name="price_item_reference_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_of_sale}）"


class PriceCheck(models.Model):
    """An item's observed price (and quality) at a venue; a finding opens a case."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="price_checks")
    item = models.ForeignKey(
        PriceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item_name = models.CharField(_("商品"), max_length=50)
    unit_of_sale = models.CharField(_("计价单位"), max_length=20)
    observed_price = models.DecimalField(_("售价（元）"), max_digits=10, decimal_places=2)
    reference_price = models.DecimalField(_("参考价（元）"), max_digits=10, decimal_places=2)
    threshold_percent = models.PositiveSmallIntegerField(_("哄抬阈值（%）"))
    gouging = models.BooleanField(_("哄抬价格"), default=False)
    quality_issue = models.CharField(_("质量问题"), max_length=200, blank=True)
    notes = models.CharField(_("备注"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("检查时间"))
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_path_field = "venue__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("价格质量检查")
        verbose_name_plural = _("价格质量检查")
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference_price__gt=0) & Q(observed_price__gte=0),
                name="price_check_prices_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("%(venue)s %(item)s价格检查") % {"venue": self.venue.name, "item": self.item_name}

    def get_absolute_url(self) -> str:
        return reverse("venues:detail", kwargs={"pk": self.venue_id}) + f"#price-check-{self.pk}"

    @property
    def is_finding(self) -> bool:
        return self.gouging or bool(self.quality_issue)


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("正在导入")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class VenueImportManager(ScopedManager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().defer("content")


class VenueImport(models.Model):
    """An uploaded venue register (xlsx/csv), processed by the worker; errors kept per row."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("导入单位"), on_delete=models.PROTECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    filename = models.CharField(_("文件名"), max_length=200)
    file_hash = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)  # encrypted: owners' phones
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    error = models.CharField(_("错误"), max_length=500, blank=True)
    row_errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    scope_path_field = "unit__path"
    objects = VenueImportManager()

    class Meta:
        verbose_name = _("场所导入")
        verbose_name_plural = _("场所导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.filename)

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
