"""What the patrols pages share: the units, staff and vehicles a user may pick."""

from django.db.models import QuerySet

from shouwang.accounts.models import User
from shouwang.units.models import Unit

from ..models import Vehicle


def units_of(user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(is_active=True)


def officers_of(user) -> QuerySet[User]:
    return User.objects.visible_to(user).filter(is_active=True).order_by("unit__path", "username")


def vehicles_of(user) -> QuerySet[Vehicle]:
    return Vehicle.objects.visible_to(user).select_related("unit")
