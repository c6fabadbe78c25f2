"""The user behind an API token, in one precompiled statement.

Every API call pays this lookup, so it is written once as SQL from the models' metadata rather
than compiled by the ORM on each request (the compilation of a three-table `select_related`
cost as much as the statement itself). The user and the unit come back as model instances
built with `from_db`, as the ORM would build them; the columns not read here (the password
hash, the encrypted identifiers) are deferred and load on first access.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

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
def _statement() -> tuple[str, list[str], list[str]]:
    quote = connection.ops.quote_name
    # `from_db` takes a subset of the columns in the model's own field order.
    wanted = {User._meta.get_field(name).attname for name in USER_FIELDS}
    user_fields = [f.attname for f in User._meta.concrete_fields if f.attname in wanted]
    unit_fields = [field.attname for field in Unit._meta.concrete_fields]
    user_columns = [f"u.{quote(User._meta.get_field(a).column)}" for a in user_fields]
    unit_columns = [f"n.{quote(field.column)}" for field in Unit._meta.concrete_fields]
    token = ApiToken._meta
    sql = (
        f"SELECT t.{quote('id')}, t.{quote('last_used_at')}, "
        f"{', '.join(user_columns + unit_columns)} "
        f"FROM {quote(token.db_table)} t "
        f"JOIN {quote(User._meta.db_table)} u ON u.{quote('id')} = t.{quote('user_id')} "
        f"LEFT JOIN {quote(Unit._meta.db_table)} n ON n.{quote('id')} = u.{quote('unit_id')} "
        f"WHERE t.{quote('token_hash')} = %s AND t.{quote('revoked_at')} IS NULL "
        f"AND t.{quote('expires_at')} > %s AND u.{quote('is_active')}"
    )
    columns = [
        ApiToken._meta.get_field("id"),
        ApiToken._meta.get_field("last_used_at"),
        *(User._meta.get_field(name) for name in user_fields),
        *Unit._meta.concrete_fields,
    ]
    return sql, user_fields, unit_fields, [_converters(field) for field in columns]


def _converters(field) -> list:
    """What the ORM applies to a column read back (SQLite's datetimes made aware, for one)."""
    column = field.get_col(field.model._meta.db_table)
    found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return [(converter, column) for converter in found]


def _convert(value, steps):
    for converter, column in steps:
        value = converter(value, column, connection)
    return value


def token_holder(token_hash: str, now: datetime) -> TokenHolder | None:
    """The usable token with this hash and its active user (with the unit), or None."""
    sql, user_attnames, unit_attnames, converters = _statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash, now])
        row = cursor.fetchone()
    if row is None:
        return None
    row = [_convert(value, steps) for value, steps in zip(row, converters, strict=True)]
    token_id, last_used_at, *rest = row
    user_values, unit_values = rest[: len(user_attnames)], rest[len(user_attnames) :]
    user = User.from_db(connection.alias, user_attnames, user_values)
    if unit_values[0] is not None:
        unit = Unit.from_db(connection.alias, unit_attnames, unit_values)
        User._meta.get_field("unit").set_cached_value(user, unit)
    return TokenHolder(token_id=token_id, last_used_at=last_used_at, user=user)
