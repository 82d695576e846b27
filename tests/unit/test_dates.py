"""Dates a plan sets: working days only, in order, paced at the person's hours, within the horizon."""

from datetime import date, timedelta

import holidays
import pytest

from planner.domain import dates

ENGLAND_AND_WALES = holidays.UK(subdiv="ENG", years=range(2025, 2032))


def _working(day: date) -> bool:
    return day.weekday() < 5 and day not in ENGLAND_AND_WALES


@pytest.mark.parametrize("day, expected", [
    (date(2026, 12, 25), date(2026, 12, 24)),   # Christmas Day (a Friday) -> Thursday
    (date(2026, 12, 28), date(2026, 12, 24)),   # Boxing Day observed on the Monday
    (date(2027, 3, 29), date(2027, 3, 25)),     # Easter Monday, back over Good Friday and the weekend
    (date(2027, 5, 1), date(2027, 4, 30)),      # a Saturday -> Friday
    (date(2027, 5, 5), date(2027, 5, 5)),       # a working Wednesday stays
])
def test_a_date_on_a_weekend_or_bank_holiday_moves_to_the_working_day_before(day, expected):
    assert dates.working_day_by(day, after=date(2026, 1, 1)) == expected


def test_a_date_never_moves_back_to_the_day_planning_starts_or_before():
    # Friday 25 December 2026 would move back to Thursday 24th, the day planning starts.
    assert dates.working_day_by(date(2026, 12, 25), after=date(2026, 12, 24)) == date(2026, 12, 29)


def test_paced_dates_are_working_days_in_order_within_the_horizon_from_any_start():
    hours = [7, 8, 15, 12, 20, 30, 2, 40]
    for offset in range(0, 800, 3):
        start = date(2026, 1, 1) + timedelta(days=offset)
        latest = start + timedelta(days=365)
        due = dates.paced(hours, start, 10.0, latest)
        assert due == sorted(due)
        assert all(_working(d) for d in due), (start, [d for d in due if not _working(d)])
        assert all(start < d <= latest for d in due)


def test_paced_dates_start_after_the_hours_already_planned():
    start = date(2027, 6, 1)
    fresh = dates.paced([10], start, 10.0, date(2030, 1, 1))
    after_planned = dates.paced([10], start, 10.0, date(2030, 1, 1), already=60)
    assert (fresh[0] - start).days <= 31
    assert 6 * 30 < (after_planned[0] - start).days <= 7 * 31
