"""The patrols area's list filters, shared by the pages, their exports and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.units.filters import UnitSubtreeFilter

from .models import InspectionStatus, Patrol, PostInspection, Vehicle, VideoAlert


class VehicleFilter(ListingFilterSet):
    q = SearchFilter(fields=("code", "model_name", "note"))
    unit = UnitSubtreeFilter(label=_("单位"))
    kind = django_filters.CharFilter(label=_("类别"))
    status = django_filters.CharFilter(label=_("状态"))

    class Meta:
        model = Vehicle
        fields: list[str] = []


class PatrolFilter(ListingFilterSet):
    q = SearchFilter(fields=("area", "note"))
    unit = UnitSubtreeFilter(label=_("单位"))
    kind = django_filters.CharFilter(label=_("巡逻方式"))
    ongoing = django_filters.CharFilter(method="filter_ongoing", label=_("进行中"))
    date_from = django_filters.DateFilter(
        field_name="started_at", lookup_expr="date__gte", label=_("自")
    )
    date_to = django_filters.DateFilter(
        field_name="started_at", lookup_expr="date__lte", label=_("至")
    )
    sort = SortFilter(fields={"started_at": "started"})

    class Meta:
        model = Patrol
        fields: list[str] = []

    def filter_ongoing(self, queryset, name, value):
        answer = {"1": True, "0": False}.get(value)
        if answer is None:
            return queryset
        return queryset.filter(ended_at__isnull=answer)


def alert_query(text: str) -> Q:
    return (
        Q(plate__startswith=text.upper())
        | Q(camera__name__icontains=text)
        | Q(camera__code=text)
        | Q(system_event_id=text)
    )


class VideoAlertFilter(ListingFilterSet):
    q = SearchFilter(match=alert_query)
    unit = UnitSubtreeFilter(label=_("单位"))
    status = django_filters.CharFilter(label=_("状态"))
    kind = django_filters.CharFilter(label=_("告警类型"))
    camera = IdFilter(field_name="camera_id", label=_("摄像头"))
    date_from = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__gte", label=_("自")
    )
    date_to = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__lte", label=_("至")
    )

    class Meta:
        model = VideoAlert
        fields: list[str] = []


class PostInspectionFilter(ListingFilterSet):
    q = SearchFilter(fields=("checkpoint__name", "findings", "team"))
    unit = UnitSubtreeFilter(label=_("单位"))
    status = django_filters.CharFilter(label=_("状态"))
    overdue = django_filters.CharFilter(method="filter_overdue", label=_("逾期"))
    date_from = django_filters.DateFilter(
        field_name="inspected_at", lookup_expr="date__gte", label=_("自")
    )
    date_to = django_filters.DateFilter(
        field_name="inspected_at", lookup_expr="date__lte", label=_("至")
    )

    class Meta:
        model = PostInspection
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        if value != "1":
            return queryset
        return queryset.filter(
            status=InspectionStatus.RECTIFYING, deadline__lt=timezone.localdate()
        )
