"""The queue's filters, shared by the page, its export and the API."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter, YesNoFilter
from shouwang.units.models import Unit

from .codes import normalize_tracking_code
from .models import OPEN_STATUSES, OUTCOME_STATUSES, Report, ReportType, Status, Urgency
from .sla import overdue_condition

# Pseudo-statuses of the status filter.
OPEN, CLOSED = "open", "closed"
STATUS_CHOICES = [
    (OPEN, _("未办结")),
    (CLOSED, _("已办结")),
    *Status.choices,
]
# "Older than": hours since received.
AGE_CHOICES = [
    ("1", _("超过1小时")),
    ("4", _("超过4小时")),
    ("24", _("超过1天")),
    ("72", _("超过3天")),
]


def report_query(text: str) -> Q:
    query = (
        Q(text__icontains=text)
        | Q(place__icontains=text)
        | Q(plate__icontains=text.upper())
        | Q(subject_name__icontains=text)
    )
    code = normalize_tracking_code(text)
    if code:
        query |= Q(tracking_code=code)
    return query


class ReportFilter(ListingFilterSet):
    q = SearchFilter(match=report_query)
    status = django_filters.CharFilter(method="filter_status", label=_("状态"))
    type = django_filters.ChoiceFilter(choices=ReportType.choices, label=_("类别"))
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label=_("紧急程度"))
    unit = IdFilter(method="filter_unit", label=_("单位"))
    overdue = YesNoFilter(method="filter_overdue", label=_("超时"))
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("等待时长"))
    sort = SortFilter(fields={"received_at": "received", "due_resolve_at": "due"})

    class Meta:
        model = Report
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(status__in=list(OPEN_STATUSES))
        if value == CLOSED:
            return queryset.filter(status__in=[*OUTCOME_STATUSES, Status.MERGED])
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset

    def filter_unit(self, queryset, name, value):
        """The unit and the units below it; a unit outside the user's reach finds nothing."""
        unit = Unit.objects.visible_to(self.user).filter(pk=value).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(unit__path__startswith=unit.path)

    def filter_overdue(self, queryset, name, value):
        answer = {"1": True, "0": False}.get(value)
        if answer is None:
            return queryset
        condition = overdue_condition()
        return queryset.filter(condition) if answer else queryset.exclude(condition)

    def filter_age(self, queryset, name, value):
        return queryset.filter(received_at__lt=timezone.now() - timedelta(hours=int(value)))
