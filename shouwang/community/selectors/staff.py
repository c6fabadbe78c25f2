"""The officers a user may name as visitors, point staff or building captains: his own."""

from typing import Any

from django.db.models import QuerySet

from shouwang.accounts.models import User
from shouwang.accounts.roles import ROLE_CAPABILITIES, Capability
from shouwang.units.scoping import scope_path_of


def field_staff(user: Any) -> QuerySet[User]:
    """Active users of the user's unit and below who do community work."""
    path = scope_path_of(user)
    if path is None:
        return User.objects.none()
    roles = [role for role, held in ROLE_CAPABILITIES.items() if Capability.WORK_COMMUNITY in held]
    return (
        User.objects.filter(is_active=True, role__in=roles, unit__path__startswith=path)
        .select_related("unit")
        .order_by("unit__path", "full_name", "username")
    )
