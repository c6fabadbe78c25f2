"""Statements written once from the models' metadata, for the paths every request takes.

The ORM compiles a queryset on each call; for a three-table `select_related` with a filter on
a materialised path, the compilation costs as much as the statement itself. The few reads that
every API call or every registration makes (the token's holder, the checkpoint registered at)
are therefore written here once as SQL from the models' own metadata, and their rows come back
as model instances built with `from_db`, through the converters the ORM would apply (SQLite's
datetimes made aware, for one). Columns not read are deferred, as with `only()`.

They run through `prepared_cursor`: on PostgreSQL the server binds their parameters, so the
driver prepares each of them once per connection and the server stops parsing and planning
them on every call, which cost more than running them.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models


@dataclass(frozen=True)
class Columns:
    """Some columns of a model under a table alias, and how to read them back."""

    model: type[models.Model]
    attnames: tuple[str, ...]
    sql: tuple[str, ...]
    converters: tuple[tuple, ...]

    def instance(self, values: Sequence[Any]) -> models.Model | None:
        """The model instance of `values` (in `attnames` order), None for a row not joined."""
        if values[0] is None:  # the primary key: a LEFT JOIN found nothing
            return None
        converted = [
            _convert(value, steps) for value, steps in zip(values, self.converters, strict=True)
        ]
        return self.model.from_db(connection.alias, list(self.attnames), converted)


def columns(model: type[models.Model], alias: str, names: Iterable[str] | None = None) -> Columns:
    """The model's concrete columns (or those of the fields `names`, the primary key first)
    as `alias."column"`, in the model's field order as `from_db` takes them."""
    if names is None:
        fields = list(model._meta.concrete_fields)
    else:
        wanted = {model._meta.get_field(name).attname for name in names}
        fields = [field for field in model._meta.concrete_fields if field.attname in wanted]
    if not fields or not fields[0].primary_key:
        raise ValueError(f"{model.__name__}: the primary key comes first")
    quote = connection.ops.quote_name
    return Columns(
        model=model,
        attnames=tuple(field.attname for field in fields),
        sql=tuple(f"{alias}.{quote(field.column)}" for field in fields),
        converters=tuple(converters(field) for field in fields),
    )


def converters(field: models.Field) -> tuple:
    """What the ORM applies to a column of `field` read back."""
    column = field.get_col(field.model._meta.db_table)
    found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return tuple((converter, column) for converter in found)


def _convert(value: Any, steps: tuple) -> Any:
    for converter, column in steps:
        value = converter(value, column, connection)
    return value


def split_row(row: Sequence[Any], *parts: Columns) -> list[models.Model | None]:
    """The instances of one row made of `parts`' columns, in order."""
    found, start = [], 0
    for part in parts:
        end = start + len(part.attnames)
        found.append(part.instance(row[start:end]))
        start = end
    return found


def startswith_sql(column_sql: str, prefix: str) -> tuple[str, list]:
    """`column_sql` starts with `prefix`, as `__startswith` writes it on this database."""
    pattern = connection.ops.prep_for_like_query(prefix) + "%"
    return f"{column_sql} {connection.operators['startswith'] % '%s'}", [pattern]


@contextmanager
def prepared_cursor() -> Iterator[Any]:
    """A cursor for the statements of this module: on PostgreSQL its parameters are bound by
    the server, and psycopg prepares a statement once it has run `prepare_threshold` times on
    the connection (`DATABASE_PREPARED_STATEMENTS`, config/settings/base.py); elsewhere, and
    with prepared statements off, an ordinary cursor.

    Django's own cursors bind on the client (the ORM's statements differ on every call, so
    preparing them would gain nothing); this one is made and wrapped as they are (the
    connection's time zone, execute wrappers, error translation, query logging, which shows the
    statement with its placeholders since its parameters travel apart).
    """
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` looks it up on every use
    if db.vendor != "postgresql" or db.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with db.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql import base
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        driver_cursor = base.ServerBindingCursor(db.connection)
        loader = db.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
        if db.timezone != loader.timezone:
            register_tzloader(db.timezone, driver_cursor)
    if db.queries_logged:
        wrapped = _logged_with_placeholders()(driver_cursor, db)
    else:
        wrapped = db.make_cursor(driver_cursor)
    with wrapped as cursor:
        yield cursor


@cache
def _logged_with_placeholders() -> type:
    from django.db.backends.postgresql.base import CursorDebugWrapper

    class LoggedWithPlaceholders(CursorDebugWrapper):
        """Django's query log, with the statement as sent: the driver keeps no text of a
        server-bound statement for Django to show with its values."""

        def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
            return super().debug_sql(sql, params, use_last_executed_query=False, many=many)

    return LoggedWithPlaceholders
