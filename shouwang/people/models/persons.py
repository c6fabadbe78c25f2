"""People in the registry, their travel, and why each is watched."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager


class Sex(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class Person(models.Model):
    """One real person; a duplicate is merged into another record, never deleted."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="people"
    )
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    # Blind indexes are matched only whole: plain indexes in Meta, no LIKE (pattern) ones.
    id_number_index = models.CharField(max_length=64, blank=True, editable=False)
    id_region_code = models.CharField(_("身份证地区代码"), max_length=6, blank=True)
    sex = models.CharField(_("性别"), max_length=6, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = EncryptedCharField(_("手机号"), max_length=11, blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    current_address = models.CharField(_("现住址"), max_length=200, blank=True)
    household_address = models.CharField(_("户籍地址"), max_length=200, blank=True)
    workplace = models.CharField(_("工作单位"), max_length=200, blank=True)
    flagged_area = models.ForeignKey(
        "areas.KeyArea",
        verbose_name=_("涉及重点地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已合并至"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )
    merged_at = models.DateTimeField(_("合并时间"), null=True, blank=True)
    # Users are deactivated, never deleted, and nobody lists people by creator: no index.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    # History is read per person (by id) and by date.
    history = HistoricalRecords(no_db_index=["unit", "created_by", "flagged_area", "merged_into"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("重点人员")
        verbose_name_plural = _("重点人员")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Within one unit an ID number names one live record; merged records step aside.
            models.UniqueConstraint(
                fields=["unit", "id_number_index"],
                condition=~Q(id_number_index="") & Q(merged_into__isnull=True),
                name="person_one_live_record_per_id",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "name"], name="person_unit_name"),
            models.Index(fields=["id_number_index"], name="person_id_number"),
            models.Index(fields=["phone_index"], name="person_phone"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class TravelMeans(models.TextChoices):
    TRAIN = "train", _("火车")
    FLIGHT = "flight", _("飞机")
    CAR = "car", _("自驾")
    BUS = "bus", _("客车")
    OTHER = "other", _("其他")


class TravelRecord(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="travels")
    place = models.CharField(_("地点"), max_length=100)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    departed_on = models.DateField(_("出发日期"), null=True, blank=True)
    arrived_on = models.DateField(_("到达日期"), null=True, blank=True)
    means = models.CharField(_("交通方式"), max_length=10, choices=TravelMeans.choices, blank=True)
    carrier_number = models.CharField(_("车次/航班/车牌"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    scope_path_field = "person__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("行程")
        verbose_name_plural = _("行程")
        ordering = ["-arrived_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(departed_on__isnull=True)
                | Q(arrived_on__isnull=True)
                | Q(arrived_on__gte=models.F("departed_on")),
                name="travel_arrival_after_departure",
            ),
        ]

    def __str__(self) -> str:
        return str(self.place)


class WatchReason(models.TextChoices):
    KEY_AREA_ARRIVAL = "key_area_arrival", _("重点地区来人")
    CLOSE_CONTACT = "close_contact", _("密切接触者")
    SECONDARY_CONTACT = "secondary_contact", _("次密切接触者")
    FEVER = "fever", _("发热人员")
    RETURNEE = "returnee", _("返乡人员")
    OTHER = "other", _("其他")


class WatchSource(models.TextChoices):
    DEPARTMENT_LIST = "department_list", _("部门名单")
    RESIDENT_TIP = "resident_tip", _("群众举报")
    HOUSEHOLD_SCREENING = "household_screening", _("入户排查")
    CHECKPOINT_HANDOVER = "checkpoint_handover", _("卡点移交")
    SELF_REPORT = "self_report", _("主动申报")
    CHECKPOINT_ARRIVAL = "checkpoint_arrival", _("卡点登记来人")


class WatchStatus(models.TextChoices):
    OPEN = "open", _("待核实")
    VERIFIED = "verified", _("已核实")
    ISOLATING = "isolating", _("隔离中")
    CLOSED = "closed", _("已结束")
    RULED_OUT = "ruled_out", _("已排除")


class WatchRecord(models.Model):
    """Why a person is watched, who found him and who answers for him."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="watch_records")
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
    reason = models.CharField(_("类别"), max_length=20, choices=WatchReason.choices)
    contact_of = models.ForeignKey(
        Person,
        verbose_name=_("密接对象"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    contact_of_text = models.CharField(_("密接对象（文字）"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=WatchSource.choices)
    origin = models.CharField(_("来源地"), max_length=100, blank=True)
    origin_region_code = models.CharField(_("来源地区划代码"), max_length=6, blank=True)
    arrived_on = models.DateField(_("到达日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=WatchStatus.choices, default=WatchStatus.OPEN
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)
    import_job = models.ForeignKey(
        "people.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Users are deactivated, never deleted, and nobody lists watch records by creator.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    # History is read per record (by id) and by date.
    history = HistoricalRecords(no_db_index=["unit", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("关注记录")
        verbose_name_plural = _("关注记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_reason_display()}"


class PersonMerge(models.Model):
    """The audit of one merge: who folded which record into which, what moved, what was filled."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_absorbed")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict)
    filled = models.JSONField(default=list)

    scope_path_field = "kept__unit__path"
    objects = ScopedManager()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return str(f"{self.merged_id} → {self.kept_id}")
