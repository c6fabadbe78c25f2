"""What the outreach pages share: fetching within the user's scope, the units and officers he may pick."""

from django.db.models import QuerySet

from shouwang.accounts.models import User
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import Bulletin, ResidentGroup


def bulletin_or_404(request, pk: int) -> Bulletin:
    return get_visible_or_404(
        Bulletin.objects.select_related("unit", "created_by"), request.user, pk=pk
    )


def group_or_404(request, pk: int) -> ResidentGroup:
    return get_visible_or_404(
        ResidentGroup.objects.select_related("unit", "admin_officer"), request.user, pk=pk
    )


def units_of(user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(is_active=True)


def officers_of(user) -> QuerySet[User]:
    return User.objects.visible_to(user).filter(is_active=True).order_by("unit__path", "username")
