from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer, SessionAuth

from shouwang.accounts.services import api_token_user, second_factor_required
from shouwang.units.policy import SIGNED_IN, Rule, policy_of
from shouwang.units.scoping import NO_UNIT_REFUSAL, has_jurisdiction


class PolicyGuard:
    """Refuses, with 403 and before the body is read, a signed-in user lacking the rule."""

    def __init__(self, rule: Rule = SIGNED_IN, **kwargs):
        self.policy = policy_of(rule)
        super().__init__(**kwargs)

    def guard(self, user):
        if user and not has_jurisdiction(user):
            # Every operation works within the user's unit: without one, nothing to answer.
            raise PermissionDenied(NO_UNIT_REFUSAL)
        if user and not self.policy.allows(user):
            raise PermissionDenied(self.policy.refusal())
        return user


class TokenAuth(PolicyGuard, HttpBearer):
    """`Authorization: Bearer sw_…`: a personal token, usable until it expires or is revoked."""

    def authenticate(self, request, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return self.guard(user)


class SignedInSession(PolicyGuard, SessionAuth):
    """The browser's own session, so pages and the OpenAPI console can call the API too."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        # A password-only session of a role that must prove a second factor is not signed in
        # (the middleware refuses it first; this holds should the middleware be bypassed).
        if user is not None and second_factor_required(user) and not user.is_verified():
            return None
        return self.guard(user)


def api_guard(rule: Rule = SIGNED_IN) -> list:
    """`auth=` of an API operation: token or session, then the action's rule (else 403)."""
    return [TokenAuth(rule), SignedInSession(rule)]
