"""The people list's filters, shared by the page, its export and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter

from .models import Person, WatchRecord


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
    # A watch record's status and source, of one and the same record: "handovers waiting" are
    # people with an open record handed over at a checkpoint (?source=…&watch_status=open).
    watch_status = django_filters.CharFilter(method="filter_watch", label=_("关注状态"))
    source = django_filters.CharFilter(method="filter_watch", label=_("来源"))
    sort = SortFilter(fields={"created_at": "created", "name": "name"})

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_watch(self, queryset, name, value):
        if getattr(self, "_watch_filtered", False):  # both parameters, one condition
            return queryset
        self._watch_filtered = True
        data = self.form.cleaned_data
        record = {
            lookup: data[param]
            for lookup, param in (("status", "watch_status"), ("source", "source"))
            if data.get(param)
        }
        return queryset.filter(pk__in=WatchRecord.objects.filter(**record).values("person_id"))

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged_area__isnull=False) if value == "1" else queryset
