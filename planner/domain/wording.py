"""Dates, counts and lists written the way GOV.UK writes them: the one place for each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")


def long_date(value: date | None) -> str:
    """A date such as '2 June 2025' (no leading zero), or '' for no date."""
    return f"{value.day} {value:%B %Y}" if value else ""


def one_decimal(value: float) -> float:
    """An average rounded to one decimal place, halves up (3.25 -> 3.3): the one rule for every average shown."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def average(value: float | None, missing: str = "") -> str:
    """An average as one_decimal writes it ('3.3', '2.0'), or `missing` for no average."""
    return missing if value is None else f"{one_decimal(value):.1f}"


def time_of_day(value: datetime, seconds: bool = False) -> str:
    """A time of day in UK time such as '9:40pm' or '10am' (GOV.UK style); a naive time is UTC.

    Args:
        value: the moment.
        seconds: also give the seconds ('9:40:07pm'), to tell apart moments in the same minute.
    """
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UK_TIME)
    return clock(local.time(), seconds)


def clock(value: time, seconds: bool = False) -> str:
    """A time on the clock such as '9:40pm', '10am' or '12pm' (midday), as GOV.UK writes it.

    Args:
        value: the time, as the clock shows it.
        seconds: also give the seconds ('9:40:07pm').
    """
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if seconds:
        return f"{hour}:{value:%M:%S}{suffix}"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value:%M}{suffix}"


def moment(value: datetime) -> str:
    """A day and a time in UK time such as '1 December 2026 at 9:40pm', so two of one day differ."""
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UK_TIME)
    return f"{long_date(local.date())} at {time_of_day(local)}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun, singular for one: '1 point', '2 points', '3 people'.

    Args:
        number: how many.
        noun: the singular noun.
        plural: the plural when it is not the noun with an 's' ('people').
    """
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def months_and_days(months: int, days: int) -> str:
    """A length of time in calendar months and days: '4 months', '3 months and 12 days', '1 day', '0 days'."""
    parts = ([counted(months, "month")] if months else []) + ([counted(days, "day")] if days or not months else [])
    return " and ".join(parts)


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(number: int) -> str:
    """A small number in words, as GOV.UK writes one to nine ('three'); larger ones in digits."""
    return _NUMBER_WORDS[number] if 0 <= number < 10 else str(number)


def joined(items: Sequence[str], last: str = "and") -> str:
    """Items as a list in a sentence: 'a', 'a and b', 'a, b and c' (no Oxford comma, as GOV.UK)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
