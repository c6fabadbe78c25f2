"""The staff directory's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter

from .models import User
from .roles import Capability


class StaffFilter(ListingFilterSet):
    q = SearchFilter(match="staff_query")
    unit = IdFilter(field_name="unit_id", label=_("单位"))
    role = django_filters.CharFilter(label=_("角色"))
    sort = SortFilter(fields={"unit__path": "unit", "full_name": "name"})

    class Meta:
        model = User
        fields: list[str] = []

    def staff_query(self, text: str) -> Q:
        """A member by full ID number, phone or part of the name (the one person search), or
        by police number; by username too for those who manage accounts."""
        matches = identifier_query(text, name_field="full_name")
        matches |= Q(police_number__icontains=text)
        # Matching on usernames would reveal them, one letter at a time, to anyone.
        if self.user is not None and self.user.has_capability(Capability.MANAGE_USERS):
            matches |= Q(username__icontains=text)
        return matches
