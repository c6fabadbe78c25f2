"""The unit list's filters, shared by the page and its export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from shouwang.shell.listing import IdFilter, SearchFilter

from .models import Unit


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.CharFilter(label=_("类型"))
    q = SearchFilter(fields=("name",))

    class Meta:
        model = Unit
        fields: list[str] = []


class UnitSubtreeFilter(IdFilter):
    """`?unit=12`: the records of that unit and the units below it (a station with its posts).

    Narrows a list that is already scoped to the user (`visible_to`), so naming a unit out of
    reach finds nothing; an id no unit has finds nothing either.
    """

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        path = Unit.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return qs.none()
        field = getattr(qs.model, "scope_path_field", "unit__path")
        return qs.filter(**{f"{field}__startswith": path})
