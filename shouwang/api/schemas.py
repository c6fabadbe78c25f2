import math
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, ClassVar

from django.db import models
from ninja import Field, Schema
from pydantic import AfterValidator, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from shouwang.identity.plain_text import plain_text_error

# Both databases keep integers in 64 bits; a larger number is a typing error, never an id.
MAX_INT = 2**63 - 1
# Text that no column bounds (reasons, notes, keys) still has a size a person could type.
DEFAULT_TEXT_LIMIT = 2000
# Past this a page number is a typing error: 50 rows a page, fifty million rows.
MAX_PAGE = 1_000_000

# Dates outside these years are slips of the keyboard, and near year 1 or 9999 the arithmetic
# of services (time zones, planned ends) overflows; the domain rules (shouwang.identity.
# event_dates) then say precisely which dates an event may have.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def day_in_range(value: date) -> date:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise PydanticCustomError("date_out_of_range", "日期超出范围（1900年至2099年）")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_INT)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Day = Annotated[date, AfterValidator(day_in_range)]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class UnitRef(Schema):
    id: int
    name: str
    path: str


def storable(value: Any, limit: int) -> Any:
    """`value` when a database can store it: text without control characters and within
    `limit`, integers within 64 bits, finite numbers, dates within EARLIEST_DAY..LATEST_DAY;
    lists and dicts are checked item by item."""
    if isinstance(value, str):
        if plain_text_error(value):
            raise PydanticCustomError("text_unstorable", plain_text_error(value))
        if len(value) > limit:
            raise PydanticCustomError(
                "string_too_long", "内容过长，最多{max_length}个字", {"max_length": limit}
            )
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if value > MAX_INT:
            raise PydanticCustomError("less_than_equal", "数值过大", {"le": MAX_INT})
        if value < -MAX_INT:
            raise PydanticCustomError("greater_than_equal", "数值过小", {"ge": -MAX_INT})
    elif isinstance(value, date):
        day_in_range(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "必须是有限的数字")
    elif isinstance(value, list | tuple | set):
        for item in value:
            storable(item, limit)
    elif isinstance(value, dict):
        for key, item in value.items():
            storable(key, limit)
            storable(item, limit)
    return value


class InputSchema(Schema):
    """Base of every API input: what passes here a database can store, on SQLite and
    PostgreSQL alike, so bad input is a field-level 422 and never a 500 at the database.

    Text fields take their length from the CharField of the same name on `lengths_from`
    (what PostgreSQL would refuse and SQLite would silently keep), else DEFAULT_TEXT_LIMIT;
    an explicit `Field(max_length=...)` on the schema is checked by pydantic first.
    """

    lengths_from: ClassVar[tuple[type[models.Model], ...]] = ()

    @classmethod
    @cache
    def text_limits(cls) -> dict[str, int]:
        limits: dict[str, int] = {}
        for model in reversed(cls.lengths_from):
            for field in model._meta.get_fields():
                # Encrypted columns hold ciphertext: their input is parsed, not stored as typed.
                if getattr(field, "max_length", None) and field.get_internal_type() == "CharField":
                    limits[field.name] = field.max_length
        return limits

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any, info: ValidationInfo) -> Any:
        return storable(value, cls.text_limits().get(info.field_name, DEFAULT_TEXT_LIMIT))
