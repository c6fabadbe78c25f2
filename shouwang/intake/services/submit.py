"""A report arrives: from a resident's public form or API call, or entered by the duty desk
for a caller or a visitor. One validation for every channel; field errors in Chinese."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.identity.names import person_name_error
from shouwang.privacy.identifiers import identifiers_read
from shouwang.rumours.services import rumour_tip_match
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from .. import throttle
from ..codes import new_tracking_code
from ..models import (
    CATEGORIES,
    PUBLIC_CHANNELS,
    STAFF_CHANNELS,
    TEXT_LIMIT,
    Category,
    EventKind,
    Report,
    ReportType,
    Urgency,
)
from ..rules import INTAKE_HANDLE
from ..sla import due_times
from .common import choosable_units, clean_plate, clean_text, default_unit, record_event
from .photos import photo_check, photo_store

FIELDS = (
    "type",
    "category",
    "text",
    "place",
    "plate",
    "subject_name",
    "contact_name",
    "contact_phone",
    "anonymous",
    "urgency",
)


def _name(value: Any, field: str, errors: dict) -> str:
    name = clean_text(value, field, errors, limit=50)
    if name and field not in errors and person_name_error(name):
        errors[field] = _(person_name_error(name))
    return name


def report_values(data: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The model fields of a report from what was typed; what is wrong goes to `errors`."""
    report_type = str(data.get("type") or "")
    if report_type not in ReportType.values:
        errors["type"] = _("请选择：线索举报、求助或诉求")
    category = str(data.get("category") or "")
    if report_type in ReportType.values and category not in CATEGORIES[report_type]:
        errors["category"] = _("请选择具体类型")
    urgency = str(data.get("urgency") or Urgency.NORMAL)
    if urgency not in Urgency.values:
        errors["urgency"] = _("紧急程度应为一般或紧急")
    is_help = report_type == ReportType.HELP
    values: dict[str, Any] = {
        "type": report_type,
        "category": category,
        "urgency": urgency,
        "text": clean_text(
            data.get("text"), "text", errors, limit=TEXT_LIMIT, required=_("请描述具体情况")
        ),
        "place": clean_text(
            data.get("place"),
            "place",
            errors,
            limit=200,
            required=_("请填写地址，方便民警找到您") if is_help else None,
        ),
        "plate": clean_plate(data.get("plate"), errors),
        "subject_name": _name(data.get("subject_name"), "subject_name", errors),
        "contact_name": _name(data.get("contact_name"), "contact_name", errors),
    }
    anonymous = bool(data.get("anonymous"))
    phone_text = str(data.get("contact_phone") or "").strip()
    identifiers, phone_errors = identifiers_read(phone=phone_text, phone_field="contact_phone")
    errors.update(phone_errors)
    if anonymous and is_help:
        errors["anonymous"] = _("求助须留联系电话，民警才能联系您")
    elif anonymous and (phone_text or values["contact_name"]):
        errors["anonymous"] = _("选择匿名时请不要填写联系人和电话")
    elif not anonymous and not phone_text and "contact_phone" not in errors:
        errors["contact_phone"] = (
            _("请填写联系电话") if is_help else _("请填写联系电话，或选择匿名")
        )
    values.update(
        anonymous=anonymous,
        contact_phone=identifiers.phone,
        contact_phone_index=identifiers.phone_index,
    )
    return values


def _create(
    *,
    values: dict[str, Any],
    unit: Unit,
    channel: str,
    now: datetime,
    client_key: str = "",
    actor: Any = None,
    photo: Any = None,
    photo_kind: str | None = None,
) -> Report:
    due_assign_at, due_resolve_at = due_times(unit, values["type"], values["urgency"], now)
    code = new_tracking_code()
    while Report.objects.filter(tracking_code=code).exists():  # one chance in 2**60
        code = new_tracking_code()
    with transaction.atomic():
        report = Report(
            **values,
            tracking_code=code,
            unit=unit,
            channel=channel,
            client_key=client_key,
            received_at=now,
            due_assign_at=due_assign_at,
            due_resolve_at=due_resolve_at,
            created_by=actor,
        )
        report._history_user = actor
        report.save()
        record_event(
            report, EventKind.RECEIVED, actor, unit=unit, note=report.get_channel_display()
        )
        if photo is not None:
            photo_store(report=report, upload=photo, kind=photo_kind)
        if report.type == ReportType.TIP and report.category == Category.RUMOUR:
            _rumour_match(report)
    return report


def _rumour_match(report: Report) -> None:
    """A rumour tip is matched against the published rumours as it arrives: the best match is
    stored as its sighting (counted on the rumour) and noted in its history."""
    sighting = rumour_tip_match(source=report, text=report.text, unit=report.unit)
    if sighting is not None:
        record_event(
            report,
            EventKind.LINKED,
            None,
            note=_("与谣言库比对：%(claim)s（相似度 %(score).2f）")
            % {"claim": sighting.rumour.claim, "score": sighting.score},
        )


def _public_unit(unit: Any, errors: dict) -> Unit | None:
    if unit in (None, ""):
        return default_unit()
    try:
        chosen = choosable_units().filter(pk=int(unit)).first()
    except (TypeError, ValueError):
        chosen = None
    if chosen is None:
        errors["unit"] = _("请选择所在派出所、社区或村，不清楚可选“不确定”")
    return chosen


def report_check(data: dict[str, Any]) -> dict[str, str]:
    """The errors `report_submit` would find in `data`, without saving nor counting anything
    (the public page shows them all at once, beside a wrong challenge answer)."""
    errors: dict[str, str] = {}
    report_values(data, errors)
    _public_unit(data.get("unit"), errors)
    return errors


def report_submit(
    *,
    channel: str,
    client_address: str | None,
    data: dict[str, Any],
    photo: Any = None,
    now: datetime | None = None,
) -> Report:
    """A resident's report from the public page or API. Raises `throttle.RateLimited` past the
    limits of the address or the phone, ValidationError({field: 中文}) for bad input."""
    if channel not in PUBLIC_CHANNELS:
        raise ValueError(channel)
    now = now or timezone.now()
    key = throttle.client_key(client_address)
    throttle.check_address(key, now)
    errors: dict[str, str] = {}
    values = report_values(data, errors)
    unit = _public_unit(data.get("unit"), errors)
    kind = None
    if photo is not None:
        try:
            kind = photo_check(photo)
        except ValidationError as error:
            errors.update({f: m[0] for f, m in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    throttle.check_phone(values["contact_phone_index"], now)
    return _create(
        values=values,
        unit=unit,
        channel=channel,
        now=now,
        client_key=key,
        photo=photo,
        photo_kind=kind,
    )


def report_enter(
    *,
    actor: Any,
    channel: str,
    data: dict[str, Any],
    unit: Unit | None = None,
    photo: Any = None,
    now: datetime | None = None,
) -> Report:
    """A call, a visit or a WeChat message taken down by the duty desk, as the same record."""
    unit = unit or getattr(actor, "unit", None)
    require(actor, INTAKE_HANDLE, unit, unit_message=_("只能录入到本单位或下级单位"))
    errors: dict[str, str] = {}
    if channel not in STAFF_CHANNELS:
        errors["channel"] = _("请选择来源渠道：电话、来访或微信群")
    values = report_values(data, errors)
    if unit is not None and not unit_is_visible_to(unit, actor):
        errors["unit"] = _("只能录入到本单位或下级单位")
    kind = None
    if photo is not None:
        try:
            kind = photo_check(photo)
        except ValidationError as error:
            errors.update({f: m[0] for f, m in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return _create(
        values=values,
        unit=unit,
        channel=channel,
        now=now or timezone.now(),
        actor=actor,
        photo=photo,
        photo_kind=kind,
    )
