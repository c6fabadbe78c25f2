"""The people list's filters, shared by the page, its export and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter

from .models import Person


class PersonFilter(ListingFilterSet):
    q = SearchFilter(match=identifier_query)  # a full ID number, a phone, or part of a name
    unit = IdFilter(field_name="unit_id", label=_("单位"))
    flagged = django_filters.CharFilter(method="filter_flagged", label=_("仅重点地区"))
    reason = django_filters.CharFilter(
        field_name="watch_records__reason", distinct=True, label=_("类别")
    )
    status = django_filters.CharFilter(
        field_name="episodes__status", distinct=True, label=_("隔离状态")
    )
    sort = SortFilter(fields={"created_at": "created", "name": "name"})

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged_area__isnull=False) if value == "1" else queryset
