"""A team's capability over time: by calendar quarter, from each member's saved self-assessments.

For each quarter, each member counts with their latest self-assessment up to the quarter's end (for
the quarter under way, up to today); a member with none by then is not counted in that quarter.
Members are read as they are now: their current grade sets the level expected of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.domain import dates, wording
from planner.domain.models import MEETS, Framework
from planner.domain.team import Member, Snapshot

AT_LEAST = 4
"""The trend shows at least this many quarters, ending with the one under way."""
AT_MOST = 8
"""...and at most this many (two years), however far back the self-assessments go."""


HOW_COUNTED = ("Each quarter counts each person's latest self-assessment up to its last day (for the quarter under "
               "way, up to today); a person with none by then is not counted. A skill's average is of every rating "
               "given to its indicators; the share met is of the indicators at or below the level expected at each "
               "person's current grade.")
"""How the trend is worked out, in words, for the page and the workbook."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: Q1 is January to March."""

    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return dates.calendar_months_after(self.start, 3) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"

    def before(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)


def quarter_of(day: date) -> Quarter:
    """The calendar quarter a day falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters_to(today: date, earliest: date | None, at_least: int = AT_LEAST, at_most: int = AT_MOST) -> list[Quarter]:
    """The quarters a trend shows, oldest first, ending with today's.

    Args:
        today: the day; its quarter is the last shown.
        earliest: the first self-assessment anyone in the team took (None: none yet).
        at_least: the fewest quarters shown, even before anyone had rated themselves.
        at_most: the most quarters shown: older self-assessments count in the first quarter shown.

    Returns:
        Between at_least and at_most quarters, back to the quarter of `earliest` where that fits.
    """
    first = quarter_of(min(earliest, today)) if earliest else quarter_of(today)
    shown = [quarter_of(today)]
    while len(shown) < at_most and (len(shown) < at_least or shown[-1] > first):
        shown.append(shown[-1].before())
    return shown[::-1]


@dataclass(frozen=True)
class QuarterFigures:
    """The team's capability in one quarter, from each counted member's latest self-assessment by then."""

    quarter: Quarter
    up_to: date
    """The last day a self-assessment counts from: the quarter's end, or today for the quarter under way."""
    people: int
    """Members with a self-assessment by `up_to`."""
    expected: int
    """Indicators at or below the level expected at each counted member's grade, added up over them."""
    expected_met: int
    """Of those, the ones rated 3 (Competent) or 4 (Expert)."""
    averages: Mapping[int, float | None]
    """Each skill's average rating, over every rating given to its indicators (None: none rated)."""

    @property
    def share_met(self) -> float | None:
        """The share of the indicators expected at members' grades that they meet (None: none expected)."""
        return self.expected_met / self.expected if self.expected else None


@dataclass(frozen=True)
class Trend:
    """A team's capability quarter by quarter, oldest first."""

    quarters: tuple[QuarterFigures, ...]
    skill_names: Mapping[int, str]
    team_size: int

    @property
    def counted(self) -> tuple[QuarterFigures, ...]:
        """The quarters with at least one member counted."""
        return tuple(q for q in self.quarters if q.people)


@dataclass(frozen=True)
class _Reading:
    """What one snapshot adds to a quarter's figures."""

    expected: int
    expected_met: int
    totals: Mapping[int, tuple[int, int]]  # skill -> (sum of ratings, ratings given)


def quarterly(fw: Framework, members: Sequence[Member], grade_levels: Mapping[str, int], today: date,
              at_least: int = AT_LEAST, at_most: int = AT_MOST) -> Trend:
    """The team's capability in each quarter, from each member's latest self-assessment up to its end.

    Args:
        fw: the framework in use (ratings of codes it lacks are not counted).
        members: the team, each with their history of self-assessments.
        grade_levels: the level expected at each grade; a member whose grade has none here counts in
            the averages but not in the share met.
        today: the day; the last quarter is the one under way, counted up to today.
        at_least: the fewest quarters shown.
        at_most: the most quarters shown.

    Returns:
        The quarters oldest first, each with who is counted, the share met and each skill's average.
    """
    skills = [s.number for s in fw.skills]
    indicators = [(ind.code, ind.skill, ind.level) for ind in fw.indicators]
    histories = [sorted((s for s in m.history if s.taken_on <= today), key=lambda s: s.taken_on) for m in members]
    taken = [[s.taken_on for s in h] for h in histories]
    earliest = min((h[0].taken_on for h in histories if h), default=None)
    readings: dict[tuple[int, int], _Reading] = {}
    figures = []
    for quarter in quarters_to(today, earliest, at_least, at_most):
        up_to = min(quarter.end, today)
        people = expected = met = 0
        sums = dict.fromkeys(skills, 0)
        given = dict.fromkeys(skills, 0)
        for m, history in enumerate(histories):
            latest = bisect_right(taken[m], up_to) - 1
            if latest < 0:
                continue
            if (m, latest) not in readings:
                readings[(m, latest)] = _read(indicators, skills, history[latest], grade_levels.get(members[m].grade))
            reading = readings[(m, latest)]
            people += 1
            expected += reading.expected
            met += reading.expected_met
            for skill, (total, count) in reading.totals.items():
                sums[skill] += total
                given[skill] += count
        averages = {s: sums[s] / given[s] if given[s] else None for s in skills}
        figures.append(QuarterFigures(quarter, up_to, people, expected, met, averages))
    return Trend(tuple(figures), {s.number: s.name for s in fw.skills}, len(members))


def _read(indicators: Sequence[tuple[str, int, int]], skills: Sequence[int], snapshot: Snapshot,
          level: int | None) -> _Reading:
    """What one snapshot adds: its ratings by skill, and the indicators expected at `level` and met."""
    expected = met = 0
    sums = dict.fromkeys(skills, 0)
    given = dict.fromkeys(skills, 0)
    scores = snapshot.scores
    top = -1 if level is None else level
    for code, skill, at in indicators:
        score = scores.get(code)
        if score is not None:
            sums[skill] += score
            given[skill] += 1
        if at <= top:
            expected += 1
            met += score is not None and score >= MEETS
    return _Reading(expected, met, {s: (sums[s], given[s]) for s in skills})


def _moved(before: float, after: float, shown: Callable[[float], str]) -> str:
    """'rose from 1.8 to 2.4', 'fell from ...' or 'stayed at 2.0', as the figures are shown."""
    if shown(before) == shown(after):
        return f"stayed at {shown(after)}"
    return f"{'rose' if after > before else 'fell'} from {shown(before)} to {shown(after)}"


def _percent(share: float) -> str:
    return f"{share:.0%}"


def changes(trend: Trend) -> list[str]:
    """What changed between the first quarter anyone was counted in and the last, in sentences.

    Such as "Information Governance rose from 1.8 to 2.4 between Q1 2026 and Q4 2026." Averages
    are compared as they are shown (one decimal place) and shares as whole percentages.
    """
    counted = trend.counted
    if not counted:
        return ["No one in the team had saved a self-assessment by the end of these quarters, so there is no "
                "trend to show yet."]
    first, last = counted[0], counted[-1]
    if first is last:
        return [f"Self-assessments so far all fall in {last.quarter.label}, so there is no change to show yet: "
                "the trend needs them in two or more quarters."]
    between = f"between {first.quarter.label} and {last.quarter.label}"
    sentences = []
    for skill, name in trend.skill_names.items():
        before, after = first.averages.get(skill), last.averages.get(skill)
        if before is not None and after is not None:
            sentences.append(f"{name} {_moved(before, after, wording.average)} {between}.")
    if first.share_met is not None and last.share_met is not None:
        sentences.append(f"The share of indicators expected at people's grades that they meet "
                         f"{_moved(first.share_met, last.share_met, _percent)} {between}.")
    if first.people != last.people:
        sentences.append(f"The figures for {first.quarter.label} count "
                         f"{wording.counted(first.people, 'person', 'people')} and those for {last.quarter.label} "
                         f"{wording.counted(last.people, 'person', 'people')}, so part of the change is in who "
                         "is counted.")
    return sentences
