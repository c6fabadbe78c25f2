"""`manage.py check --deploy`: refuse keys that would not protect the personal data at rest.

The field-encryption key salts the Fernet keys of ID numbers and phones, the blind-index key
makes their searchable hashes; a short, reused or published key makes both guessable.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

MINIMUM_KEY_LENGTH = 32
MINIMUM_DISTINCT_CHARACTERS = 5

# Values written in this repository (test settings, examples): public, hence worthless.
PUBLISHED_VALUES = frozenset(
    {
        "test-secret-key-not-for-any-deployment-0123456789",
        "test-field-encryption-salt",
        "test-blind-index-key",
        "field-key-for-the-check",
        "index-key-for-the-check",
        "shouwang-demo",
        "changeme",
        "change-me",
        "secret",
    }
)

KEYS = (
    ("SALT_KEY", "SHOUWANG_FIELD_ENCRYPTION_KEY"),
    ("SHOUWANG_BLIND_INDEX_KEY", "SHOUWANG_BLIND_INDEX_KEY"),
)


def _key_problem(value: str, secret_key: str) -> str | None:
    if not value:
        return "未设置 (is empty)"
    if value in PUBLISHED_VALUES or value.lower() in PUBLISHED_VALUES:
        return "是公开的示例或测试值 (is a published demo/test value)"
    if len(value) < MINIMUM_KEY_LENGTH:
        return f"少于 {MINIMUM_KEY_LENGTH} 个字符 (is shorter than {MINIMUM_KEY_LENGTH} characters)"
    if len(set(value)) < MINIMUM_DISTINCT_CHARACTERS:
        return "字符种类过少 (has too few distinct characters)"
    if value == secret_key:
        return "与 SECRET_KEY 相同 (equals SECRET_KEY)"
    return None


@register(Tags.security, deploy=True)
def personal_data_keys_check(app_configs, **kwargs) -> list[Error]:
    errors = []
    secret_key = getattr(settings, "SECRET_KEY", "") or ""
    values = {}
    for setting, variable in KEYS:
        value = str(getattr(settings, setting, "") or "")
        values[variable] = value
        problem = _key_problem(value, secret_key)
        if problem:
            errors.append(
                Error(
                    f"{variable} {problem}",
                    hint='用 `python -c "import secrets; print(secrets.token_urlsafe(48))"` '
                    "生成，每个密钥各不相同，并妥善备份。",
                    id="accounts.E001",
                )
            )
    encryption, index = values.values()
    if encryption and encryption == index:
        errors.append(
            Error(
                "SHOUWANG_FIELD_ENCRYPTION_KEY 与 SHOUWANG_BLIND_INDEX_KEY 相同 "
                "(the encryption and blind-index keys must differ)",
                hint="两个密钥须各自生成：知道其一不应能得到另一个。",
                id="accounts.E002",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def allowed_hosts_check(app_configs, **kwargs) -> list[Error]:
    if settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS 为空 (ALLOWED_HOSTS is empty)",
            hint="设置环境变量 ALLOWED_HOSTS 为本系统的主机名，以逗号分隔。",
            id="accounts.E003",
        )
    ]
