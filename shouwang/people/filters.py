"""The people list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.identity import IdentityError, normalize_mobile, parse_id_number, to_simplified
from shouwang.privacy.fields import blind_index
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter

from .models import Person


def person_query(query: str) -> Q:
    """A full ID number or a phone through its blind index; anything else part of a name."""
    try:
        return Q(id_number_index=blind_index(parse_id_number(query).number, purpose="id_number"))
    except IdentityError:
        pass
    try:
        return Q(phone_index=blind_index(normalize_mobile(query), purpose="phone"))
    except IdentityError:
        pass
    return Q(name__contains=to_simplified(query))


class PersonFilter(ListingFilterSet):
    q = SearchFilter(match=person_query)
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
