"""Weeks as the captains' figures count them: Monday to Sunday, local time."""

from datetime import date, timedelta


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
