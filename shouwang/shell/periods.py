"""A period of local days as the aware moments a query compares with."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def period_q(field: str, date_from: date | None, date_to: date | None) -> Q:
    """`field` (a datetime) within the local days date_from..date_to, both included."""
    q = Q()
    if date_from is not None:
        q &= Q(**{f"{field}__gte": day_start(date_from)})
    if date_to is not None:
        q &= Q(**{f"{field}__lt": day_start(date_to + timedelta(days=1))})
    return q


def day_param(text: str | None, default: date | None = None) -> date | None:
    """A `?from=`/`?date=` parameter as a date; a malformed or far-off value gives `default`."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return default
    return day if date(2019, 1, 1) <= day <= date(2099, 12, 31) else default


def figures_params(request, units) -> tuple[object | None, date | None, date | None]:
    """A figures page's `?unit=&from=&to=`: the unit among `units` (the user's), and the days."""
    text = request.GET.get("unit") or ""
    unit = units.filter(pk=text).first() if text.isdigit() and len(text) < 19 else None
    return unit, day_param(request.GET.get("from")), day_param(request.GET.get("to"))
