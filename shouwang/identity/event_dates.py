"""The one rule for dates and times of things that happened: not before 2019, not in the future.

Passages, follow-ups, arrivals and the start of an isolation are records of events. A date
typed as 0001-01-01 or 9999-12-31 is a slip of the keyboard: it must come back as a field
error, not as years of follow-ups to generate or an overflow at the time-zone conversion.
The `*_error` functions are pure and return the message (None when the value is fine); the
`check_*` functions raise ValidationError({field: message}) for services.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

# The first cases were reported in December 2019: nothing this platform records is older.
EARLIEST_EVENT_DATE = date(2019, 1, 1)
# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)

TOO_EARLY = "日期不能早于2019年1月1日"
IN_THE_FUTURE = "日期不能晚于今天"
TIME_TOO_EARLY = "时间不能早于2019年1月1日"
TIME_IN_THE_FUTURE = "时间不能晚于当前时间"


def event_date_error(value: date, *, today: date, latest: date | None = None) -> str | None:
    """Why `value` cannot be the date of an event (None when it can); `latest` defaults to today."""
    if isinstance(value, datetime):
        value = value.date()
    if value < EARLIEST_EVENT_DATE:
        return TOO_EARLY
    latest = today if latest is None else latest
    if value > latest:
        return IN_THE_FUTURE if latest == today else f"日期不能晚于{latest.isoformat()}"
    return None


def event_time_error(value: datetime, *, now: datetime, skew: timedelta = CLOCK_SKEW) -> str | None:
    """Why an aware `value` cannot be the moment of an event (None when it can).

    Compared, never converted: 0001-01-01 east of Greenwich has no UTC value to convert to.
    """
    if value.date() < EARLIEST_EVENT_DATE:  # the date on the clock where it happened
        return TIME_TOO_EARLY
    if value > now + skew:
        return TIME_IN_THE_FUTURE
    return None


def check_event_date(
    value: date, field: str, *, today: date | None = None, latest: date | None = None
) -> date:
    """`value` when it is a possible event date, else ValidationError({field: message})."""
    message = event_date_error(value, today=today or timezone.localdate(), latest=latest)
    if message:
        raise ValidationError({field: message})
    return value


def check_event_time(value: datetime, field: str, *, now: datetime | None = None) -> datetime:
    """`value` when it is a possible event moment, else ValidationError({field: message})."""
    message = event_time_error(value, now=now or timezone.now())
    if message:
        raise ValidationError({field: message})
    return value
