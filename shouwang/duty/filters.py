"""The duty lists' filters, shared by the pages, the exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import ListingFilterSet, SearchFilter, SortFilter
from shouwang.units.filters import UnitSubtreeFilter
from shouwang.units.models import Unit

from .models import Post, Staff, StaffStatus


class StaffUnitFilter(UnitSubtreeFilter):
    """`?unit=12`: people of that unit and below it, and those seconded to it."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        path = Unit.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return qs.none()
        return qs.filter(
            Q(unit__path__startswith=path)
            | Q(status=StaffStatus.SECONDED, seconded_to__path__startswith=path)
        )


class StaffFilter(ListingFilterSet):
    q = SearchFilter(fields=("name", "association"))
    unit = StaffUnitFilter(label=_("单位"))
    kind = django_filters.CharFilter(label=_("类别"))
    status = django_filters.CharFilter(label=_("状态"))
    association = django_filters.CharFilter(lookup_expr="icontains", label=_("所属组织"))
    sort = SortFilter(fields={"name": "name", "status": "status", "unit__path": "unit"})

    class Meta:
        model = Staff
        fields: list[str] = []


class PostFilter(ListingFilterSet):
    q = SearchFilter(fields=("name", "note"))
    unit = UnitSubtreeFilter(label=_("单位"))
    kind = django_filters.CharFilter(label=_("岗位类型"))
    sort = SortFilter(fields={"name": "name", "required_staff": "required"})

    class Meta:
        model = Post
        fields: list[str] = []
