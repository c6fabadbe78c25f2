"""Many rows at once: writing validated rows (COPY on PostgreSQL, executemany on SQLite), and
matching a column against thousands of values (`any_of`).

The ORM's `bulk_create` spends most of a large insert preparing each value of each model
instance (and splits it into many INSERTs on SQLite). Batch ingest of passages and list imports
of people write rows that their services have already validated, so they come here as dicts
keyed by attname and go straight into the table. Values are prepared the way the ORM would
(encrypted fields through their own `get_db_prep_save`); a field left out takes its default.

`insert_rows` writes no history: each row records its own creation, and the models written
here are declared with `shouwang.audit.history.history_from_first_change`, which writes the
creation entry before a row's first change.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import F, Lookup
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
        # `insert_one`'s statements, by the columns it computes in SQL.
        self.insert_sqls: dict[tuple, str] = {}
        self.convert = [
            (position, convert)
            for position, field in enumerate(self.fields)
            if (convert := _converter(field)) is not None
        ]

    def rows(self, records: Iterable[dict], now: Any) -> Iterator[list]:
        """Rows in column order; missing keys take the default, creation stamps `now`.

        Made one at a time as `write` sends them: the database stores the rows already sent
        while the next are prepared (and encrypted), on the machine's other core.
        """
        defaults = {**self.defaults, **dict.fromkeys(self.stamped, now)}
        pick, convert = self.pick, self.convert
        for record in records:
            row = list(pick({**defaults, **record}))
            for position, function in convert:
                if row[position] is not None:
                    row[position] = function(row[position])
            yield row

    def write(self, rows: Iterable[list]) -> None:
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


_sequences: dict[str, str] = {}


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids taken ahead from the table's sequence on PostgreSQL, so COPY can carry them."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if table not in _sequences:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            _sequences[table] = cursor.fetchone()[0]
        # The sequence named once: looked up per row, it cost five times the nextval calls.
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [_sequences[table], count]
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


def insert_rows(model: type[models.Model], records: list[dict[str, Any]]) -> list[int]:
    """Insert `records` (dicts keyed by attname) into the model's table; their ids, in order.

    Call inside a transaction: a constraint violation raises IntegrityError and nothing stays.
    """
    if not records:
        return []
    now = timezone.now()
    if connection.vendor == "postgresql":
        ids = _reserve_ids(model, len(records))
        table = _table(model, with_pk=True)
        table.write(
            table.rows(({**record, "id": pk} for record, pk in zip(records, ids, strict=True)), now)
        )
        return ids
    table = _table(model, with_pk=False)
    table.write(table.rows(records, now))
    return _last_ids(len(records))


def insert_one(
    model: type[models.Model],
    record: dict[str, Any],
    now: Any,
    *,
    computed: Mapping[str, tuple[str, list]] | None = None,
) -> tuple[str, list]:
    """One row as `INSERT … RETURNING id` and its parameters, prepared as `insert_rows` prepares
    them (creation stamps `now`), for a caller that writes it within a statement of its own.

    `computed` gives columns (by attname) as SQL expressions with their own parameters, in
    place of the record's values: a value the statement itself looks up or checks.
    """
    table = _table(model, with_pk=False)
    computed = computed or {}
    key = tuple((name, expression) for name, (expression, _parameters) in computed.items())
    if key not in table.insert_sqls:
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in table.fields)
        marks = ", ".join(
            computed[name][0] if name in computed else "%s" for name in table.attnames
        )
        table.insert_sqls[key] = (
            f"INSERT INTO {quote(table.table)} ({names}) VALUES ({marks}) RETURNING {quote('id')}"
        )
    row = next(table.rows([record], now))
    if not computed:
        return table.insert_sqls[key], row
    parameters = []
    for name, value in zip(table.attnames, row, strict=True):
        parameters.extend(computed[name][1] if name in computed else [value])
    return table.insert_sqls[key], parameters


def matches_any(column_sql: str, values: list) -> tuple[str, list]:
    """`column_sql` equals one of `values` (already in the column's driver form): one array
    parameter on PostgreSQL, one parameter each elsewhere. For statements written by hand;
    querysets use `any_of`."""
    if connection.vendor == "postgresql":
        return f"{column_sql} = ANY(%s)", [values]
    return f"{column_sql} IN ({', '.join(['%s'] * len(values))})", list(values)


class AnyOf(Lookup):
    """`column = ANY(%s)` with the values as one array parameter on PostgreSQL; IN elsewhere.

    `filter(x__in=values)` prepares every value through the field and sends one parameter
    each, which costs more than the query itself for the 5,000 values of an import chunk.
    Values must already be of the column's Python type; they are converted as `insert_rows`
    stores them.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        convert = _converter(self.lhs.output_field)
        values = [convert(value) for value in self.rhs] if convert else list(self.rhs)
        if not values:
            raise EmptyResultSet
        sql, params = matches_any(lhs, values)
        return sql, [*lhs_params, *params]


def any_of(name: str, values: Iterable[Any]) -> AnyOf:
    """A filter: the field `name` equals one of `values`, e.g. `filter(any_of("pk", ids))`."""
    return AnyOf(F(name), list(values))
