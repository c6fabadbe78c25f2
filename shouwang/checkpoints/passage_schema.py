"""The one declaration of a passage's fields: where each comes from, how it is shown, exported and
corrected.

Registration (the page, single and batch API), correction, the API output and the xlsx export all
read their field lists from `PASSAGE_FIELDS` and `OCCUPANT_FIELDS`; `passage_clean`
(`validation.py`) computes the stored values. A field is one of:

- REGISTERED: sent once at registration, never corrected (client id, checkpoint, occupants);
- ENTERED: sent at registration and open to correction;
- DERIVED: computed by `passage_clean` from the entered ones, rewritten by every correction;
- SHOWN: read from the stored row for output only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shouwang.privacy.exports import Column, masked_text
from shouwang.privacy.masking import mask_id_number, mask_name, mask_phone

from .models import Occupant, Passage


class Source(Enum):
    REGISTERED = "registered"
    ENTERED = "entered"
    DERIVED = "derived"
    SHOWN = "shown"


REGISTERED, ENTERED, DERIVED, SHOWN = Source

# Each field's API types follow from its kind unless it names its own. Input types are loose on
# purpose: `passage_clean` answers each field in Chinese rather than the schema in English.
KINDS: dict[str, tuple[Any, Any, Any]] = {
    # kind: (input type, input default, output type)
    "text": (str, "", str),
    "choice": (str, "", str),
    "flag": (bool, False, bool),
    "count": (int | str | None, None, int),
    "temperature": (float | str | None, None, float | None),
    "moment": (str | None, None, datetime),
    "reference": (int | str | None, None, int),
}


@lru_cache(maxsize=64)
def _labels(name: str, language: str | None) -> dict[Any, str]:
    """A choice field's labels in one language, translated once (the export writes one per row)."""
    return {value: str(label) for value, label in Passage._meta.get_field(name).flatchoices}


def _display(name: str) -> Callable[[Any], Any]:
    """What `get_<name>_display()` shows, without a translation lookup per call."""

    def display(record: Any) -> Any:
        value = getattr(record, name)
        return _labels(name, get_language()).get(value, value)

    return display


def _yes(name: str) -> Callable[[Any], Any]:
    return lambda record: "是" if getattr(record, name) else ""


@dataclass(frozen=True)
class PassageField:
    """One field of a passage as registration, correction, the API and the export see it."""

    name: str  # the model attribute the value is stored in (or read from)
    source: Source
    kind: str = "text"
    api: str | None = ""  # the API output key: "" for `name`, None when not in the output
    input: str = ""  # the key read at registration and correction, "" for `name`
    label_text: Any = None  # the Chinese label, when not the model field's verbose name
    api_in: tuple[Any, Any] | None = None  # (type, default) when not the kind's
    api_out: Any = None  # output type when not the kind's
    out: Callable[[Any], Any] | None = None  # output value when not the attribute
    column: Callable[[Any], Any] | None = None  # the export cell; None: not exported
    masked: Callable[[Any], Any] | None = None  # personal data: the export cell masked

    @property
    def personal(self) -> bool:
        return self.masked is not None

    @property
    def key(self) -> str | None:
        """The API output key."""
        return self.name if self.api == "" else self.api

    @property
    def input_key(self) -> str:
        return self.input or self.name

    @property
    def label(self) -> Any:
        if self.label_text is not None:
            return self.label_text
        return Passage._meta.get_field(self.name).verbose_name

    @property
    def input_type(self) -> tuple[Any, Any]:
        kind_in, kind_default, _out = KINDS[self.kind]
        return self.api_in or (kind_in, kind_default)

    @property
    def output_type(self) -> Any:
        return self.api_out if self.api_out is not None else KINDS[self.kind][2]

    def output(self, record: Any) -> Any:
        return self.out(record) if self.out is not None else getattr(record, self.name)

    def export_column(self) -> Column:
        if self.column is None:
            raise ValueError(f"{self.name} declares no export cell")
        return Column(self.label, self.column, masked=self.masked)


# --- occupants ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OccupantField:
    """One field of a named occupant, as registration sends it and the API shows it."""

    name: str
    kind: str = "text"
    mask: Callable[[str], str] | None = None  # personal data: how the API shows it

    @property
    def label(self) -> Any:
        return Occupant._meta.get_field(self.name).verbose_name

    def output(self, person: Occupant) -> Any:
        value = getattr(person, self.name)
        # The API never shows an occupant's identifiers in full: reveal is a logged page action.
        return masked_text(value, self.mask) if self.mask else value


OCCUPANT_FIELDS: tuple[OccupantField, ...] = (
    OccupantField("name"),
    OccupantField("id_number", mask=mask_id_number),
    OccupantField("phone", mask=mask_phone),
    OccupantField("temperature", kind="temperature"),
    OccupantField("health_code", kind="choice"),
)


def occupants_out(passage: Passage) -> list[dict]:
    return [
        {field.name: field.output(person) for field in OCCUPANT_FIELDS}
        for person in passage.occupants.all()
    ]


# An export prefetches the occupants into a plain list, `Prefetch("occupants", to_attr=…)`:
# Django then builds no queryset per passage, a quarter of the time of a large export.
OCCUPANTS_LISTED = "occupants_listed"


def _occupants_cell(passage: Passage, *, full: bool) -> str:
    listed = getattr(passage, OCCUPANTS_LISTED, None)
    shown = []
    for person in passage.occupants.all() if listed is None else listed:
        if full:
            parts = (person.name, person.id_number, person.phone)
        else:
            parts = (
                mask_name(person.name),
                masked_text(person.id_number, mask_id_number),
                masked_text(person.phone, mask_phone),
            )
        shown.append(" ".join(part for part in parts if part))
    return "；".join(shown)


# --- the passage --------------------------------------------------------------------------------


def _key_area(attribute: str) -> Callable[[Passage], Any]:
    return lambda p: getattr(p.key_area, attribute) if p.key_area else None


PASSAGE_FIELDS: tuple[PassageField, ...] = (
    PassageField("id", SHOWN, api_out=int, label_text=_("编号")),
    PassageField(
        "client_id",
        REGISTERED,
        api_in=(str | None, None),
        api_out=str,
        out=lambda p: str(p.client_id),
    ),
    PassageField(
        "checkpoint",
        REGISTERED,
        kind="reference",
        out=lambda p: p.checkpoint_id,
        column=lambda p: p.checkpoint.name,
    ),
    PassageField(
        "checkpoint_name",
        SHOWN,
        label_text=_("卡点名称"),
        out=lambda p: p.checkpoint.name,
    ),
    PassageField(
        "occurred_at",
        ENTERED,
        kind="moment",
        column=lambda p: localtime(p.occurred_at).strftime("%Y-%m-%d %H:%M"),
    ),
    PassageField(
        "direction",
        ENTERED,
        kind="choice",
        api_in=(str, "in"),
        column=_display("direction"),
    ),
    PassageField(
        "plate",
        ENTERED,
        api_in=(str | None, None),
        api_out=str | None,
        out=lambda p: p.plate or None,
        column=lambda p: p.plate,
    ),
    PassageField("vehicle_kind", ENTERED, kind="choice", column=_display("vehicle_kind")),
    PassageField("occupants_count", ENTERED, kind="count", column=lambda p: p.occupants_count),
    PassageField(
        "occupants",
        REGISTERED,
        kind="occupants",
        label_text=_("人员"),
        out=occupants_out,
        column=lambda p: _occupants_cell(p, full=True),
        masked=lambda p: _occupants_cell(p, full=False),
    ),
    PassageField(
        "max_temperature",
        ENTERED,
        kind="temperature",
        input="temperature",
        column=lambda p: p.max_temperature,
    ),
    PassageField("health_code", ENTERED, kind="choice", column=_display("health_code")),
    PassageField("origin", ENTERED, column=lambda p: p.origin),
    PassageField("origin_region_code", ENTERED),
    PassageField("origin_province", DERIVED, column=lambda p: p.origin_province),
    PassageField("origin_city", DERIVED, column=lambda p: p.origin_city),
    PassageField("destination", ENTERED, column=lambda p: p.destination),
    PassageField("purpose", ENTERED, column=lambda p: p.purpose),
    PassageField("disposition", ENTERED, kind="choice", column=_display("disposition")),
    PassageField("override_reason", ENTERED, column=lambda p: p.override_reason),
    PassageField(
        "green_channel",
        ENTERED,
        kind="flag",
        column=lambda p: p.get_green_channel_kind_display() if p.green_channel else "",
    ),
    PassageField("green_channel_kind", ENTERED, kind="choice"),
    PassageField("green_channel_reason", ENTERED),
    PassageField("pass_code", ENTERED),
    PassageField(
        "pass_result",
        SHOWN,
        label_text=_("通行证核验结果"),
        api_out=str | None,
        out=lambda p: getattr(getattr(p, "pass_verification", None), "result", None),
    ),
    PassageField("plate_province", DERIVED, api="plate_region"),
    PassageField("plate_city", DERIVED),
    PassageField("plate_region_code", DERIVED, label_text=_("号牌地区代码")),
    PassageField("out_of_town", DERIVED, kind="flag", column=_yes("out_of_town")),
    PassageField("is_key_area", DERIVED, kind="flag", api="key_area", column=_yes("is_key_area")),
    PassageField(
        "key_area_name",
        SHOWN,
        label_text=_("重点地区名称"),
        api_out=str | None,
        out=_key_area("name"),
    ),
    PassageField(
        "key_area_risk_level",
        SHOWN,
        label_text=_("重点地区风险等级"),
        api_out=str | None,
        out=_key_area("risk_level"),
    ),
    PassageField(
        "recorded_by",
        SHOWN,
        api_out=str,
        out=lambda p: str(p.recorded_by),
        column=lambda p: str(p.recorded_by),
    ),
    PassageField(
        "voided",
        SHOWN,
        label_text=_("状态"),
        api_out=bool,
        out=lambda p: p.is_void,
        column=lambda p: "已作废：" + p.void_reason if p.is_void else "",
    ),
    PassageField("void_reason", SHOWN),
    # The registry's watch records its occupants became (handed over, or registered as
    # key-area arrivals), each once, in the occupants' order.
    PassageField(
        "watch_records",
        SHOWN,
        label_text=_("关注记录"),
        api_out=list[int],
        out=lambda p: list(
            dict.fromkeys(o.watch_record_id for o in p.occupants.all() if o.watch_record_id)
        ),
    ),
    # Asked at registration, not stored on the passage: register the named occupants, arrived
    # from a key area, as watched people (a handover does it whatever this says).
    PassageField(
        "register_watch",
        REGISTERED,
        kind="flag",
        api=None,
        label_text=_("登记为重点人员（来自重点地区）"),
    ),
    # Stored for the figures and lookups, not part of the API output.
    PassageField("occurred_on", DERIVED, api=None),
    PassageField("occurred_hour", DERIVED, api=None),
    PassageField("plate_prefix", DERIVED, api=None),
    PassageField("key_area", DERIVED, api=None),
)

FIELDS_BY_NAME = {field.name: field for field in PASSAGE_FIELDS}

# The export's column order: when, where, what, who.
EXPORT_ORDER = (
    "occurred_at",
    "checkpoint",
    "direction",
    "plate",
    "vehicle_kind",
    "out_of_town",
    "is_key_area",
    "occupants_count",
    "max_temperature",
    "health_code",
    "origin_province",
    "origin_city",
    "origin",
    "destination",
    "purpose",
    "disposition",
    "override_reason",
    "green_channel",
    "occupants",
    "recorded_by",
    "voided",
)

# What a registration sends (the API's input, the page's form) and what a correction may send:
# a passage's occupants are registered once and revealed, never rewritten.
INPUT_KEYS = tuple(f.input_key for f in PASSAGE_FIELDS if f.source in (REGISTERED, ENTERED))
ENTERED_FIELDS = tuple(f for f in PASSAGE_FIELDS if f.source is ENTERED)
CORRECTABLE = tuple(f.input_key for f in ENTERED_FIELDS)
# The stored attributes a correction rewrites from the re-validated values.
CORRECTED_ATTRIBUTES = tuple(f.name for f in PASSAGE_FIELDS if f.source in (ENTERED, DERIVED))
OUTPUT_FIELDS = tuple(f for f in PASSAGE_FIELDS if f.key is not None)


def passage_out(passage: Passage) -> dict:
    """A passage as the API shows it; occupants' ID numbers and phones always masked."""
    return {field.key: field.output(passage) for field in OUTPUT_FIELDS}


def export_columns() -> tuple[Column, ...]:
    return tuple(FIELDS_BY_NAME[name].export_column() for name in EXPORT_ORDER)


def field_label(name: str) -> str:
    """The Chinese label of a field named in a validation error (input key or attribute)."""
    for field in PASSAGE_FIELDS:
        if name in (field.name, field.input_key):
            return str(field.label)
    try:
        return str(Passage._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
