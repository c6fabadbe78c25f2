"""The unit list's filters, shared by the page and its export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import SearchFilter

from .models import Unit


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.CharFilter(label=_("类型"))
    q = SearchFilter(fields=("name",))

    class Meta:
        model = Unit
        fields: list[str] = []
