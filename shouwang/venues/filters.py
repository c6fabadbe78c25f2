"""The venue lists' filters, shared by the pages, the export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter
from shouwang.units.filters import UnitSubtreeFilter

from .models import ClosureOrder, Venue


def venue_query(text: str) -> Q:
    """A mobile finds the owner's venues through its blind index; other text, names and places."""
    by_phone = identifier_query(
        text, id_field=None, phone_field="owner_phone_index", name_field=None
    )
    if by_phone != Q(pk__in=[]):
        return by_phone
    return (
        Q(name__icontains=text)
        | Q(address__icontains=text)
        | Q(owner_name__icontains=text)
        | Q(credit_code=text.upper())
    )


class VenueFilter(ListingFilterSet):
    q = SearchFilter(match=venue_query)
    unit = UnitSubtreeFilter(label=_("单位"))
    kind = django_filters.CharFilter(label=_("场所类别"))
    status = django_filters.CharFilter(label=_("状态"))
    officer = IdFilter(field_name="officer_id", label=_("责任民警"))
    sort = SortFilter(fields={"name": "name", "status_changed_at": "changed"})

    class Meta:
        model = Venue
        fields: list[str] = []


class ClosureOrderFilter(ListingFilterSet):
    q = SearchFilter(fields=("document_number", "legal_basis"))
    unit = UnitSubtreeFilter(label=_("单位"))

    class Meta:
        model = ClosureOrder
        fields: list[str] = []
