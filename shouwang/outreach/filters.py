"""The outreach lists' filters, shared by the pages, their exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.shell.periods import period_q
from shouwang.units.filters import UnitSubtreeFilter
from shouwang.units.models import Unit

from .models import Bulletin, ResidentGroup, near_capacity


def bulletin_query(text: str) -> Q:
    return Q(title__icontains=text) | Q(body__icontains=text)


class BulletinFilter(ListingFilterSet):
    q = SearchFilter(match=bulletin_query)
    unit = UnitSubtreeFilter(label=_("单位"))
    status = django_filters.CharFilter(label=_("状态"))
    kind = django_filters.CharFilter(label=_("类别"))
    # The period is the day of publication: drafts never published match no period.
    date_from = django_filters.DateFilter(method="filter_period", label=_("发布日期起"))
    date_to = django_filters.DateFilter(method="filter_period", label=_("发布日期止"))
    author = IdFilter(field_name="created_by_id", label=_("起草人"))
    # The figures' drill-down: a unit's own records (not its subtree's), those ever published.
    unit_only = IdFilter(field_name="unit_id", label=_("本级单位"))
    published = django_filters.CharFilter(method="filter_published", label=_("已发布过"))
    sort = SortFilter(fields={"created_at": "created", "published_at": "published"})

    class Meta:
        model = Bulletin
        fields: list[str] = []

    def filter_published(self, queryset, name, value):
        if value == "1":
            return queryset.filter(published_at__isnull=False)
        return queryset

    def filter_period(self, queryset, name, value):
        if name == "date_from":
            return queryset.filter(period_q("published_at", value, None))
        return queryset.filter(period_q("published_at", None, value))


class PublicBulletinFilter(django_filters.FilterSet):
    """Residents' filter: the search box and their own unit (bulletins addressed to it or above)."""

    q = SearchFilter(match=bulletin_query)
    unit = IdFilter(method="filter_unit", label=_("单位"))

    class Meta:
        model = Bulletin
        fields: list[str] = []

    def filter_unit(self, queryset, name, value):
        unit = Unit.objects.filter(pk=value).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(
            pk__in=Bulletin.audience_units.through.objects.filter(
                unit_id__in=unit.ancestor_ids
            ).values("bulletin_id")
        )


def group_query(text: str) -> Q:
    return (
        Q(name__icontains=text)
        | Q(note__icontains=text)
        | Q(admin_officer__full_name__icontains=text)
    )


class ResidentGroupFilter(ListingFilterSet):
    q = SearchFilter(match=group_query)
    unit = UnitSubtreeFilter(label=_("单位"))
    platform = django_filters.CharFilter(label=_("平台"))
    admin = IdFilter(field_name="admin_officer_id", label=_("群管理民警"))
    near = django_filters.CharFilter(method="filter_near", label=_("接近上限"))
    unit_only = IdFilter(field_name="unit_id", label=_("本级单位"))
    sort = SortFilter(fields={"name": "name", "member_count": "members"})

    class Meta:
        model = ResidentGroup
        fields: list[str] = []

    def filter_near(self, queryset, name, value):
        answer = {"1": True, "0": False}.get(value)
        if answer is None:
            return queryset
        return queryset.filter(near_capacity()) if answer else queryset.exclude(near_capacity())
