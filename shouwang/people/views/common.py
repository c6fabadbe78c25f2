"""Small helpers shared by the people pages."""

from shouwang.accounts.roles import Capability


def may_manage(user) -> bool:
    return user.has_capability(Capability.MANAGE_PEOPLE)
