"""Checkpoints and the passages (vehicles or pedestrian groups) met at them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager, ScopedQuerySet


class CheckpointKind(models.TextChoices):
    HIGHWAY_EXIT = "highway_exit", _("高速出口")
    NATIONAL_ROAD = "national_road", _("国道")
    PROVINCIAL_ROAD = "provincial_road", _("省道")
    COUNTY_ROAD = "county_road", _("县乡道路")
    VILLAGE_ENTRANCE = "village_entrance", _("村口")
    RESIDENTIAL_GATE = "residential_gate", _("小区门口")
    PLANT_GATE = "plant_gate", _("厂矿门口")
    OTHER = "other", _("其他")


class CheckpointStatus(models.TextChoices):
    ACTIVE = "active", _("启用")
    CLOSED = "closed", _("已撤除")


class Checkpoint(models.Model):
    """A post on a road or at an entrance, staffed 24 h or at scheduled hours."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="checkpoints",
    )
    name = models.CharField(_("卡点名称"), max_length=100)
    kind = models.CharField(_("卡点类型"), max_length=20, choices=CheckpointKind.choices)
    location = models.CharField(_("位置"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_24h = models.BooleanField(_("24小时值守"), default=True)
    opens_at = models.TimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.TimeField(_("结束时间"), null=True, blank=True)
    party_member_post = models.BooleanField(_("党员先锋岗"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=CheckpointStatus.choices, default=CheckpointStatus.ACTIVE
    )
    status_reason = models.CharField(_("撤除/恢复原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("卡点")
        verbose_name_plural = _("卡点")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="checkpoint_unique_name"),
            models.CheckConstraint(
                condition=models.Q(is_24h=True)
                | models.Q(opens_at__isnull=False, closes_at__isnull=False),
                name="checkpoint_hours_when_scheduled",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == CheckpointStatus.ACTIVE


class Direction(models.TextChoices):
    IN = "in", _("进")
    OUT = "out", _("出")


class VehicleKind(models.TextChoices):
    CAR = "car", _("小汽车")
    TRUCK = "truck", _("货车")
    BUS = "bus", _("客车")
    MOTORCYCLE = "motorcycle", _("摩托车")
    NON_MOTOR = "non_motor", _("非机动车")
    PEDESTRIAN = "pedestrian", _("行人")


class Disposition(models.TextChoices):
    PASSED = "passed", _("放行")
    REGISTERED = "registered", _("登记放行")
    TURNED_BACK = "turned_back", _("劝返")
    HANDED_OVER = "handed_over", _("移交卫健")


class HealthCode(models.TextChoices):
    GREEN = "green", _("绿码")
    YELLOW = "yellow", _("黄码")
    RED = "red", _("红码")
    NONE = "none", _("无码")


# Worse codes sort higher: a passage carries the worst code of its occupants.
HEALTH_CODE_SEVERITY = {"": 0, "green": 1, "none": 2, "yellow": 3, "red": 4}


class GreenChannelKind(models.TextChoices):
    PATIENT = "patient", _("急危病人")
    MEDICINE = "medicine", _("药品")
    SUPPLIES = "supplies", _("生活/防疫物资")


class PassageQuerySet(ScopedQuerySet):
    def live(self):
        return self.filter(voided_at__isnull=True)


class Passage(models.Model):
    """One vehicle or pedestrian group met at a checkpoint, with what was done.

    Plate facts, the local day and hour, origin province/city and the people count are
    denormalised at registration so every figure is one aggregate over this table.
    """

    client_id = models.UUIDField(_("客户端编号"), unique=True)
    # Indexed by passage_cp_time / passage_cp_day, which start with the checkpoint.
    checkpoint = models.ForeignKey(
        Checkpoint,
        verbose_name=_("卡点"),
        on_delete=models.PROTECT,
        related_name="passages",
        db_index=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    occurred_at = models.DateTimeField(_("通行时间"))
    occurred_on = models.DateField(_("日期"), editable=False)
    occurred_hour = models.PositiveSmallIntegerField(_("小时"), editable=False)
    direction = models.CharField(_("方向"), max_length=3, choices=Direction.choices)
    vehicle_kind = models.CharField(_("车辆类型"), max_length=12, choices=VehicleKind.choices)
    plate = models.CharField(_("车牌号"), max_length=12, blank=True)
    plate_prefix = models.CharField(_("号牌前缀"), max_length=4, blank=True)
    plate_province = models.CharField(_("号牌省份"), max_length=10, blank=True)
    plate_city = models.CharField(_("号牌城市"), max_length=20, blank=True)
    plate_region_code = models.CharField(max_length=6, blank=True)
    out_of_town = models.BooleanField(_("外地车辆"), default=False)
    is_key_area = models.BooleanField(_("来自重点地区"), default=False)
    key_area = models.ForeignKey(
        "areas.KeyArea",
        verbose_name=_("重点地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    occupants_count = models.PositiveIntegerField(_("人数"), default=1)
    max_temperature = models.DecimalField(
        _("最高体温"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    health_code = models.CharField(
        _("健康码"), max_length=6, choices=HealthCode.choices, blank=True
    )
    origin = models.CharField(_("来自"), max_length=100, blank=True)
    origin_region_code = models.CharField(_("来源地区代码"), max_length=6, blank=True)
    origin_province = models.CharField(_("来源省份"), max_length=20, blank=True)
    origin_city = models.CharField(_("来源城市"), max_length=30, blank=True)
    destination = models.CharField(_("去往"), max_length=100, blank=True)
    purpose = models.CharField(_("事由"), max_length=200, blank=True)
    disposition = models.CharField(_("处置结果"), max_length=12, choices=Disposition.choices)
    override_reason = models.CharField(_("未移交原因"), max_length=200, blank=True)
    green_channel = models.BooleanField(_("绿色通道"), default=False)
    green_channel_kind = models.CharField(
        _("绿色通道类型"), max_length=10, choices=GreenChannelKind.choices, blank=True
    )
    green_channel_reason = models.CharField(_("绿色通道事由"), max_length=200, blank=True)
    pass_code = models.CharField(_("通行证码"), max_length=600, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # History is read per passage (by id) and by date; indexes on its other columns would
    # only slow down the batch ingest, which writes one history row per passage.
    history = HistoricalRecords(
        excluded_fields=["occurred_on", "occurred_hour"],
        no_db_index=[
            "client_id",
            "checkpoint",
            "recorded_by",
            "plate",
            "key_area",
            "voided_by",
        ],
    )

    scope_path_field = "checkpoint__unit__path"
    objects = models.Manager.from_queryset(PassageQuerySet)()

    class Meta:
        verbose_name = _("通行登记")
        verbose_name_plural = _("通行登记")
        ordering = ["-occurred_at", "-id"]
        # Every index is paid for by each of the thousands of rows registered a second, so
        # only reads that must be fast have one: a checkpoint's or a unit's latest passages,
        # a plate (exact, or its beginning), today's green channel. The figures read the
        # counts kept in PassageCountsByHour / ByOrigin. Users, key areas and verifications
        # are never deleted, so their references need no index for on_delete either.
        indexes = [
            models.Index(fields=["checkpoint", "occurred_at"], name="passage_cp_time"),
            models.Index(fields=["occurred_at"], name="passage_time"),
            models.Index(fields=["plate"], name="passage_plate", opclasses=["varchar_pattern_ops"]),
            models.Index(
                fields=["occurred_on"],
                name="passage_green_day",
                condition=models.Q(green_channel=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occurred_hour__gte=0, occurred_hour__lte=23),
                name="passage_hour_range",
            ),
            models.CheckConstraint(
                condition=models.Q(green_channel=False) | ~models.Q(green_channel_kind=""),
                name="passage_green_channel_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plate or self.get_vehicle_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def is_vehicle(self) -> bool:
        return bool(self.plate)


class Occupant(models.Model):
    """A named person in a passage; ID number and phone encrypted, searchable by blind index."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="occupants")
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("手机号"), max_length=11, blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    temperature = models.DecimalField(
        _("体温"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    health_code = models.CharField(
        _("健康码"), max_length=6, choices=HealthCode.choices, blank=True
    )
    # A person handed over to health (or registered as watched) at the checkpoint: the watch
    # record of the registry made of him in the same transaction (`services._watch_occupants`).
    # Indexed only where set, so the thousands of ordinary rows a second pay nothing for it.
    watch_record = models.ForeignKey(
        "people.WatchRecord",
        verbose_name=_("关注记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="checkpoint_occupants",
        db_index=False,
    )
    history = HistoricalRecords(no_db_index=["watch_record"])

    scope_path_field = "passage__checkpoint__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("随车人员")
        verbose_name_plural = _("随车人员")
        ordering = ["passage_id", "id"]
        indexes = [
            models.Index(
                fields=["watch_record"],
                name="occupant_watch_record",
                condition=models.Q(watch_record__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name or "—"


class PassageCounts(models.Model):
    """The checkpoint figures of a group of live passages, kept as they are registered.

    Registration adds a passage's contribution, a correction swaps its old contribution for
    its new one and voiding takes it away, in the same transaction as the passage itself
    (`shouwang.checkpoints.tallies`). The figures of any unit and period are then sums over
    a few thousand small rows, not a scan of millions of passages.
    """

    # Indexed by the unique key, which starts with the checkpoint.
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    day = models.DateField()
    passages = models.IntegerField(default=0)
    vehicles_passed = models.IntegerField(default=0)
    vehicles_registered = models.IntegerField(default=0)
    vehicle_turn_backs = models.IntegerField(default=0)
    people_checked = models.IntegerField(default=0)
    people_met = models.IntegerField(default=0)
    people_turned_back = models.IntegerField(default=0)
    people_handed_over = models.IntegerField(default=0)

    class Meta:
        abstract = True


class PassageCountsByHour(PassageCounts):
    """Figures per checkpoint, local day and hour: the totals, by day and by hour."""

    hour = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("卡点分时统计")
        verbose_name_plural = _("卡点分时统计")
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "day", "hour"], name="passage_counts_hour_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkpoint_id} {self.day} {self.hour}:00"


class PassageCountsByOrigin(PassageCounts):
    """Figures per checkpoint, local day and origin (province and city)."""

    origin_province = models.CharField(max_length=20, blank=True)
    origin_city = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("卡点来源地统计")
        verbose_name_plural = _("卡点来源地统计")
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "day", "origin_province", "origin_city"],
                name="passage_counts_origin_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkpoint_id} {self.day} {self.origin_province}{self.origin_city}"
