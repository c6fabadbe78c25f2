"""Statements written once from the models' metadata, for the paths every request takes.

The ORM compiles a queryset on each call; for a three-table `select_related` with a filter on
a materialised path, the compilation costs as much as the statement itself. The few reads that
every API call or every registration makes (the token's holder, the checkpoint registered at)
are therefore written here once as SQL from the models' own metadata, and their rows come back
as model instances built with `from_db`, through the converters the ORM would apply (SQLite's
datetimes made aware, for one). Columns not read are deferred, as with `only()`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models


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
