"""Reading the duty area: the roster, the people, and the coverage check others call."""

from .coverage import CoverageGap, coverage_gaps, coverage_period
from .roster import (
    HoursServed,
    RosterDay,
    by_local_day,
    hours_period,
    hours_served,
    my_shifts,
    my_staff,
    posts_listed,
    roster_week,
    shifts_listed,
    staff_assignable,
    staff_listed,
)

__all__ = [
    "CoverageGap",
    "HoursServed",
    "RosterDay",
    "by_local_day",
    "coverage_gaps",
    "coverage_period",
    "hours_period",
    "hours_served",
    "my_shifts",
    "my_staff",
    "posts_listed",
    "roster_week",
    "shifts_listed",
    "staff_assignable",
    "staff_listed",
]
