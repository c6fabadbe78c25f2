"""The rumour list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import ListingFilterSet, SearchFilter, SortFilter
from shouwang.units.filters import UnitSubtreeFilter

from .models import Rumour


def rumour_query(text: str) -> Q:
    """The search box finds a rumour by any of its words, in Simplified or Traditional."""
    return Q(claim__icontains=text) | Q(aliases__icontains=text) | Q(rebuttal__icontains=text)


class RumourFilter(ListingFilterSet):
    q = SearchFilter(match=rumour_query)
    category = django_filters.CharFilter(label=_("类别"))
    status = django_filters.CharFilter(label=_("状态"))
    unit = UnitSubtreeFilter(label=_("单位"))
    sort = SortFilter(
        fields={"updated_at": "updated", "times_seen": "seen", "first_seen": "first_seen"}
    )

    class Meta:
        model = Rumour
        fields: list[str] = []
