"""The access log's filters (audit page, access tab)."""

from datetime import datetime, time, timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import ListingFilterSet

from .models import AccessEvent


def day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AccessEventFilter(ListingFilterSet):
    actor = django_filters.CharFilter(
        field_name="actor_username", lookup_expr="icontains", label=_("操作人")
    )
    action = django_filters.CharFilter(label=_("操作"))
    target = django_filters.CharFilter(field_name="target_type", label=_("对象类型"))
    record = django_filters.CharFilter(method="filter_record", label=_("记录编号"))
    date_from = django_filters.DateFilter(method="filter_from", label=_("起始日期"))
    date_to = django_filters.DateFilter(method="filter_to", label=_("截止日期"))

    class Meta:
        model = AccessEvent
        fields: list[str] = []

    def filter_record(self, queryset, name, value):
        # Ids are stored as JSON strings; matching the quoted text works on both databases.
        return queryset.filter(target_ids__icontains=f'"{value.strip()}"')

    def filter_from(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=day_start(value + timedelta(days=1)))
