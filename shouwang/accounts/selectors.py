from contextlib import suppress

from django.db.models import Q, QuerySet

from shouwang.identity import IdentityError, normalize_mobile, to_simplified
from shouwang.privacy.fields import blind_index

from .models import User
from .roles import Capability


def staff_visible(user: User) -> QuerySet[User]:
    return User.objects.visible_to(user).select_related("unit")


def staff_search(
    user: User, *, query: str = "", unit_id: str = "", role: str = ""
) -> QuerySet[User]:
    staff = staff_visible(user)
    if unit_id:
        staff = staff.filter(unit_id=unit_id)
    if role:
        staff = staff.filter(role=role)
    query = to_simplified(query.strip())
    if query:
        matches = Q(full_name__icontains=query) | Q(police_number__icontains=query)
        # Matching on usernames would reveal them, one letter at a time, to anyone.
        if user.has_capability(Capability.MANAGE_USERS):
            matches |= Q(username__icontains=query)
        with suppress(IdentityError):
            matches |= Q(phone_index=blind_index(normalize_mobile(query), purpose="phone"))
        staff = staff.filter(matches)
    return staff.order_by("unit__path", "username")
