"""The one validation of a passage, shared by single registration, batch ingest and edits.

`passage_clean` turns what a page, an API client or an offline phone sent into the rows to
store, or raises ValidationError({field: 中文消息}). It reads nothing from the database: the
caller hands it a `PassageContext` holding the checkpoints and key areas it may need, so a
batch of 1,000 items costs a couple of queries, not thousands.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.areas.models import KeyArea
from shouwang.areas.selectors import NOT_READ, key_areas_cached, most_severe, regions_containing
from shouwang.identity import (
    IdentityError,
    city_code,
    get_region,
    normalize_input,
    parse_plate,
)
from shouwang.identity.body_temperature import is_fever, parse_temperature
from shouwang.identity.event_dates import CLOCK_SKEW, TIME_IN_THE_FUTURE, event_time_error
from shouwang.identity.names import person_name_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.identity.plates import LicencePlate
from shouwang.privacy.identifiers import identifiers_read

from .models import (
    HEALTH_CODE_SEVERITY,
    Checkpoint,
    Direction,
    Disposition,
    GreenChannelKind,
    HealthCode,
    Occupant,
    Passage,
    VehicleKind,
)
from .passage_schema import ENTERED_FIELDS

# Enum `.values` builds a new list per call: look choices up in sets made once.
VALUES = {
    choices: frozenset(choices.values)
    for choices in (VehicleKind, Direction, Disposition, HealthCode, GreenChannelKind)
}
MAX_OCCUPANTS = 99
MOTOR_VEHICLES = {VehicleKind.CAR, VehicleKind.TRUCK, VehicleKind.BUS, VehicleKind.MOTORCYCLE}
# The declared free-text fields, as long as their columns.
TEXT_LIMITS = {
    field.input_key: Passage._meta.get_field(field.name).max_length
    for field in ENTERED_FIELDS
    if field.kind == "text"
}
# Built once: a batch must not pay a translation lookup per item for messages it rarely shows.
VEHICLE_KIND_ERROR = gettext_lazy("车辆类型不正确")
DIRECTION_ERROR = gettext_lazy("方向应为进或出")

# Batches repeat the same destinations, purposes and plates: normalise and parse each once.
_normalized = lru_cache(maxsize=8192)(normalize_input)


@lru_cache(maxsize=65536)
def _parsed_plate(text: str, home_prefixes: tuple[str, ...]) -> LicencePlate | IdentityError:
    try:
        return parse_plate(text, home_prefixes)
    except IdentityError as error:
        return error


@dataclass
class PassageContext:
    """What validation needs from the database, loaded once per request or batch."""

    checkpoints: dict[int, Checkpoint]
    now: datetime = field(default_factory=timezone.now)
    # Local days and hours are those of the bureau's time zone, read once per batch.
    zone: tzinfo = field(default_factory=timezone.get_current_timezone)
    # Edits of old records stay possible after their checkpoint closed.
    allow_closed: bool = False
    # A handover must name whom it hands over; a correction of a passage handed over before
    # this rule existed (or whose occupants it does not resend) is not held to it.
    require_named_handover: bool = True
    home_prefixes: tuple[str, ...] = field(
        default_factory=lambda: tuple(settings.SHOUWANG_HOME_PLATE_PREFIXES)
    )
    _areas: dict[tuple[int, date], list[KeyArea]] = field(default_factory=dict)
    _matches: dict[tuple, KeyArea | None] = field(default_factory=dict)

    # The latest change to the key areas, read with the checkpoints (`key_areas_version`): the
    # areas in force then come from the process's cache, without a query of their own.
    key_areas_version: Any = NOT_READ
    # The checkpoints as read (`selectors.Registrable`), by id: what a single registration's
    # write checks is unchanged.
    reads: dict[int, Any] = field(default_factory=dict)
    # Whether they were taken as this process read them before, not read for this request.
    reused: bool = False

    def key_areas(self, checkpoint: Checkpoint, on: date) -> list[KeyArea]:
        key = (checkpoint.unit_id, on)
        if key not in self._areas:
            self._areas[key] = key_areas_cached(checkpoint.unit, on, self.key_areas_version)
        return self._areas[key]

    def key_area(
        self, checkpoint: Checkpoint, on: date, plate_prefix: str, region_code: str
    ) -> KeyArea | None:
        """The most severe key area matching a plate prefix or origin, remembered per batch."""
        key = (checkpoint.unit_id, on, plate_prefix, region_code)
        if key not in self._matches:
            areas = self.key_areas(checkpoint, on)
            self._matches[key] = _most_severe_area(areas, plate_prefix, region_code)
        return self._matches[key]


# What a passage asks of the registry of watched people (`CleanPassage.watch`).
WATCH_HANDOVER = "handover"  # handed over to health: every named occupant is watched
WATCH_ARRIVAL = "arrival"  # the officer registers key-area arrivals as watched people


@dataclass
class CleanPassage:
    """A valid passage: its field values (as `Passage(**values)` takes them) and occupants.

    The model instance is built only when asked for: batch ingest writes `values` as rows.
    `watch` is "" for an ordinary passage, which costs the registry nothing.
    """

    values: dict[str, Any]
    occupants: list[Occupant]
    watch: str = ""

    @cached_property
    def passage(self) -> Passage:
        return Passage(**self.values)


@cache
def origin_names(region_code: str) -> tuple[str, str]:
    """Province and city names of a region code, as the figures group them."""
    if not region_code:
        return "", ""
    province = get_region(region_code[:2] + "0000")
    city_of = city_code(region_code)
    city = get_region(city_of) if city_of else None
    return (province.name if province else ""), (city.name if city else "")


def _most_severe_area(areas: list[KeyArea], plate_prefix: str, region_code: str) -> KeyArea | None:
    containing = regions_containing(region_code)
    return most_severe(
        area
        for area in areas
        if (plate_prefix and plate_prefix in area.plate_prefixes) or area.region_code in containing
    )


def _text(data: dict, name: str, errors: dict) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[name] = _("必须是文本")
        return ""
    if plain_text_error(value):
        errors[name] = plain_text_error(value)
        return ""
    value = _normalized(value)
    if len(value) > TEXT_LIMITS.get(name, 100):
        errors[name] = _("内容过长")
    return value


def _known(value: Any, choices: Any) -> bool:
    # Batch items are raw JSON: a list or an object where a code belongs must not raise.
    return isinstance(value, str) and value in VALUES[choices]


def _choice(data: dict, name: str, choices: Any, default: str, errors: dict, message) -> str:
    value = data.get(name) or default
    if not _known(value, choices):
        errors[name] = str(message)
    return value


def _temperature(value: Any, name: str, errors: dict) -> Decimal | None:
    try:
        return parse_temperature(value)
    except IdentityError as error:
        errors[name] = error.message
        return None


def _occurred_at(value: Any, now: datetime, errors: dict) -> datetime:
    if value is None or value == "":
        return now
    try:
        moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    except ValueError:  # well formed but no such moment: "2020-02-30T08:00"
        moment = None
    if moment is None:
        errors["occurred_at"] = _("时间格式不正确，应为 ISO 8601")
        return now
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # The shared rule of event dates; checked before any time-zone conversion, which year 1
    # or 9999 would overflow.
    date_error = event_time_error(moment, now=now, skew=CLOCK_SKEW)
    if date_error == TIME_IN_THE_FUTURE:
        errors["occurred_at"] = _("通行时间不能晚于当前时间")
    elif date_error:
        errors["occurred_at"] = date_error
    return now if date_error else moment


def _occupant(raw: Any, prefix: str, errors: dict) -> Occupant | None:
    if not isinstance(raw, dict):
        errors[prefix] = _("必须是对象")
        return None
    person = Occupant(name=_text(raw, "name", errors))
    identifiers, identifier_errors = identifiers_read(
        id_number=raw.get("id_number"),
        phone=raw.get("phone"),
        id_field=f"{prefix}.id_number",
        phone_field=f"{prefix}.phone",
    )
    errors.update(identifier_errors)
    for name, value in identifiers.columns().items():
        setattr(person, name, value)
    person.temperature = _temperature(raw.get("temperature"), f"{prefix}.temperature", errors)
    code = raw.get("health_code") or ""
    if code and not _known(code, HealthCode):
        errors[f"{prefix}.health_code"] = _("健康码应为绿码、黄码、红码或无码")
        code = ""
    person.health_code = code
    if "name" in errors:
        errors[f"{prefix}.name"] = errors.pop("name")
    if len(person.name) > 50:
        errors[f"{prefix}.name"] = _("内容过长")
    elif person_name_error(person.name):
        errors[f"{prefix}.name"] = person_name_error(person.name)
    return person


def _checkpoint(value: Any, context: PassageContext, errors: dict) -> Checkpoint | None:
    if isinstance(value, Checkpoint):
        value = value.pk
    try:
        checkpoint = context.checkpoints.get(int(value)) if value not in (None, "") else None
    except (TypeError, ValueError, OverflowError):
        checkpoint = None
    if checkpoint is None:
        errors["checkpoint"] = _("未知的卡点") if value not in (None, "") else _("请选择卡点")
    elif not checkpoint.is_active and not context.allow_closed:
        errors["checkpoint"] = _("该卡点已撤除，不能登记")
    return checkpoint


def passage_clean(data: dict, *, context: PassageContext, actor: Any) -> CleanPassage:
    """Validate one passage and build its unsaved rows; raises ValidationError with every error."""
    errors: dict[str, str] = {}
    checkpoint = _checkpoint(data.get("checkpoint"), context, errors)
    client_id = data.get("client_id") or uuid.uuid4()
    if not isinstance(client_id, uuid.UUID):
        try:
            client_id = uuid.UUID(str(client_id))
        except ValueError:
            errors["client_id"] = _("必须是 UUID")
    occurred_at = _occurred_at(data.get("occurred_at"), context.now, errors)

    plate_text = data.get("plate") or ""
    plate = None
    if plate_text:
        parsed = _parsed_plate(str(plate_text), context.home_prefixes)
        if isinstance(parsed, IdentityError):
            errors["plate"] = parsed.message
        else:
            plate = parsed
    # A plate means a car unless told otherwise; without one, the officer says what came:
    # an empty form tapped by mistake must not become "行人" and enter the figures.
    if plate_text or data.get("vehicle_kind"):
        vehicle_kind = _choice(
            data, "vehicle_kind", VehicleKind, VehicleKind.CAR, errors, VEHICLE_KIND_ERROR
        )
    else:
        vehicle_kind = ""
        errors["vehicle_kind"] = _("请填写车牌，或选择行人/非机动车")
    if vehicle_kind == VehicleKind.PEDESTRIAN and plate_text:
        errors["plate"] = _("行人不填写车牌号")
    elif vehicle_kind in MOTOR_VEHICLES and not plate_text:
        errors["plate"] = _("请输入车牌号")
    direction = _choice(data, "direction", Direction, Direction.IN, errors, DIRECTION_ERROR)
    disposition = data.get("disposition") or ""
    if not _known(disposition, Disposition):
        errors["disposition"] = _("请选择处置结果") if not disposition else _("处置结果不正确")

    raw_occupants = data.get("occupants") or []
    occupants: list[Occupant] = []
    if not isinstance(raw_occupants, list):
        errors["occupants"] = _("必须是列表")
    elif len(raw_occupants) > MAX_OCCUPANTS:
        errors["occupants"] = _("人员过多")
    else:
        for index, raw in enumerate(raw_occupants):
            person = _occupant(raw, f"occupants.{index}", errors)
            if person is not None:
                occupants.append(person)
    count = data.get("occupants_count")
    if count is None:  # not sent (an outside client): the named occupants, or one
        count = len(occupants) or 1
    elif isinstance(count, str) and not count.strip():  # sent blank: the form's field cleared
        errors["occupants_count"] = _("请填写人数")
        count = 1
    try:
        count = int(count)
    except (TypeError, ValueError, OverflowError):
        errors["occupants_count"] = _("人数必须是整数")
        count = 1
    if "occupants_count" not in errors and (not 1 <= count <= 999 or count < len(occupants)):
        errors["occupants_count"] = _("人数应为1至999，且不少于登记的人员数")
    named = any(person.name or person.id_number for person in occupants)
    register_watch = bool(data.get("register_watch"))
    if "occupants" not in errors and not named:
        if disposition == Disposition.HANDED_OVER and context.require_named_handover:
            errors["occupants"] = _("移交卫健须登记被移交人员的姓名或身份证号")
        elif register_watch and disposition != Disposition.HANDED_OVER:
            errors["occupants"] = _("登记为重点人员须填写人员姓名或身份证号")
    if register_watch and disposition == Disposition.TURNED_BACK:
        errors["register_watch"] = _("劝返人员未进入辖区，无需登记为重点人员")

    # A count-only registration may still carry the group's temperature and code.
    temperatures = [p.temperature for p in occupants if p.temperature is not None]
    group_temperature = _temperature(data.get("temperature"), "temperature", errors)
    if group_temperature is not None:
        temperatures.append(group_temperature)
    codes = [p.health_code for p in occupants if p.health_code]
    group_code = data.get("health_code") or ""
    if group_code and not _known(group_code, HealthCode):
        errors["health_code"] = _("健康码应为绿码、黄码、红码或无码")
    elif group_code:
        codes.append(group_code)
    health_code = max(codes, key=HEALTH_CODE_SEVERITY.__getitem__, default="")
    max_temperature = max(temperatures, default=None)

    override_reason = _text(data, "override_reason", errors)
    needs_handover = is_fever(max_temperature) or (
        health_code in (HealthCode.YELLOW, HealthCode.RED)
    )
    if (
        needs_handover
        and _known(disposition, Disposition)
        and (disposition != Disposition.HANDED_OVER and not override_reason)
    ):
        errors["disposition"] = _("体温≥37.3℃或黄码、红码人员应移交卫健；如不移交请填写原因")

    green_channel = bool(data.get("green_channel"))
    green_kind = data.get("green_channel_kind") or ""
    green_reason = _text(data, "green_channel_reason", errors)
    if green_channel:
        if not _known(green_kind, GreenChannelKind):
            errors["green_channel_kind"] = _("请选择绿色通道类型（病人、药品或物资）")
        if not green_reason:
            errors["green_channel_reason"] = _("请填写绿色通道事由")
    else:
        green_kind, green_reason = "", ""

    origin_code = str(data.get("origin_region_code") or "").strip()
    if origin_code and get_region(origin_code) is None:
        errors["origin_region_code"] = _("未知的行政区划代码")
    texts = {name: _text(data, name, errors) for name in ("origin", "destination", "purpose")}
    pass_code = _text(data, "pass_code", errors)

    if errors:
        raise ValidationError(errors)

    local = occurred_at.astimezone(context.zone)
    region_for_origin = origin_code or (plate.region_code if plate else "")
    origin_province, origin_city = origin_names(region_for_origin)
    day = local.date()
    area = context.key_area(checkpoint, day, plate.prefix if plate else "", origin_code)
    values = dict(
        client_id=client_id,
        checkpoint=checkpoint,
        recorded_by=actor,
        occurred_at=occurred_at,
        occurred_on=day,
        occurred_hour=local.hour,
        direction=direction,
        vehicle_kind=vehicle_kind,
        plate=plate.number if plate else "",
        plate_prefix=plate.prefix if plate else "",
        plate_province=plate.province if plate else "",
        plate_city=(plate.city or "") if plate else "",
        plate_region_code=plate.region_code if plate else "",
        out_of_town=bool(plate and plate.out_of_town),
        is_key_area=area is not None,
        key_area=area,
        occupants_count=count,
        max_temperature=max_temperature,
        health_code=health_code,
        origin_region_code=origin_code,
        origin_province=origin_province,
        origin_city=origin_city,
        disposition=disposition,
        override_reason=override_reason if needs_handover else "",
        green_channel=green_channel,
        green_channel_kind=green_kind,
        green_channel_reason=green_reason,
        pass_code=pass_code,
        **texts,
    )
    if disposition == Disposition.HANDED_OVER:
        watch = WATCH_HANDOVER if named else ""
    elif register_watch:
        if not (values["out_of_town"] or values["is_key_area"] or origin_code or texts["origin"]):
            raise ValidationError(
                {
                    "register_watch": _(
                        "仅外地车辆或来自重点地区的人员可登记为重点人员，请填写来自何处"
                    )
                }
            )
        watch = WATCH_ARRIVAL
    else:
        watch = ""
    return CleanPassage(values=values, occupants=occupants, watch=watch)
