from django.db.models import QuerySet

from shouwang.shell.listing import filtered

from .filters import StaffFilter
from .models import User


def staff_visible(user: User) -> QuerySet[User]:
    return User.objects.visible_to(user).select_related("unit")


def staff_listed(user: User) -> QuerySet[User]:
    """The staff the user may see, by unit (filtered by `filters.StaffFilter`)."""
    return staff_visible(user).order_by("unit__path", "username")


def staff_search(
    user: User, *, query: str = "", unit_id: str = "", role: str = ""
) -> QuerySet[User]:
    params = {"q": query, "unit": unit_id, "role": role}
    return filtered(StaffFilter, staff_listed(user), params, user=user)
