"""What every intake service shares: events, units a resident may choose, text cleaning."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from shouwang.identity import IdentityError, parse_plate, to_simplified
from shouwang.identity.plain_text import plain_text_error
from shouwang.units.models import Unit, UnitKind

from ..models import Report, ReportEvent

# The units a resident picks from: where a station's people live and work, never a post.
CHOOSABLE_KINDS = (
    UnitKind.BUREAU,
    UnitKind.SUB_BUREAU,
    UnitKind.STATION,
    UnitKind.COMMUNITY,
    UnitKind.VILLAGE,
)


def choosable_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True, kind__in=CHOOSABLE_KINDS).order_by("path")


def default_unit() -> Unit | None:
    """Where "not sure" goes: the bureau highest in the tree (its duty desk routes it)."""
    return (
        Unit.objects.filter(is_active=True, kind=UnitKind.BUREAU).order_by("depth", "path").first()
        or Unit.objects.filter(is_active=True).order_by("depth", "path").first()
    )


def record_event(report: Report, kind: str, actor: Any = None, **fields: Any) -> ReportEvent:
    note = (fields.pop("note", "") or "")[:1000]
    return ReportEvent.objects.create(report=report, kind=kind, actor=actor, note=note, **fields)


def clean_text(
    value: Any, field: str, errors: dict, *, limit: int, required: str | None = None
) -> str:
    """Stripped, in Simplified characters (Traditional input is read and searched as
    Simplified), within `limit`; the error goes to errors[field]."""
    text = to_simplified(str(value or "").strip())
    if plain_text_error(text):
        errors[field] = _(plain_text_error(text))
    elif len(text) > limit:
        errors[field] = _("内容过长，最多%(limit)s个字") % {"limit": limit}
    elif not text and required:
        errors[field] = required
    return text


def clean_plate(value: Any, errors: dict, field: str = "plate") -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return parse_plate(text, settings.SHOUWANG_HOME_PLATE_PREFIXES).number
    except IdentityError:
        errors[field] = _("车牌号格式不正确，如：鄂A12345；看不全可写在情况描述里")
        return ""
