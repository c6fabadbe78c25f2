"""Protective gear and its stock: items, donors, the ledger of movements and the balance it keeps.

Stock is the sum of the ledger. Each (unit, item) also has one `Stock` row, changed in the
transaction that writes the movement, locked while it is decided on, and held at zero or
above by the database itself. Movements are never edited: a mistake is corrected by a
reversing movement that names the one it undoes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager


class ItemCategory(models.TextChoices):
    PROTECTIVE = "protective", _("防护用品")
    DISINFECTANT = "disinfectant", _("消毒用品")
    EQUIPMENT = "equipment", _("器材设备")
    OTHER = "other", _("其他")


class Item(models.Model):
    """A kind of supply (口罩, 手套, 护目镜, 体温枪…) in a unit's catalogue.

    A unit uses the items of its own catalogue and of the units above it: the bureau's list
    serves every station, a station may add its own.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("物资名称"), max_length=60)
    unit_of_measure = models.CharField(_("计量单位"), max_length=10)
    category = models.CharField(_("类别"), max_length=20, choices=ItemCategory.choices)
    low_stock_threshold = models.PositiveIntegerField(_("低库存警戒值"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("物资")
        verbose_name_plural = _("物资")
        ordering = ["category", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="supply_item_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_of_measure}）"


class Donor(models.Model):
    """Who gave supplies to a unit: thanked, and listed on the donors page."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("受赠单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("捐赠人"), max_length=60)
    organisation = models.CharField(_("单位或组织"), max_length=100, blank=True)
    contact = EncryptedCharField(_("联系电话"), max_length=11, blank=True, default="")
    contact_index = models.CharField(max_length=64, blank=True, editable=False)
    thanked_at = models.DateTimeField(_("致谢时间"), null=True, blank=True)
    thanked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("捐赠人")
        verbose_name_plural = _("捐赠人")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "contact_index"], name="supply_donor_contact")]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）" if self.organisation else self.name


class MovementKind(models.TextChoices):
    RECEIVED = "received", _("入库")
    DONATED = "donated", _("受赠")
    ISSUED = "issued", _("发放")
    TRANSFERRED = "transferred", _("调出")
    TRANSFERRED_IN = "transferred_in", _("调入")
    WRITTEN_OFF = "written_off", _("报损")
    REVERSAL = "reversal", _("冲正")


# The kinds a person records; a transfer's incoming half and reversals are written for him.
RECORDED_KINDS = (
    MovementKind.RECEIVED,
    MovementKind.DONATED,
    MovementKind.ISSUED,
    MovementKind.TRANSFERRED,
    MovementKind.WRITTEN_OFF,
)
INCOMING = frozenset({MovementKind.RECEIVED, MovementKind.DONATED, MovementKind.TRANSFERRED_IN})


class Movement(models.Model):
    """One line of a unit's ledger: `delta` is what it adds to (or takes from) the unit's stock."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("物资"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=MovementKind.choices)
    quantity = models.PositiveIntegerField(_("数量"))
    delta = models.IntegerField(_("库存变化"))
    # Transfer: the other side; issue: the post or unit that received the gear.
    other_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("对方单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A transfer's incoming half names its outgoing half.
    transfer_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transfer_in"
    )
    donor = models.ForeignKey(
        Donor,
        verbose_name=_("捐赠人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    recipient = models.CharField(_("领用人"), max_length=60, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("冲正的记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    occurred_at = models.DateTimeField(_("发生时间"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("出入库记录")
        verbose_name_plural = _("出入库记录")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "-occurred_at"], name="supply_movement_unit_time"),
            models.Index(fields=["kind", "occurred_at"], name="supply_movement_kind_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="supply_qty_positive"),
            models.CheckConstraint(
                condition=models.Q(delta=models.F("quantity"))
                | models.Q(delta=-models.F("quantity")),
                name="supply_delta_is_quantity",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="donated") | models.Q(donor__isnull=False),
                name="supply_donation_has_donor",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="reversal") | models.Q(reverses__isnull=False),
                name="supply_reversal_names_original",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item.name} {self.quantity}"


class Stock(models.Model):
    """The balance of one item at one unit: the sum of its ledger, kept as movements are written."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("物资"), on_delete=models.PROTECT, related_name="stocks"
    )
    quantity = models.IntegerField(_("库存"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("库存")
        verbose_name_plural = _("库存")
        constraints = [
            models.UniqueConstraint(fields=["unit", "item"], name="supply_stock_unique"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="supply_stock_never_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.name} {self.quantity}"
