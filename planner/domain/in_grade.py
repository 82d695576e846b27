"""Time in grade: how long a person has served in their grade, and the earliest day for a promotion.

The usual time in a grade before promotion is a setting (Settings.min_months_in_grade); it counts
from the day the person started in their current grade (Profile.grade_since), or from today when
they have not said. Routes (planner.domain.progression) wait only for the months still to serve.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.domain import dates, wording


@dataclass(frozen=True)
class TimeInGrade:
    """How long a person has been in a grade, and the earliest day they have served its usual time."""

    grade: str
    since: date | None
    """When they started in the grade; None when not known, and then the time counts from today."""
    usual_months: int
    today: date
    not_current: str | None = None
    """The person's current grade, when the grade planned from is another (so their start date does not apply)."""

    @property
    def earliest(self) -> date:
        """The first day the usual time in grade is served: that many calendar months after starting."""
        return dates.calendar_months_after(self.since or self.today, self.usual_months)

    @property
    def met(self) -> bool:
        return self.since is not None and self.earliest <= self.today

    @property
    def months_left(self) -> float | None:
        """Months from today to the earliest day (0 once met), in the months routes are timed in; None when
        the time counts from today, when a promotion waits the whole usual time (Settings.months_left_in_grade)."""
        if self.since is None:
            return None
        return max(0, (self.earliest - self.today).days) / dates.DAYS_PER_MONTH

    @property
    def before_promotion(self) -> str:
        """A short sentence for readiness for a promotion: the time in grade served, or the day it will be."""
        usual = wording.counted(self.usual_months, "month")
        if self.usual_months == 0:
            return ""
        if self.met:
            return f"You have served the usual {usual} in grade."
        return f"Not before {wording.long_date(self.earliest)}, when you will have served the usual {usual} in grade."

    @property
    def sentence(self) -> str:
        """The time in grade in words: when it is met, or how long until it is and from when it counts."""
        usual = wording.counted(self.usual_months, "month")
        earliest = wording.long_date(self.earliest)
        to_go = wording.months_and_days(*dates.months_and_days(self.today, self.earliest))
        if self.usual_months == 0:
            return "No time in grade is asked for before a promotion here (change this in Settings)."
        if self.since is None:
            why = (f"you are planning from {self.grade}, not your current grade ({self.not_current})"
                   if self.not_current else f"your profile does not say when you started at {self.grade}")
            return (f"Time in grade counts from today, as {why}: after the usual {usual} in grade, the earliest "
                    f"date for a promotion is {earliest}, {to_go} from today.")
        started = wording.long_date(self.since)
        if self.met:
            served = wording.months_and_days(*dates.months_and_days(self.since, self.today))
            return (f"You have met the usual {usual} in grade: you started at {self.grade} on {started}, "
                    f"{served} ago.")
        return (f"The earliest date for your next step up is {earliest}, {to_go} from today: the usual {usual} "
                f"in grade, counted from when you started at {self.grade} on {started}.")


def time_in_grade(grade: str, since: date | None, usual_months: int, today: date, *,
                  current_grade: str | None = None) -> TimeInGrade:
    """How long a person has served in the grade a route starts from, and when they meet the usual time.

    Args:
        grade: the grade the route starts from.
        since: when the person started in their current grade (Profile.grade_since); None if not given.
        usual_months: the usual months in a grade before promotion (the installation's setting).
        today: the day it is counted to.
        current_grade: the person's current grade; when the route starts from another, `since` does not
            apply and the time counts from today. None: the route starts from their current grade.

    Returns:
        The time in grade, with the earliest day for a promotion and the months left until then.
    """
    other = current_grade is not None and current_grade != grade
    return TimeInGrade(grade=grade, since=None if other else since, usual_months=usual_months, today=today,
                       not_current=current_grade if other else None)
