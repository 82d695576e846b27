"""Dates a plan sets: working days in England and Wales, paced at a person's hours a month; calendar months."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

DAYS_PER_MONTH = 30.44


def months_after(start: date, months: float) -> date:
    """The day about this many months after start (months of 30.44 days, so fractions work)."""
    return start + timedelta(days=round(months * DAYS_PER_MONTH))


def calendar_months_after(start: date, months: int) -> date:
    """The same day of the month `months` calendar months after start, or that month's last day if it is shorter.

    So 12 months after 29 February 2024 is 28 February 2025, and a month after 31 January is the end of February.
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


def months_and_days(start: date, end: date) -> tuple[int, int]:
    """The whole calendar months from start to end, and the days left over (both 0 when end is not after start)."""
    if end <= start:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and calendar_months_after(start, months) > end:
        months -= 1
    return months, (end - calendar_months_after(start, months)).days


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in a year, substitute days included (from the holidays package)."""
    import holidays  # loaded on first use: it is only needed when a plan gets dates

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_day_by(day: date, after: date) -> date:
    """The last working day on or before day, but later than after; else the first working day after it.

    A target falls due by the end of the time it is given, so it moves earlier, never later, unless
    that would put it on or before the day the planning starts.
    """
    moved = day
    while not is_working_day(moved):
        moved -= timedelta(days=1)
    if moved > after:
        return moved
    moved = after + timedelta(days=1)
    while not is_working_day(moved):
        moved += timedelta(days=1)
    return moved


def paced(hours: Iterable[float], start: date, hours_per_month: float, latest: date,
          already: float = 0.0) -> list[date]:
    """A target date for each piece of work in turn, when its hours are used up at the person's pace.

    Args:
        hours: the hours of each piece of work, in the order they are to be done.
        start: the day the planning starts (today, or the start of a route's step).
        hours_per_month: the hours a month the person gives.
        latest: no date falls after this day (the end of the horizon or of the step).
        already: hours of work already planned, done first.

    Returns:
        One working day for each piece, in order (never earlier than the one before), each at
        least a month after start, none after latest unless latest itself is not after start.
    """
    spent = already
    dates = []
    for each in hours:
        spent += each
        due = min(months_after(start, max(1.0, spent / hours_per_month)), latest)
        dates.append(working_day_by(due, start))
    return dates
