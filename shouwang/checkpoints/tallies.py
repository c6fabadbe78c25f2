"""Keeping the per-hour and per-origin passage counts in step with the passages.

Every write of a passage calls `tallies_add` in its own transaction: registration with +1,
voiding with -1, a correction with -1 for the old values and +1 for the new. Counts of one
batch are summed in Python first, so a batch of 1,000 passages costs one upsert per table.
"""

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from .models import (
    Disposition,
    Passage,
    PassageCounts,
    PassageCountsByHour,
    PassageCountsByOrigin,
)

COUNTERS = (
    "passages",
    "vehicles_passed",
    "vehicles_registered",
    "vehicle_turn_backs",
    "people_checked",
    "people_met",
    "people_turned_back",
    "people_handed_over",
)
# The stored values of a passage its contribution is computed from.
TALLIED_FIELDS = (
    "checkpoint_id",
    "occurred_on",
    "occurred_hour",
    "origin_province",
    "origin_city",
    "plate",
    "disposition",
    "occupants_count",
    "health_code",
    "max_temperature",
)
ROWS_PER_STATEMENT = 500
_LET_THROUGH = frozenset({Disposition.PASSED, Disposition.REGISTERED})


def contribution(values: Mapping[str, Any]) -> tuple[int, ...]:
    """What one live passage adds to each counter, in COUNTERS order.

    A vehicle is a passage with a plate; people are checked when a temperature or a health
    code was recorded; turned-back and handed-over people are the occupants of such passages.
    """
    vehicle = bool(values["plate"])
    disposition = values["disposition"]
    people = values["occupants_count"]
    checked = bool(values["health_code"]) or values["max_temperature"] is not None
    return (
        1,
        int(vehicle and disposition in _LET_THROUGH),
        int(vehicle and disposition == Disposition.REGISTERED),
        int(vehicle and disposition == Disposition.TURNED_BACK),
        people if checked else 0,
        people,
        people if disposition == Disposition.TURNED_BACK else 0,
        people if disposition == Disposition.HANDED_OVER else 0,
    )


def tallies_add(passages: Iterable[Mapping[str, Any]], sign: int = 1) -> None:
    """Add (sign 1) or take away (sign -1) the contribution of live passages' values.

    Each mapping holds a passage's TALLIED_FIELDS.
    """
    _apply((values, sign) for values in passages)


def tallies_replace(old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """A correction: the old values' contribution out and the new one's in, in one upsert per
    table, so that two corrections at once lock their rows in the same (sorted) order."""
    _apply([(old, -1), (new, 1)])


# The two tables of counts and their keys, in the order their rows are locked.
TABLES = (
    (PassageCountsByHour, ("checkpoint_id", "day", "hour")),
    (PassageCountsByOrigin, ("checkpoint_id", "day", "origin_province", "origin_city")),
)


def _keys(values: Mapping[str, Any]) -> tuple[tuple, tuple]:
    checkpoint, day = values["checkpoint_id"], values["occurred_on"]
    return (
        (checkpoint, day, values["occurred_hour"]),
        (checkpoint, day, values["origin_province"], values["origin_city"]),
    )


def _apply(changes: Iterable[tuple[Mapping[str, Any], int]]) -> None:
    groups: tuple[dict[tuple, list[tuple[int, ...]]], ...] = ({}, {})
    for values, sign in changes:
        counts = contribution(values)
        if sign != 1:
            counts = tuple(sign * count for count in counts)
        for keys, key in zip(groups, _keys(values), strict=True):
            keys.setdefault(key, []).append(counts)
    for (model, key), keys in zip(TABLES, groups, strict=True):
        totals = {
            group: [sum(column) for column in zip(*counts, strict=True)]
            for group, counts in keys.items()
        }
        _upsert(model, key, totals)


def tallies_with(values: Mapping[str, Any]) -> tuple[str, list]:
    """One live passage's counts as the WITH clause of the statement that writes it
    (PostgreSQL), and its parameters: a registration is then one statement, whose row locks on
    the counts last only as long as it runs.

    The counts are sent once (`one`), so that the whole statement keeps within the parameters
    the driver caches its parsing for (50). The per-origin row is written from the per-hour
    upsert's answer (`FROM by_hour`), so the rows are locked in `_apply`'s order, hour first,
    and a registration never deadlocks with a batch or a correction.
    """
    hour, origin = _keys(values)
    checkpoint, day, *_rest = hour
    parameters = [
        checkpoint,
        connection.ops.adapt_datefield_value(day),
        *contribution(values),
        hour[2],
        *origin[2:],
    ]
    return _with_sql(), parameters


@cache
def _with_sql() -> str:
    quote = connection.ops.quote_name
    counters = ", ".join(quote(name) for name in COUNTERS)
    one = ", ".join(f"one.{quote(name)}" for name in COUNTERS)
    first = f"one.{quote('checkpoint_id')}, one.{quote('day')}"
    marks = ", ".join(["%s"] * (2 + len(COUNTERS)))
    (hour, hour_key), (origin, origin_key) = TABLES
    return (
        f"WITH one ({quote('checkpoint_id')}, {quote('day')}, {counters}) AS (VALUES ({marks})), "
        f"by_hour AS ({_upsert_head(hour, hour_key)} SELECT {first}, %s, {one} FROM one "
        f"{_upsert_tail(hour, hour_key)} RETURNING 1), "
        f"by_origin AS ({_upsert_head(origin, origin_key)} SELECT {first}, %s, %s, {one} "
        f"FROM one, by_hour {_upsert_tail(origin, origin_key)})"
    )


def _upsert_head(model: type[PassageCounts], key: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in (*key, *COUNTERS))
    return f"INSERT INTO {quote(model._meta.db_table)} AS counts ({names})"


def _upsert_tail(model: type[PassageCounts], key: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    additions = ", ".join(
        f"{quote(name)} = counts.{quote(name)} + excluded.{quote(name)}" for name in COUNTERS
    )
    return f"ON CONFLICT ({', '.join(quote(column) for column in key)}) DO UPDATE SET {additions}"


@cache
def _upsert_sql(model: type[PassageCounts], key: tuple[str, ...], rows: int) -> str:
    """Add `rows` rows of counts (parameters) to their keys' rows, creating missing ones."""
    marks = ", ".join(["%s"] * (len(key) + len(COUNTERS)))
    values = ", ".join([f"({marks})"] * rows)
    return f"{_upsert_head(model, key)} VALUES {values} {_upsert_tail(model, key)}"


def _upsert(model: type[PassageCounts], key: tuple[str, ...], totals: dict) -> None:
    """Add `totals` to the rows of their keys, creating missing rows; one statement per 500.

    Keys are written in sorted order so that two batches touching the same rows lock them in
    the same order and never deadlock.
    """
    if not totals:
        return
    ordered = sorted(totals.items())
    adapt_day = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), ROWS_PER_STATEMENT):
            chunk = ordered[start : start + ROWS_PER_STATEMENT]
            parameters = []
            for (checkpoint, day, *rest), counts in chunk:
                parameters += [checkpoint, adapt_day(day), *rest, *counts]
            cursor.execute(_upsert_sql(model, key, len(chunk)), parameters)


def _aggregates() -> dict:
    """`contribution` as SQL aggregates over a group of live passages."""
    vehicle = ~Q(plate="")
    turned_back = Q(disposition=Disposition.TURNED_BACK)

    def people(condition: Q | None = None):
        return Coalesce(Sum("occupants_count", filter=condition), 0)

    return {
        "passages": Count("id"),
        "vehicles_passed": Count("id", filter=vehicle & Q(disposition__in=_LET_THROUGH)),
        "vehicles_registered": Count("id", filter=vehicle & Q(disposition=Disposition.REGISTERED)),
        "vehicle_turn_backs": Count("id", filter=vehicle & turned_back),
        "people_checked": people(~Q(health_code="") | Q(max_temperature__isnull=False)),
        "people_met": people(),
        "people_turned_back": people(turned_back),
        "people_handed_over": people(Q(disposition=Disposition.HANDED_OVER)),
    }


def tallies_rebuild(
    *,
    passage_model: type[models.Model] = Passage,
    hour_model: type[models.Model] = PassageCountsByHour,
    origin_model: type[models.Model] = PassageCountsByOrigin,
) -> None:
    """Count every live passage afresh (after a restore, or passages loaded by hand).

    The models are parameters so that a migration can pass its historical ones.
    """
    live = passage_model.objects.filter(voided_at__isnull=True).order_by()
    with transaction.atomic():
        for model, keys in (
            (hour_model, {"hour": "occurred_hour"}),
            (origin_model, {"origin_province": "origin_province", "origin_city": "origin_city"}),
        ):
            model.objects.all().delete()
            rows = live.values("checkpoint_id", "occurred_on", *keys.values()).annotate(
                **_aggregates()
            )
            model.objects.bulk_create(
                (
                    model(
                        checkpoint_id=row["checkpoint_id"],
                        day=row["occurred_on"],
                        **{name: row[column] for name, column in keys.items()},
                        **{name: row[name] for name in COUNTERS},
                    )
                    for row in rows.iterator()
                ),
                batch_size=1000,
            )
