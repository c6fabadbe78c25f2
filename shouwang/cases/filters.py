"""The case list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.shell.periods import period_q
from shouwang.units.filters import UnitSubtreeFilter

from .models import Case, CaseParty, Decision

DECISION_QUERIES = {
    Decision.WARNING: Q(warning=True),
    Decision.FINE: Q(fine_amount__isnull=False),
    Decision.DETENTION: Q(detention_days__isnull=False),
    Decision.FORCED_CLOSURE: Q(forced_closure=True),
    Decision.CRIMINAL_TRANSFER: Q(criminal_transfer=True),
}


def case_query(text: str) -> Q:
    return (
        Q(facts__icontains=text)
        | Q(place__icontains=text)
        | Q(pk__in=CaseParty.objects.filter(name__icontains=text).values("case"))
    )


class CaseFilter(ListingFilterSet):
    q = SearchFilter(match=case_query)
    kind = django_filters.CharFilter(label=_("案件类别"))
    status = django_filters.CharFilter(label=_("状态"))
    unit = UnitSubtreeFilter(label=_("单位"))
    officer = IdFilter(field_name="officer_id", label=_("主办民警"))
    decision = django_filters.CharFilter(method="filter_decision", label=_("处理决定"))
    date_from = django_filters.DateFilter(method="filter_from", label=_("案发日期起"))
    date_to = django_filters.DateFilter(method="filter_to", label=_("案发日期止"))
    sort = SortFilter(fields={"occurred_at": "occurred", "opened_at": "opened"})

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_decision(self, queryset, name, value):
        query = DECISION_QUERIES.get(value)
        return queryset.filter(query) if query is not None else queryset

    def filter_from(self, queryset, name, value):
        return queryset.filter(period_q("occurred_at", value, None))

    def filter_to(self, queryset, name, value):
        return queryset.filter(period_q("occurred_at", None, value))
