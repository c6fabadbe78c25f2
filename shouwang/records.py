"""Writing a record's fields: the one update helper every service uses instead of `setattr` loops.

After HackSoft's Django-Styleguide `model_update`: a service names the fields a change may touch
and hands the new values; only those that differ are set and saved, with `update_fields`, so an
edit never rewrites columns it did not change and an edit that changes nothing writes nothing.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

Record = TypeVar("Record", bound=models.Model)


def _stored(instance: models.Model, name: str) -> tuple[Any, Any]:
    """The value `name` holds on `instance`, and how to compare a new value with it.

    A foreign key is compared by id, so a change check never loads the related row.
    """
    field = instance._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        return getattr(instance, field.attname), lambda value: getattr(value, "pk", value)
    return getattr(instance, name), lambda value: value


def model_update(
    instance: Record, *, fields: Iterable[str], data: Mapping[str, Any]
) -> tuple[Record, bool]:
    """Set each of `fields` present in `data` on `instance`; save the changed ones.

    Returns the instance and whether anything changed. Call inside the service's transaction;
    validation is the service's, done before.
    """
    changed: list[str] = []
    for name in fields:
        if name not in data:
            continue
        current, comparable = _stored(instance, name)
        if current != comparable(data[name]):
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.save(update_fields=changed)
    return instance, bool(changed)
