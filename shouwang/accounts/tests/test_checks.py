"""`check --deploy` refuses weak personal-data keys and an empty ALLOWED_HOSTS."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from config.tests.test_settings import PRODUCTION_ENV, _manage
from shouwang.accounts.checks import allowed_hosts_check, personal_data_keys_check

SECRET = "S3cr3t-Key-For-Django-Signing-0123456789-abcdefghijklmnop"
STRONG_A = "Fk3vR9wQ2mZx7LpT4nHb8YcJ6sDe1GaU5oKi0Wq"
STRONG_B = "Bi7Np2XrT9vK4mQz8LwH3cYs6FjD1eGa5UoR0Jt"


def _messages(salt: str, index: str) -> list[str]:
    with override_settings(SECRET_KEY=SECRET, SALT_KEY=salt, SHOUWANG_BLIND_INDEX_KEY=index):
        return [error.msg for error in personal_data_keys_check(None)]


def test_strong_distinct_keys_pass():
    assert _messages(STRONG_A, STRONG_B) == []


@pytest.mark.parametrize(
    ("salt", "expected"),
    [
        ("", "SHOUWANG_FIELD_ENCRYPTION_KEY 未设置 (is empty)"),
        (
            "short-key-0123456789",
            "SHOUWANG_FIELD_ENCRYPTION_KEY 少于 32 个字符 (is shorter than 32 characters)",
        ),
        ("ab" * 20, "SHOUWANG_FIELD_ENCRYPTION_KEY 字符种类过少 (has too few distinct characters)"),
        (SECRET, "SHOUWANG_FIELD_ENCRYPTION_KEY 与 SECRET_KEY 相同 (equals SECRET_KEY)"),
        (
            "test-field-encryption-salt",
            "SHOUWANG_FIELD_ENCRYPTION_KEY 是公开的示例或测试值 (is a published demo/test value)",
        ),
    ],
)
def test_a_weak_encryption_key_is_refused(salt, expected):
    assert _messages(salt, STRONG_B) == [expected]


def test_a_weak_blind_index_key_is_refused():
    assert _messages(STRONG_A, "test-blind-index-key") == [
        "SHOUWANG_BLIND_INDEX_KEY 是公开的示例或测试值 (is a published demo/test value)"
    ]


def test_the_two_keys_must_differ():
    assert _messages(STRONG_A, STRONG_A) == [
        "SHOUWANG_FIELD_ENCRYPTION_KEY 与 SHOUWANG_BLIND_INDEX_KEY 相同 "
        "(the encryption and blind-index keys must differ)"
    ]


def test_an_empty_allowed_hosts_is_refused():
    with override_settings(ALLOWED_HOSTS=[]):
        assert [error.id for error in allowed_hosts_check(None)] == ["accounts.E003"]
    with override_settings(ALLOWED_HOSTS=["shouwang.example.internal"]):
        assert allowed_hosts_check(None) == []


def test_check_deploy_fails_on_weak_keys_and_empty_hosts():
    env = {
        **PRODUCTION_ENV,
        "SHOUWANG_FIELD_ENCRYPTION_KEY": "field-key",
        "SHOUWANG_BLIND_INDEX_KEY": "field-key",
        "ALLOWED_HOSTS": ",",
    }
    result = _manage(["check", "--deploy"], env)
    assert result.returncode == 1
    for expected in (
        "accounts.E001) SHOUWANG_FIELD_ENCRYPTION_KEY 少于 32 个字符",
        "accounts.E001) SHOUWANG_BLIND_INDEX_KEY 少于 32 个字符",
        "accounts.E002) SHOUWANG_FIELD_ENCRYPTION_KEY 与 SHOUWANG_BLIND_INDEX_KEY 相同",
        "accounts.E003) ALLOWED_HOSTS 为空",
    ):
        assert expected in result.stderr, result.stderr


def test_plain_check_does_not_run_the_deploy_checks():
    # Workstations run with generated keys; only a deployment must pass the strict checks.
    with override_settings(SALT_KEY="", SHOUWANG_BLIND_INDEX_KEY=""):
        assert [
            e.id
            for e in run_checks(include_deployment_checks=False)
            if e.id in {"accounts.E001", "accounts.E002", "accounts.E003"}
        ] == []
