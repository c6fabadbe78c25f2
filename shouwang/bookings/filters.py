"""The day list's filters, shared by the page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import SearchFilter

from .models import Booking, BookingStatus


def booking_query(text: str) -> Q:
    """A code, a mobile (through its blind index) or part of a name."""
    by_person = identifier_query(text, id_field=None, phone_field="phone_index", name_field="name")
    code = text.replace("-", "").upper()
    return by_person | Q(code=code) if len(code) == 8 else by_person


class BookingFilter(django_filters.FilterSet):
    q = SearchFilter(match=booking_query)
    status = django_filters.ChoiceFilter(
        field_name="status", choices=BookingStatus.choices, label=_("状态")
    )

    class Meta:
        model = Booking
        fields: list[str] = []
