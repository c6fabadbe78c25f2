"""Addresses and households: a community or village (a unit) → building → entrance (单元) → room."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shouwang.privacy.fields import EncryptedCharField
from shouwang.units.scoping import ScopedManager


class Building(models.Model):
    """A building of a community (楼栋), or a group of houses of a village (村民组)."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("社区/村"),
        on_delete=models.PROTECT,
        related_name="buildings",
    )
    name = models.CharField(_("楼栋"), max_length=30)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("楼栋")
        verbose_name_plural = _("楼栋")
        ordering = ["unit_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="building_name_once_per_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    """A household at one address; `unit` is its building's, kept here for scope and counts."""

    # Indexed by `household_unit` below (the name the coverage benchmark's plans show).
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("社区/村"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    building = models.ForeignKey(
        Building, verbose_name=_("楼栋"), on_delete=models.PROTECT, related_name="households"
    )
    entrance = models.CharField(_("单元"), max_length=20, blank=True)
    room = models.CharField(_("房号"), max_length=20)
    address_text = models.CharField(_("地址"), max_length=200, blank=True)
    plates = models.JSONField(_("车牌"), default=list, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    import_job = models.ForeignKey(
        "community.HouseholdImportJob",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(no_db_index=["unit", "building", "import_job", "created_by"])

    scope_path_field = "unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("住户")
        verbose_name_plural = _("住户")
        ordering = ["building_id", "entrance", "room"]
        constraints = [
            # One household per address: the unique index also finds a building's rooms.
            models.UniqueConstraint(
                fields=["building", "entrance", "room"], name="household_one_per_address"
            ),
        ]
        indexes = [
            # Coverage counts households by unit (an index-only scan per unit).
            models.Index(fields=["unit"], name="household_unit"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "34号楼 2单元 601" as a visitor reads it on a door."""
        parts = [self.building.name, self.entrance, self.room]
        return " ".join(part for part in parts if part)


class HouseholdMember(models.Model):
    """Someone living in a household; linked to the registry's person when his ID matches one."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(_("身份证号"), max_length=18, blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, editable=False)
    phone = EncryptedCharField(_("手机号"), max_length=11, blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    relation = models.CharField(_("与户主关系"), max_length=20, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("重点人员档案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="household_memberships",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    # Corrections and removals keep their history; the identifiers themselves stay out of it
    # (the history page is read by roles that see them masked), only that they changed.
    history = HistoricalRecords(
        excluded_fields=["id_number", "id_number_index", "phone", "phone_index"],
        no_db_index=["household", "person"],
    )

    scope_path_field = "household__unit__path"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("住户成员")
        verbose_name_plural = _("住户成员")
        ordering = ["household_id", "id"]
        constraints = [
            # Within a household an ID number names one member (imports run twice add nobody).
            models.UniqueConstraint(
                fields=["household", "id_number_index"],
                condition=~Q(id_number_index=""),
                name="member_one_per_id_in_household",
            ),
        ]
        indexes = [models.Index(fields=["id_number_index"], name="member_id_number")]

    def __str__(self) -> str:
        return self.name
