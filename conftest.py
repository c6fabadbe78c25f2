"""Fixtures shared by every area: the demo bureau, its people, and API clients."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from shouwang.accounts.models import User
from shouwang.accounts.services import api_token_issue
from shouwang.demo import bureau as demo_bureau


@pytest.fixture(autouse=True)
def chinese_after_each_test():
    """A request with the English cookie switches the thread's language; the next test starts in Chinese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def bureau(db):
    """The demo tree; keys are unit names, e.g. units["城关派出所"]."""
    return demo_bureau.load_units()


@pytest.fixture
def staff(bureau):
    """Demo accounts by username: commander, chief1/chief2 (sibling stations), officer1, …"""
    demo_bureau.load_accounts(bureau)
    return {user.username: user for user in User.objects.select_related("unit")}


@pytest.fixture
def login_as(staff):
    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(staff[username])
        return client

    return client_for


class ApiClient(Client):
    """A test client that sends a bearer token with every request."""

    def __init__(self, token: str):
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {token}")

    def post_json(self, path, data):
        return self.post(path, data, content_type="application/json")

    def put_json(self, path, data):
        return self.put(path, data, content_type="application/json")

    def patch_json(self, path, data):
        return self.patch(path, data, content_type="application/json")


@pytest.fixture
def api_as(staff):
    def client_for(username: str) -> ApiClient:
        _token, raw = api_token_issue(user=staff[username], name="test")
        return ApiClient(raw)

    return client_for
