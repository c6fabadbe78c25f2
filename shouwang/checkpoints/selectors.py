"""Reads: scoped passage lists, the returning-vehicle lookup, the green-channel board."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from shouwang.areas.models import KeyArea
from shouwang.areas.selectors import key_area_for_plate_prefix
from shouwang.identity import (
    IdentityError,
    LicencePlate,
    normalize_input,
    normalize_mobile,
    parse_id_number,
    parse_plate,
)
from shouwang.privacy.fields import blind_index
from shouwang.units.models import Unit

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


def bureau_of(unit: Unit) -> Unit:
    """The bureau above a unit (the top of its tree): returning vehicles are looked up there."""
    return Unit.objects.get(pk=unit.ancestor_ids[0])


def passage_last_for_plate(*, user: Any, plate: str, limit: int = RETURNING_LIMIT) -> list[Passage]:
    """The plate's last passages at any checkpoint of the user's bureau.

    Reaches beyond the user's own unit on purpose: a car seen at a sibling station's post
    is still a returning car. Only the fields a checkpoint needs are shown from them.
    """
    unit = getattr(user, "unit", None)
    if unit is None or not plate:
        return []
    top = unit.path.split("/")[0] + "/"
    return list(
        Passage.objects.live()
        .filter(plate=plate, checkpoint__unit__path__startswith=top)
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
        """ "鄂A · 湖北武汉 · 外地车辆 · 重点地区" as the registration page shows it."""
        if self.plate is None:
            return self.error
        parts = [self.plate.prefix, f"{self.plate.province}{self.plate.city or ''}"]
        parts.append("外地车辆" if self.plate.out_of_town else "本地车辆")
        if self.key_area is not None:
            parts.append(f"重点地区（{self.key_area.get_risk_level_display()}）")
        return " · ".join(parts)

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


@dataclass
class PassageFilters:
    checkpoint: int | None = None
    unit: Unit | None = None
    date_from: date | None = None
    date_to: date | None = None
    disposition: str = ""
    out_of_town: bool | None = None
    origin: str = ""
    plate: str = ""
    health_code: str = ""
    green_channel: bool | None = None
    query: str = ""
    include_void: bool = True


def person_match(query: str) -> Q:
    """A person searched by ID number or phone (through their blind index) or by name."""
    text = normalize_input(query)
    try:
        number = parse_id_number(text).number
        return Q(occupants__id_number_index=blind_index(number, purpose="id_number"))
    except IdentityError:
        pass
    try:
        phone = normalize_mobile(text)
        return Q(occupants__phone_index=blind_index(phone, purpose="phone"))
    except IdentityError:
        pass
    return Q(occupants__name=text)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def passages_filtered(user: Any, filters: PassageFilters) -> QuerySet[Passage]:
    queryset = Passage.objects.visible_to(user).select_related("checkpoint", "recorded_by")
    if not filters.include_void:
        queryset = queryset.live()
    if filters.checkpoint:
        queryset = queryset.filter(checkpoint_id=filters.checkpoint)
    if filters.unit is not None:
        queryset = queryset.filter(checkpoint__unit__path__startswith=filters.unit.path)
    # Days as a time range, so the (checkpoint, time) and (time) indexes serve the filter.
    if filters.date_from:
        queryset = queryset.filter(occurred_at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(
            occurred_at__lt=_local_midnight(filters.date_to + timedelta(days=1))
        )
    if filters.disposition:
        queryset = queryset.filter(disposition=filters.disposition)
    if filters.out_of_town is not None:
        queryset = queryset.filter(out_of_town=filters.out_of_town)
    if filters.green_channel is not None:
        queryset = queryset.filter(green_channel=filters.green_channel)
    if filters.origin:
        origin = normalize_input(filters.origin)
        queryset = queryset.filter(
            Q(origin_province__startswith=origin)
            | Q(origin_city__startswith=origin)
            | Q(origin__contains=origin)
        )
    if filters.health_code:
        queryset = queryset.filter(health_code=filters.health_code)
    if filters.plate:
        try:
            plate = parse_plate(filters.plate).number
        except IdentityError:
            plate = normalize_input(filters.plate).replace(" ", "")
        queryset = queryset.filter(plate__startswith=plate)
    if filters.query:
        text = normalize_input(filters.query).replace(" ", "")
        by_person = Passage.objects.filter(person_match(filters.query)).values("pk")
        queryset = queryset.filter(Q(plate__startswith=text) | Q(pk__in=by_person))
    return queryset.order_by("-occurred_at", "-id")


def green_channel_today(user: Any, *, on: date | None = None) -> QuerySet[Passage]:
    """Today's green-channel movements at every checkpoint of the user's station.

    A volunteer at a post sees the whole station's board: the patient let through at the
    highway exit must be expected at the town entrance.
    """
    unit = getattr(user, "unit", None)
    if unit is None:
        return Passage.objects.none()
    station = unit.parent if unit.kind in ("checkpoint_post", "community", "village") else unit
    return (
        Passage.objects.live()
        .filter(
            green_channel=True,
            occurred_on=on or timezone.localdate(),
            checkpoint__unit__path__startswith=(station or unit).path,
        )
        .select_related("checkpoint")
        .order_by("-occurred_at")
    )
