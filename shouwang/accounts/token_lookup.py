"""The user behind an API token, in one precompiled statement.

Every API call pays this lookup, so it is written once as SQL from the models' metadata rather
than compiled by the ORM on each request (`shouwang.precompiled`). The user and the unit come
back as model instances built as the ORM would build them; the columns not read here (the
password hash, the encrypted identifiers) are deferred and load on first access.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

from shouwang.precompiled import Columns, columns, prepared_cursor, split_row
from shouwang.units.models import Unit

from .models import ApiToken, User

# The user's columns an API call needs: who, with which role, in which unit, still active.
USER_FIELDS = ("id", "username", "full_name", "role", "unit", "is_active", "is_superuser")


@dataclass(frozen=True)
class TokenHolder:
    token_id: int
    last_used_at: datetime | None
    user: User


@cache
def _statement() -> tuple[str, tuple[Columns, Columns, Columns]]:
    quote = connection.ops.quote_name
    parts = (
        columns(ApiToken, "t", ("id", "last_used_at")),
        columns(User, "u", USER_FIELDS),
        columns(Unit, "n"),
    )
    sql = (
        f"SELECT {', '.join(column for part in parts for column in part.sql)} "
        f"FROM {quote(ApiToken._meta.db_table)} t "
        f"JOIN {quote(User._meta.db_table)} u ON u.{quote('id')} = t.{quote('user_id')} "
        f"LEFT JOIN {quote(Unit._meta.db_table)} n ON n.{quote('id')} = u.{quote('unit_id')} "
        f"WHERE t.{quote('token_hash')} = %s AND t.{quote('revoked_at')} IS NULL "
        f"AND t.{quote('expires_at')} > %s AND u.{quote('is_active')}"
    )
    return sql, parts


def token_holder(token_hash: str, now: datetime) -> TokenHolder | None:
    """The usable token with this hash and its active user (with the unit), or None."""
    sql, parts = _statement()
    with prepared_cursor() as cursor:
        cursor.execute(sql, [token_hash, now])
        row = cursor.fetchone()
    if row is None:
        return None
    token, user, unit = split_row(row, *parts)
    if unit is not None:
        User._meta.get_field("unit").set_cached_value(user, unit)
    return TokenHolder(token_id=token.pk, last_used_at=token.last_used_at, user=user)
