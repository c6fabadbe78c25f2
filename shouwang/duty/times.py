"""Local days and hours of the roster: a shift's times are instants, a roster's days are local."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

# Planned duty is at most a year ahead, and nothing on this platform is older than 2019.
EARLIEST = date(2019, 1, 1)
LATEST = date(2099, 12, 31)
PLANNING_HORIZON = timedelta(days=366)


def local_midnight(day: date) -> datetime:
    """The first instant of `day` in the bureau's time zone."""
    return datetime.combine(day, time(0), tzinfo=timezone.get_current_timezone())


def at_local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def aware(value: datetime) -> datetime:
    """A time typed without an offset is a time on the bureau's clock."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=timezone.get_current_timezone())
    return value


def this_hour() -> datetime:
    return timezone.localtime().replace(minute=0, second=0, microsecond=0)


def week_start_of(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def hours_between(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0) / 3600
