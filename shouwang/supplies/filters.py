"""The supplies lists' filters, shared by the pages, the export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.shell.periods import period_q
from shouwang.units.filters import UnitSubtreeFilter

from .models import Donor, Item, Movement


def movement_query(text: str) -> Q:
    return (
        Q(item__name__icontains=text)
        | Q(recipient__icontains=text)
        | Q(reason__icontains=text)
        | Q(note__icontains=text)
        | Q(donor__name__icontains=text)
        | Q(donor__organisation__icontains=text)
        | Q(other_unit__name__icontains=text)
    )


class MovementFilter(ListingFilterSet):
    q = SearchFilter(match=movement_query)
    unit = UnitSubtreeFilter(label=_("单位"))
    item = IdFilter(field_name="item_id", label=_("物资"))
    kind = django_filters.CharFilter(label=_("类型"))
    date_from = django_filters.DateFilter(method="filter_from", label=_("起始日期"))
    date_to = django_filters.DateFilter(method="filter_to", label=_("截止日期"))
    sort = SortFilter(fields={"occurred_at": "occurred", "quantity": "quantity"})

    class Meta:
        model = Movement
        fields: list[str] = []

    def filter_from(self, queryset, name, value):
        return queryset.filter(period_q("occurred_at", value, None))

    def filter_to(self, queryset, name, value):
        return queryset.filter(period_q("occurred_at", None, value))


class ItemFilter(ListingFilterSet):
    q = SearchFilter(fields=("name",))
    category = django_filters.CharFilter(label=_("类别"))

    class Meta:
        model = Item
        fields: list[str] = []


class DonorFilter(ListingFilterSet):
    q = SearchFilter(fields=("name", "organisation"))
    unit = UnitSubtreeFilter(label=_("单位"))
    thanked = django_filters.CharFilter(method="filter_thanked", label=_("致谢"))

    class Meta:
        model = Donor
        fields: list[str] = []

    def filter_thanked(self, queryset, name, value):
        answer = {"1": False, "0": True}.get(value)
        return queryset if answer is None else queryset.filter(thanked_at__isnull=answer)
