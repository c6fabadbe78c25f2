"""The statements every request runs: prepared once per connection on PostgreSQL, logged and
answered as the ORM's are, and still refusing what changed after they were prepared."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shouwang.accounts.models import ApiToken, User
from shouwang.accounts.services import api_token_issue, api_token_user
from shouwang.precompiled import prepared_cursor

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared_token_statements() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements "
            "WHERE statement LIKE '%%accounts_apitoken%%' AND statement LIKE '%%token_hash%%'"
        )
        return cursor.fetchone()[0]


@on_postgresql
def test_the_token_statement_is_prepared_once_on_a_connection(staff):
    _token, raw = api_token_issue(user=staff["officer1"], name="test")
    for _ in range(5):
        assert api_token_user(raw) == staff["officer1"]
    assert _prepared_token_statements() == 1
    for _ in range(5):
        api_token_user(raw)
    assert _prepared_token_statements() == 1


@on_postgresql
def test_a_token_revoked_after_its_statement_was_prepared_is_refused(staff):
    token, raw = api_token_issue(user=staff["officer1"], name="test")
    for _ in range(5):
        assert api_token_user(raw) == staff["officer1"]
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert api_token_user(raw) is None
    _token, chiefs = api_token_issue(user=staff["chief1"], name="test")
    for _ in range(5):
        assert api_token_user(chiefs) == staff["chief1"]
    User.objects.filter(pk=staff["chief1"].pk).update(is_active=False)
    assert api_token_user(chiefs) is None


def test_its_statements_are_logged_as_the_orms_are(staff):
    _token, raw = api_token_issue(user=staff["officer1"], name="test")
    api_token_user(raw)  # its first use stamps the token: one more statement
    with CaptureQueriesContext(connection) as captured:
        user = api_token_user(raw)
    assert user.unit.name == "城关派出所"
    assert len(captured) == 1
    assert "token_hash" in captured[0]["sql"]  # the statement, with or without its values


@on_postgresql
def test_with_prepared_statements_off_it_is_an_ordinary_cursor(db, monkeypatch):
    options = {
        key: value
        for key, value in connection.settings_dict["OPTIONS"].items()
        if key != "prepare_threshold"
    }
    with prepared_cursor() as cursor:
        assert type(cursor.cursor).__name__ == "ServerBindingCursor"
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    with prepared_cursor() as cursor:
        assert type(cursor.cursor).__name__ == "Cursor"  # Django's, binding on the client
        cursor.execute("SELECT %s::int + 1", [41])
        assert cursor.fetchone() == (42,)
