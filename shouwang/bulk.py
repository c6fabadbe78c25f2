"""Writing many validated rows at once: COPY on PostgreSQL, executemany on SQLite.

The ORM's `bulk_create` spends most of a large insert preparing each value of each model
instance (and splits it into many INSERTs on SQLite). Batch ingest of passages and list imports
of people write rows that their services have already validated, so they come here as dicts
keyed by attname and go straight into the table. Values are prepared the way the ORM would
(encrypted fields through their own `get_db_prep_save`); a field left out takes its default.

`insert_rows` writes no history: the passages' creation is recorded by the row itself and
`shouwang.audit.history.history_record_creation` writes the entry before a first change.
`insert_with_history` adds the creation entries at once, for records changed by many services.
"""

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Field classes whose Python values the drivers take as they are (for integer foreign keys,
# the id). Every other field goes through its own get_db_prep_save, e.g. encrypted ones.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.DecimalField,  # the SQLite backend registers an adapter for Decimal
)
_INTEGER_KEYS = (models.AutoField, models.BigAutoField)


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a value of `field` becomes a driver parameter; None when it is taken as it is."""
    kind = type(field)
    sqlite = connection.vendor == "sqlite"
    if kind in _PLAIN:
        return None
    if isinstance(field, models.ForeignKey) and type(field.target_field) in _INTEGER_KEYS:
        return None
    if kind is models.DateTimeField:
        return _sqlite_datetime() if sqlite else None
    if kind is models.DateField:
        return connection.ops.adapt_datefield_value if sqlite else None
    if kind is models.UUIDField:
        return None if connection.features.has_native_uuid_field else _uuid_hex
    return lambda value: field.get_db_prep_save(value, connection)


def _uuid_hex(value: Any) -> str:
    return value.hex


def _sqlite_datetime() -> Callable[[Any], Any]:
    """The SQLite backend's datetime adaptation, remembering the last value: a batch stores
    the same creation time in every row."""
    adapt = connection.ops.adapt_datetimefield_value
    last: list = [None, None]

    def convert(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return convert


class _Table:
    """One table's insertable columns, their defaults and driver conversions."""

    def __init__(self, model: type[models.Model], with_pk: bool):
        self.table = model._meta.db_table
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if with_pk or not (field.primary_key and isinstance(field, _INTEGER_KEYS))
        ]
        self.attnames = [field.attname for field in self.fields]
        # What Model.__init__ gives a field left out: its default, "" or None.
        self.defaults = {field.attname: field.get_default() for field in self.fields}
        self.stamped = [
            field.attname
            for field in self.fields
            if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False)
        ]
        self.pick = itemgetter(*self.attnames)
        self.types: list[int] | None = None
        self.convert = [
            (position, convert)
            for position, field in enumerate(self.fields)
            if (convert := _converter(field)) is not None
        ]

    def rows(self, records: Iterable[dict], now: Any) -> list[list]:
        """Rows in column order; missing keys take the default, creation stamps `now`."""
        rows = []
        defaults = {**self.defaults, **dict.fromkeys(self.stamped, now)}
        pick, convert = self.pick, self.convert
        for record in records:
            row = list(pick({**defaults, **record}))
            for position, function in convert:
                if row[position] is not None:
                    row[position] = function(row[position])
            rows.append(row)
        return rows

    def write(self, rows: list[list]) -> None:
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Binary COPY: values go out in their wire format, with no text to build
                # and parse on either side; it needs each column's type, read once.
                types = self._column_types(cursor)
                statement = f"COPY {quote(self.table)} ({names}) FROM STDIN (FORMAT BINARY)"
                # The driver's own cursor: its errors become Django's (IntegrityError…).
                with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
                    copy.set_types(types)
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})", rows
                )

    def _column_types(self, cursor: Any) -> list[int]:
        """The PostgreSQL type of each column, in column order, from the catalogue."""
        if self.types is None:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass",
                [self.table],
            )
            by_name = dict(cursor.fetchall())
            self.types = [by_name[field.column] for field in self.fields]
        return self.types


_tables: dict[tuple[str, str, bool], _Table] = {}


def _table(model: type[models.Model], with_pk: bool) -> _Table:
    # Converters depend on the database: one description per model and vendor.
    key = (model._meta.label, connection.vendor, with_pk)
    if key not in _tables:
        _tables[key] = _Table(model, with_pk=with_pk)
    return _tables[key]


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids taken ahead from the table's sequence on PostgreSQL, so COPY can carry them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _last_ids(count: int) -> list[int]:
    """Ids SQLite gave the rows just inserted by this connection.

    A writing SQLite transaction holds the database's only write lock, so the rows of one
    executemany take consecutive rowids ending at last_insert_rowid().
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


def _insert(
    model: type[models.Model], records: list[dict[str, Any]], now: Any
) -> tuple[list[int], _Table, list[list]]:
    """The ids of the rows written, the table description and the rows as stored."""
    if connection.vendor == "postgresql":
        ids = _reserve_ids(model, len(records))
        table = _table(model, with_pk=True)
        rows = table.rows(
            ({**record, "id": pk} for record, pk in zip(records, ids, strict=True)), now
        )
        table.write(rows)
        return ids, table, rows
    table = _table(model, with_pk=False)
    rows = table.rows(records, now)
    table.write(rows)
    return _last_ids(len(records)), table, rows


def insert_rows(model: type[models.Model], records: list[dict[str, Any]]) -> list[int]:
    """Insert `records` (dicts keyed by attname) into the model's table; their ids, in order.

    Call inside a transaction: a constraint violation raises IntegrityError and nothing stays.
    """
    if not records:
        return []
    ids, _table_written, _rows = _insert(model, records, timezone.now())
    return ids


def insert_with_history(
    model: type[models.Model], records: list[dict[str, Any]], *, actor: Any, reason: str
) -> list[int]:
    """`insert_rows`, plus a creation ("+") row each in the model's history; their ids.

    History rows reuse the values as stored (an encrypted value is encrypted once).
    """
    if not records:
        return []
    now = timezone.now()
    ids, table, rows = _insert(model, records, now)
    history = _table(model.history.model, with_pk=False)
    (template,) = history.rows(
        [
            {
                "history_date": now,
                "history_user_id": actor.pk if actor is not None else None,
                "history_change_reason": reason,
                "history_type": "+",
            }
        ],
        now,
    )
    stored_at = {name: position for position, name in enumerate(table.attnames)}
    copied = [
        (position, stored_at[name])
        for position, name in enumerate(history.attnames)
        if name in stored_at
    ]
    id_position = history.attnames.index(model._meta.pk.attname)
    history_rows = []
    for pk, row in zip(ids, rows, strict=True):
        entry = list(template)
        for position, source in copied:
            entry[position] = row[source]
        entry[id_position] = pk
        history_rows.append(entry)
    history.write(history_rows)
    return ids


def column_values(model: type[models.Model], attname: str, values: list[Any]) -> list[Any]:
    """`values` as `insert_rows` stores them in the column, for raw lookups on the same column."""
    table = _table(model, with_pk=False)
    convert = dict(table.convert).get(table.attnames.index(attname))
    return [convert(value) for value in values] if convert else list(values)
