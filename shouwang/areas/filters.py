"""The key-area list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import SearchFilter, SortFilter

from .models import KeyArea


def key_area_query(query: str) -> Q:
    return Q(name__icontains=query) | Q(region_code__startswith=query)


class KeyAreaFilter(django_filters.FilterSet):
    q = SearchFilter(match=key_area_query)
    risk = django_filters.CharFilter(field_name="risk_level", label=_("风险等级"))
    on = django_filters.DateFilter(method="filter_on", label=_("有效日期"))
    sort = SortFilter(fields={"region_code": "region", "valid_from": "valid_from"})

    class Meta:
        model = KeyArea
        fields: list[str] = []

    def filter_on(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=value)
        )
