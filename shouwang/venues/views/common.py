"""What the venue pages share: fetching within the user's scope, the units and officers he may pick."""

from django.db.models import QuerySet

from shouwang.accounts.models import User
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Venue


def venue_or_404(request, pk: int) -> Venue:
    return get_visible_or_404(Venue.objects.select_related("unit", "officer"), request.user, pk=pk)


def units_of(user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(is_active=True)


def officers_of(user) -> QuerySet[User]:
    return User.objects.visible_to(user).filter(is_active=True).order_by("unit__path", "username")
