"""Small helpers shared by the people pages."""

from django.core.exceptions import PermissionDenied

from shouwang.accounts.roles import Capability


def may_manage(user) -> bool:
    return user.has_capability(Capability.MANAGE_PEOPLE)


def require_view(user) -> None:
    if not user.has_capability(Capability.VIEW_PEOPLE):
        raise PermissionDenied
