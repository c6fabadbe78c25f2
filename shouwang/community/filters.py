"""The community lists' filters, shared by the pages, their exports and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.units.models import Unit

from .models import Building, BuildingCaptain, Household
from .selectors.weeks import week_start


def household_query(text: str) -> Q:
    """An address ("34号楼", "601"), or a resident by full ID number, phone or name."""
    people = identifier_query(
        text,
        id_field="members__id_number_index",
        phone_field="members__phone_index",
        name_field="members__name",
    )
    return people | Q(address_text__icontains=text) | Q(building__name=text) | Q(room=text)


class InUnitFilter(IdFilter):
    """A unit id: the records of that unit and of the units below it."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        unit = Unit.objects.filter(pk=value).values_list("path", flat=True).first()
        if unit is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__startswith": unit})


class HouseholdFilter(ListingFilterSet):
    q = SearchFilter(match=household_query)
    unit = InUnitFilter(field_name="unit__path", label=_("社区/村"))
    building = IdFilter(field_name="building_id", label=_("楼栋"))
    sort = SortFilter(fields={"created_at": "created", "room": "room"})

    class Meta:
        model = Household
        fields: list[str] = []

    def filter_queryset(self, queryset):
        # A resident found by name or ID joins the members: one row per household still.
        queryset = super().filter_queryset(queryset)
        return queryset.distinct() if self.form.cleaned_data.get("q") else queryset


class BuildingFilter(ListingFilterSet):
    q = SearchFilter(fields=("name",))
    unit = InUnitFilter(field_name="unit__path", label=_("社区/村"))
    captain = django_filters.CharFilter(method="filter_captain", label=_("楼长"))
    idle = django_filters.CharFilter(method="filter_idle", label=_("本周无工作记录"))
    sort = SortFilter(fields={"name": "name", "created_at": "created"})

    class Meta:
        model = Building
        fields: list[str] = []

    def filter_captain(self, queryset, name, value):
        captained = BuildingCaptain.objects.filter(ended_at__isnull=True)
        if value == "me":
            mine = (
                captained.filter(officer=self.user) if self.user is not None else captained.none()
            )
            return queryset.filter(pk__in=mine.values("building_id"))
        if value == "none":
            return queryset.exclude(pk__in=captained.values("building_id"))
        if value == "any":
            return queryset.filter(pk__in=captained.values("building_id"))
        return queryset

    def filter_idle(self, queryset, name, value):
        active = Building.objects.filter(
            activities__happened_on__gte=week_start(timezone.localdate()),
            activities__voided_at__isnull=True,
        ).values("pk")
        if value == "1":
            return queryset.exclude(pk__in=active)
        if value == "0":
            return queryset.filter(pk__in=active)
        return queryset
