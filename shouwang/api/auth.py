from ninja.security import HttpBearer, SessionAuth

from shouwang.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sw_…`: a personal token, usable until it expires or is revoked."""

    def authenticate(self, request, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """The browser's own session, so pages and the OpenAPI console can call the API too."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and user.unit_id is None:
            return None
        return user
