"""Writing many rows and their history at once: COPY on PostgreSQL, bulk_create elsewhere.

An import of 100,000 rows spends most of its time in the ORM's per-object work; COPY with
pre-reserved ids and values encrypted once (shared by the row and its history row) skips it.
"""

from typing import Any

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from shouwang.privacy.fields import EncryptedCharField

BATCH = 2000


def insert_with_history(
    model: type[models.Model], rows: list[dict[str, Any]], *, actor: Any, reason: str
) -> list[int]:
    """Insert `rows` (dicts keyed by attname) with a "+" history row each; returns their ids."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = bulk_create_with_history(
            [model(**row) for row in rows],
            model,
            batch_size=BATCH,
            default_user=actor,
            default_change_reason=reason,
        )
        return [obj.pk for obj in created]
    now = timezone.now()
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {
        field.attname: now
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False)
        else field.get_default()
        for field in fields
    }
    encrypted = {f.attname: f for f in fields if isinstance(f, EncryptedCharField)}
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ["id", *(field.attname for field in fields)]
        prepared = []
        for pk, row in zip(ids, rows, strict=True):
            values = {**defaults, **row, "id": pk}
            for name, field in encrypted.items():
                values[name] = field.get_prep_value(values[name])
            prepared.append([values[column] for column in columns])
        _copy(cursor, table, columns, prepared)
        history = model.history.model
        history_columns = [
            f.attname for f in history._meta.concrete_fields if f.attname != "history_id"
        ]
        extras = {
            "history_date": now,
            "history_change_reason": reason,
            "history_type": "+",
            "history_user_id": actor.pk if actor else None,
        }
        positions = {column: index for index, column in enumerate(columns)}
        history_rows = [
            [values[positions[c]] if c in positions else extras[c] for c in history_columns]
            for values in prepared
        ]
        _copy(cursor, history._meta.db_table, history_columns, history_rows)
    return ids


def _copy(cursor, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    quoted = ", ".join(f'"{column}"' for column in columns)
    with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows without history (COPY on PostgreSQL); ids are left to the database."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    columns = [field.attname for field in fields]
    with connection.cursor() as cursor:
        _copy(
            cursor,
            model._meta.db_table,
            columns,
            [[{**defaults, **row}[column] for column in columns] for row in rows],
        )
