"""Reads: scoped passage lists, the returning-vehicle lookup, the green-channel board."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.areas.models import KeyArea
from shouwang.areas.selectors import key_area_for_plate_prefix, key_areas_version_sql
from shouwang.bulk import matches_any
from shouwang.identity import IdentityError, LicencePlate, parse_plate
from shouwang.identity.regions import place_name
from shouwang.precompiled import Columns, columns, prepared_cursor, split_row, startswith_sql
from shouwang.units.models import Unit
from shouwang.units.scoping import bureau_of, has_jurisdiction, scope_path_of, station_of

from .models import Checkpoint, CheckpointStatus, Passage

RETURNING_LIMIT = 5
# What a returning vehicle most likely repeats; a local car seen before needs only its plate.
PREFILL_FIELDS = (
    "vehicle_kind",
    "occupants_count",
    "origin",
    "origin_region_code",
    "destination",
    "purpose",
)


def checkpoints_visible(user: Any, *, active_only: bool = False) -> QuerySet[Checkpoint]:
    queryset = Checkpoint.objects.visible_to(user).select_related("unit")
    if active_only:
        queryset = queryset.filter(status=CheckpointStatus.ACTIVE)
    return queryset


def passage_last_for_plate(*, user: Any, plate: str, limit: int = RETURNING_LIMIT) -> list[Passage]:
    """The plate's last passages at any checkpoint of the user's bureau.

    Reaches beyond the user's own unit on purpose: a car seen at a sibling station's post
    is still a returning car. Only the fields a checkpoint needs are shown from them.
    """
    if not has_jurisdiction(user) or not plate:
        return []
    bureau = bureau_of(user.unit)
    return list(
        Passage.objects.live()
        .filter(plate=plate, checkpoint__unit__path__startswith=bureau.path)
        .select_related("checkpoint")
        .order_by("-occurred_at", "-id")[:limit]
    )


@dataclass
class PlateLookup:
    text: str
    plate: LicencePlate | None = None
    error: str = ""
    key_area: KeyArea | None = None
    last_passages: list[Passage] = field(default_factory=list)
    prefill: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """ "鄂A · 湖北武汉 · 外地车辆 · 重点地区（高风险）" as the registration page shows it;
        a municipality named once ("京A · 北京"), nothing said of what is not known."""
        if self.plate is None:
            return self.error
        parts = [self.plate.prefix, place_name(self.plate.province, self.plate.city)]
        parts.append(_("外地车辆") if self.plate.out_of_town else _("本地车辆"))
        if self.key_area is not None:
            risk = self.key_area.get_risk_level_display()
            parts.append(_("重点地区（%(risk)s）") % {"risk": risk} if risk else _("重点地区"))
        return " · ".join(part for part in parts if part)

    @property
    def is_known_local(self) -> bool:
        return bool(self.plate and not self.plate.out_of_town and self.last_passages)


def plate_lookup(*, user: Any, text: str, on: date | None = None) -> PlateLookup:
    """Parse a typed plate and say where it comes from, whether a key area, and its history."""
    lookup = PlateLookup(text=text)
    try:
        lookup.plate = parse_plate(text, settings.SHOUWANG_HOME_PLATE_PREFIXES)
    except IdentityError as error:
        lookup.error = error.message
        return lookup
    unit = getattr(user, "unit", None)
    if unit is not None:
        lookup.key_area = key_area_for_plate_prefix(
            unit, lookup.plate.prefix, on or timezone.localdate()
        )
    lookup.last_passages = passage_last_for_plate(user=user, plate=lookup.plate.number)
    if lookup.last_passages:
        last = lookup.last_passages[0]
        lookup.prefill = {name: getattr(last, name) for name in PREFILL_FIELDS}
    return lookup


# What a post keeps for recognising returning vehicles with no network (issue 18).
RECENT_PLATE_DAYS = 7
RECENT_PLATE_ROWS = 20_000


@dataclass(frozen=True)
class RecentPlate:
    plate: str
    last_seen: datetime
    times: int
    prefill: dict


def recent_plates_at(
    checkpoint: Checkpoint, *, days: int = RECENT_PLATE_DAYS, now: datetime | None = None
) -> list[RecentPlate]:
    """The plates `checkpoint` saw in the last `days`, latest first, each with what its latest
    passage would prefill: the registration page keeps them for recognising a returning vehicle
    offline. At most the latest 20,000 passages are read (one index range, checkpoint + time)."""
    since = (now or timezone.now()) - timedelta(days=days)
    rows = (
        Passage.objects.live()
        .filter(checkpoint=checkpoint, occurred_at__gte=since)
        .exclude(plate="")
        .order_by("-occurred_at", "-id")
        .values_list("plate", "occurred_at", *PREFILL_FIELDS)[:RECENT_PLATE_ROWS]
    )
    seen: dict[str, RecentPlate] = {}
    counts: dict[str, int] = {}
    for plate, occurred_at, *values in rows:
        counts[plate] = counts.get(plate, 0) + 1
        if plate not in seen:
            prefill = dict(zip(PREFILL_FIELDS, values, strict=True))
            seen[plate] = RecentPlate(plate, occurred_at, 0, prefill)
    return [RecentPlate(p.plate, p.last_seen, counts[p.plate], p.prefill) for p in seen.values()]


def passages_listed(user: Any) -> QuerySet[Passage]:
    """The passages the user may see, latest first (filtered by `filters.PassageFilter`)."""
    queryset = Passage.objects.visible_to(user).select_related("checkpoint", "recorded_by")
    return queryset.order_by("-occurred_at", "-id")


def green_channel_today(user: Any, *, on: date | None = None) -> QuerySet[Passage]:
    """Today's green-channel movements at every checkpoint of the user's station.

    A volunteer at a post sees the whole station's board: the patient let through at the
    highway exit must be expected at the town entrance.
    """
    if not has_jurisdiction(user):
        return Passage.objects.none()
    return (
        Passage.objects.live()
        .filter(
            green_channel=True,
            occurred_on=on or timezone.localdate(),
            checkpoint__unit__path__startswith=station_of(user.unit).path,
        )
        .select_related("checkpoint")
        .order_by("-occurred_at")
    )


@cache
def _registrable_statement() -> tuple[str, tuple[Columns, Columns]]:
    quote = connection.ops.quote_name
    parts = (columns(Checkpoint, "c"), columns(Unit, "n"))
    # On PostgreSQL, both rows as text too: the write checks against them (`registrable_guard`).
    rows_text = ", c::text, n::text" if connection.vendor == "postgresql" else ""
    sql = (
        f"SELECT {', '.join(column for part in parts for column in part.sql)}, "
        f"({key_areas_version_sql()}){rows_text} "
        f"FROM {quote(Checkpoint._meta.db_table)} c "
        f"JOIN {quote(Unit._meta.db_table)} n ON n.{quote('id')} = c.{quote('unit_id')} "
    )
    return sql, parts


@dataclass(frozen=True)
class Registrable:
    """A checkpoint (with its unit) as read for registering at it, the key areas' version
    read with it, and both rows as PostgreSQL wrote them out as text."""

    checkpoint: Checkpoint
    key_areas_version: Any
    rows_text: tuple[str, ...]


# The checkpoints this process last read for registering, by id: the next registration at the
# same post reuses what was read, and its write checks within its own statement that nothing
# it relied on changed since (`registrable_guard`). PostgreSQL only.
_registrable: dict[int, Registrable] = {}
REGISTRABLE_KEPT = 2_000


def checkpoints_registrable(actor: Any, ids: set[int]) -> dict[int, Registrable]:
    """{id: checkpoint (with its unit), as read} of those among `ids` in the actor's
    jurisdiction, with the state of the key areas (`key_areas_version_sql`), in one
    precompiled statement.

    `Checkpoint.objects.visible_to(actor).select_related("unit")` written once
    (`shouwang.precompiled`): every registration reads it, unless `registrable_reused` has it.
    """
    path = scope_path_of(actor)
    if path is None or not ids:
        return {}
    select, parts = _registrable_statement()
    quote = connection.ops.quote_name
    within, within_parameters = startswith_sql(f"n.{quote('path')}", path)
    chosen, chosen_parameters = matches_any(f"c.{quote('id')}", sorted(ids))
    with prepared_cursor() as cursor:
        cursor.execute(
            f"{select} WHERE {within} AND {chosen}", [*within_parameters, *chosen_parameters]
        )
        rows = cursor.fetchall()
    found = {}
    width = sum(len(part.attnames) for part in parts)
    for row in rows:
        checkpoint, unit = split_row(row[:width], *parts)
        Checkpoint._meta.get_field("unit").set_cached_value(checkpoint, unit)
        found[checkpoint.pk] = Registrable(checkpoint, row[width], tuple(row[width + 1 :]))
    if connection.vendor == "postgresql":
        if len(_registrable) + len(found) > REGISTRABLE_KEPT:
            _registrable.clear()
        _registrable.update(found)
    return found


def registrable_reused(actor: Any, checkpoint_id: int) -> Registrable | None:
    """The checkpoint as this process last read it for registering, when the actor's
    jurisdiction covers it; None when it must be read."""
    found = _registrable.get(checkpoint_id)
    path = scope_path_of(actor)
    if found is None or path is None or not found.checkpoint.unit.path.startswith(path):
        return None
    return found


def registrable_forget(checkpoint_id: int) -> None:
    _registrable.pop(checkpoint_id, None)


def registrable_guard(read: Registrable) -> tuple[str, list] | None:
    """The checkpoint's id as a scalar subquery that is NULL unless the checkpoint, its unit
    and the key areas are as `read` found them: a passage written with it is refused (its
    checkpoint may not be NULL) by the same statement that would have stored it. None where
    the rows were not read as text (SQLite: no single statement to guard)."""
    if not read.rows_text:
        return None
    return _guard_sql(), [read.checkpoint.pk, *read.rows_text, read.key_areas_version]


@cache
def _guard_sql() -> str:
    quote = connection.ops.quote_name
    return (
        f"(SELECT c.{quote('id')} FROM {quote(Checkpoint._meta.db_table)} c "
        f"JOIN {quote(Unit._meta.db_table)} n ON n.{quote('id')} = c.{quote('unit_id')} "
        f"WHERE c.{quote('id')} = %s AND c::text = %s AND n::text = %s "
        f"AND ({key_areas_version_sql()}) IS NOT DISTINCT FROM %s)"
    )
