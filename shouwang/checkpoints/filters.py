"""The passage list's filters, shared by the records page, its export and the API."""

from datetime import date, datetime, time, timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.identity import IdentityError, normalize_input, parse_plate
from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SortFilter, YesNoFilter
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .models import Occupant, Passage


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class PassageFilter(ListingFilterSet):
    checkpoint = IdFilter(field_name="checkpoint_id", label=_("卡点"))
    unit = IdFilter(method="filter_unit", label=_("单位"))
    # Days as a time range, so the (checkpoint, time) and (time) indexes serve the filter.
    date_from = django_filters.DateFilter(method="filter_from", label=_("起始日期"))
    date_to = django_filters.DateFilter(method="filter_to", label=_("截止日期"))
    disposition = django_filters.CharFilter(label=_("处置"))
    out_of_town = YesNoFilter(label=_("外地"))
    origin = django_filters.CharFilter(method="filter_origin", label=_("来源地"))
    plate = django_filters.CharFilter(method="filter_plate", label=_("车牌"))
    health_code = django_filters.CharFilter(label=_("健康码"))
    green_channel = YesNoFilter(label=_("绿色通道"))
    q = django_filters.CharFilter(method="filter_query", label=_("车牌、身份证号、手机号或姓名"))
    void = django_filters.CharFilter(method="filter_void", label=_("含已作废"))
    sort = SortFilter(fields={"occurred_at": "time"})

    class Meta:
        model = Passage
        fields: list[str] = []

    def filter_unit(self, queryset, name, value):
        unit = get_visible_or_404(Unit, self.user, pk=value)
        return queryset.filter(checkpoint__unit__path__startswith=unit.path)

    def filter_from(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=_local_midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=_local_midnight(value + timedelta(days=1)))

    def filter_origin(self, queryset, name, value):
        origin = normalize_input(value)
        return queryset.filter(
            Q(origin_province__startswith=origin)
            | Q(origin_city__startswith=origin)
            | Q(origin__contains=origin)
        )

    def filter_plate(self, queryset, name, value):
        try:
            plate = parse_plate(value).number
        except IdentityError:
            plate = normalize_input(value).replace(" ", "")
        return queryset.filter(plate__startswith=plate)

    def filter_query(self, queryset, name, value):
        text = normalize_input(value).replace(" ", "")
        # An occupant by full ID number, phone or part of the name: the one person search.
        by_person = Occupant.objects.filter(identifier_query(value)).values("passage_id")
        return queryset.filter(Q(plate__startswith=text) | Q(pk__in=by_person))

    def filter_void(self, queryset, name, value):
        return queryset.live() if value == "0" else queryset
