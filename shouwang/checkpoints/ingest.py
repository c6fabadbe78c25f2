"""Writing validated passages: rows in bulk, the occupants, and the figures' counts.

`passage_clean` has already validated every item and computed every stored value, so what is
left is writing rows (`shouwang.bulk`). A passage's creation is recorded by its own row (who,
when, `created_at`); its history gets the creation entry when it is first corrected or voided
(`shouwang.audit.history.history_from_first_change`, declared in the app's config).
"""

from datetime import UTC

from django.db import connection
from django.utils import timezone

from shouwang.bulk import any_of, insert_one, insert_rows
from shouwang.precompiled import prepared_cursor

from .models import Occupant, Passage
from .tallies import tallies_add, tallies_with
from .validation import CleanPassage

# An occupant's stored columns (blind indexes included), read from the model once.
OCCUPANT_COLUMNS = tuple(
    field.attname
    for field in Occupant._meta.concrete_fields
    if not field.primary_key and field.attname != "passage_id"
)


def _record(values: dict) -> dict:
    """`Passage(**values)` keyword arguments with the related objects' ids as column values."""
    key_area = values["key_area"]
    return {
        **values,
        "checkpoint_id": values["checkpoint"].pk,
        "recorded_by_id": values["recorded_by"].pk,
        "key_area_id": key_area.pk if key_area is not None else None,
    }


def stored_ids(client_ids: list) -> dict:
    """{client_id: id} of the passages already stored among `client_ids`, in one query."""
    if not client_ids:
        return {}
    return dict(
        Passage.objects.filter(any_of("client_id", client_ids)).values_list("client_id", "pk")
    )


def passages_insert(cleaned: list[CleanPassage]) -> list[int]:
    """Write the passages, their occupants and their counts; the passages' ids, in order.

    Call inside a transaction: a clash on client_id raises IntegrityError and nothing stays.
    """
    if not cleaned:
        return []
    records = [_record(item.values) for item in cleaned]
    ids = insert_rows(Passage, records)
    occupants = []
    for item, pk in zip(cleaned, ids, strict=True):
        for person in item.occupants:
            row = {column: getattr(person, column) for column in OCCUPANT_COLUMNS}
            row["passage_id"] = pk
            occupants.append(row)
    insert_rows(Occupant, occupants)
    tallies_add(records)
    return ids


def passage_insert_one(cleaned: CleanPassage, *, guard: tuple[str, list] | None = None) -> Passage:
    """One passage (a single INSERT … RETURNING), its occupants and its counts.

    The same rows as `passages_insert` (a test holds them equal), in fewer round trips for the
    registration page and the single-passage endpoint. On PostgreSQL the passage and its counts
    are one statement (`tallies_with`): without occupants it needs no transaction of its own,
    and the counts' rows, which every registration at a post updates, stay locked only while it
    runs. The statement is written once from the models (`shouwang.bulk.insert_one`).

    `guard` (PostgreSQL): the checkpoint's id as a subquery that is NULL when what validation
    read of it changed since (`selectors.registrable_guard`); the statement is then refused.
    """
    record = _record(cleaned.values)
    now = timezone.now()
    computed = {"checkpoint_id": guard} if guard is not None else None
    insert, parameters = insert_one(Passage, record, now, computed=computed)
    with prepared_cursor() as cursor:
        if connection.vendor == "postgresql":
            counts, count_parameters = tallies_with(record)
            cursor.execute(f"{counts} {insert}", [*count_parameters, *parameters])
            (pk,) = cursor.fetchone()
        else:
            cursor.execute(insert, parameters)
            (pk,) = cursor.fetchone()
            tallies_add([record])
    passage = cleaned.passage
    passage.pk, passage.created_at = pk, now
    passage._state.adding, passage._state.db = False, connection.alias
    if cleaned.occupants:
        for person in cleaned.occupants:
            person.passage = passage
        Occupant.objects.bulk_create(cleaned.occupants)
    _as_read_back(passage, cleaned.occupants)
    return passage


def passage_needs_transaction(cleaned: CleanPassage) -> bool:
    """Whether writing `cleaned` takes more than `passage_insert_one`'s single statement:
    occupants, a watch record, a pass check, or a database without data-modifying WITH."""
    return bool(
        connection.vendor != "postgresql"
        or cleaned.occupants
        or cleaned.watch
        or cleaned.values.get("pass_code")
    )


def _as_read_back(passage: Passage, occupants: list[Occupant]) -> None:
    """Make the instance just written answer as if read back with its relations, so the answer
    to a registration is built without reading the row again.

    Its occupants are those written (as `prefetch_related("occupants")` would hold them), no row
    refers to it yet through a one-to-one (a pass verification is attached when its check
    writes one), and its time is in UTC as the database returns it.
    """
    passage.occurred_at = passage.occurred_at.astimezone(UTC)
    manager = passage.occupants
    known = manager.get_queryset()
    known._result_cache, known._prefetch_done = list(occupants), True
    cache = getattr(passage, "_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = known
    passage._prefetched_objects_cache = cache
    for relation in Passage._meta.related_objects:
        if relation.one_to_one:
            relation.set_cached_value(passage, None)
