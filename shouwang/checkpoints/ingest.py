"""Batch ingest of validated passages as plain rows, bypassing per-object ORM work.

`passage_clean` has already validated every item and computed every stored value; what is
left is writing rows. The ORM's `bulk_create` spends most of a batch preparing each value of
each model instance (and splits it into many INSERTs on SQLite), so this module writes the
same rows straight into the same tables: executemany on SQLite, COPY on PostgreSQL. The rows
are those `bulk_create` and simple_history's `bulk_history_create` would write: passages, one
creation history row per passage, and the named occupants (whose model keeps no history for
creations in bulk).
"""

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

from .models import Occupant, Passage
from .validation import CleanPassage

CHANGE_REASON = "登记"

# Field classes whose Python values the drivers take as they are (for integer foreign keys,
# the id). Every other field goes through its own get_db_prep_save, e.g. encrypted ones.
_PLAIN = (
    models.CharField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.BigIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.DecimalField,  # the SQLite backend registers an adapter for Decimal
)


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a value of `field` becomes a driver parameter; None when it is taken as it is."""
    kind = type(field)
    sqlite = connection.vendor == "sqlite"
    if kind in _PLAIN:
        return None
    if isinstance(field, models.ForeignKey) and type(field.target_field) in (
        models.AutoField,
        models.BigAutoField,
    ):
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

    def __init__(self, model: type[models.Model], with_pk: bool = False):
        self.table = model._meta.db_table
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if with_pk or not (field.primary_key and isinstance(field, models.AutoField))
        ]
        self.attnames = [field.attname for field in self.fields]
        # What Model.__init__ gives a field left out: its default, "" or None.
        self.defaults = {field.attname: field.get_default() for field in self.fields}
        self.pick = itemgetter(*self.attnames)
        self.convert = [
            (position, convert)
            for position, field in enumerate(self.fields)
            if (convert := _converter(field)) is not None
        ]

    def rows(self, records: Iterable[dict]) -> list[list]:
        """Rows in column order from dicts keyed by attname; missing keys take the default."""
        rows = []
        defaults, pick, convert = self.defaults, self.pick, self.convert
        for record in records:
            row = list(pick({**defaults, **record}))
            for position, function in convert:
                if row[position] is not None:
                    row[position] = function(row[position])
            rows.append(row)
        return rows

    def insert(self, rows: list[list]) -> None:
        if not rows:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})", rows
                )


_tables: dict[tuple[str, str, bool], _Table] = {}


def _table(model: type[models.Model], with_pk: bool = False) -> _Table:
    # Converters depend on the database: one description per model and vendor.
    key = (model._meta.label, connection.vendor, with_pk)
    if key not in _tables:
        _tables[key] = _Table(model, with_pk=with_pk)
    return _tables[key]


def _record(values: dict) -> dict:
    """`Passage(**values)` keyword arguments as column values (related objects become ids)."""
    record = dict(values)
    for name in ("checkpoint", "recorded_by", "key_area"):
        related = record.pop(name, None)
        record[f"{name}_id"] = related.pk if related is not None else None
    return record


def _new_ids(count: int) -> list[int] | None:
    """Ids reserved ahead on PostgreSQL, so COPY can carry them; None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Passage._meta.db_table, count],
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


def stored_ids(client_ids: list) -> dict:
    """{client_id: id} of the passages already stored among `client_ids`, in one query.

    The same answer as filtering on client_id__in, without preparing each UUID through the ORM.
    """
    if not client_ids:
        return {}
    table = _table(Passage)
    convert = dict(table.convert).get(table.attnames.index("client_id"))
    values = [convert(value) if convert else value for value in client_ids]
    by_value = dict(zip(values, client_ids, strict=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT client_id, id FROM checkpoints_passage WHERE client_id = ANY(%s)", [values]
            )
        else:
            marks = ", ".join(["%s"] * len(values))
            cursor.execute(
                f"SELECT client_id, id FROM checkpoints_passage WHERE client_id IN ({marks})",
                values,
            )
        return {by_value[value]: pk for value, pk in cursor.fetchall()}


def passages_insert(cleaned: list[CleanPassage], actor: Any) -> list[int]:
    """Write the passages, their creation history and occupants; their ids, in order.

    Call inside a transaction: a clash on client_id raises IntegrityError and nothing stays.
    """
    if not cleaned:
        return []
    now = timezone.now()
    records = [_record(item.values) for item in cleaned]
    for record in records:
        record.setdefault("created_at", now)
    ids = _new_ids(len(records))
    if ids is not None:
        for record, pk in zip(records, ids, strict=True):
            record["id"] = pk
        _table(Passage, with_pk=True).insert(_table(Passage, with_pk=True).rows(records))
    else:
        _table(Passage).insert(_table(Passage).rows(records))
        ids = _last_ids(len(records))
        for record, pk in zip(records, ids, strict=True):
            record["id"] = pk

    history = Passage.history.model
    history_rows = _table(history)
    extra = {
        "history_date": now,
        "history_user_id": actor.pk,
        "history_change_reason": CHANGE_REASON,
        "history_type": "+",
    }
    history_rows.insert(history_rows.rows({**record, **extra} for record in records))

    occupants = []
    for item, pk in zip(cleaned, ids, strict=True):
        for person in item.occupants:
            person.passage_id = pk
            occupants.append(person)
    if occupants:
        table = _table(Occupant)
        table.insert(
            table.rows({name: getattr(p, name) for name in table.attnames} for p in occupants)
        )
    return ids
