"""Gaps + curriculum + a person's means -> a short, ranked and explained list of activities."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.domain import dates, plan, wording
from planner.domain.assessment import Gap
from planner.domain.curriculum import CATEGORIES, Activity, Curriculum
from planner.domain.models import Framework, PlanItem
from planner.domain.selection import Candidate, Problem
from planner.errors import PlannerError

DEFAULT_MIX = {"experience": 70, "others": 20, "formal": 10}
CATEGORY_WORDS = {
    "experience": "learning by doing",
    "others": "learning from others",
    "formal": "formal learning",
}


@dataclass(frozen=True)
class Constraints:
    """What a person can give to their development."""

    budget: float = 500.0
    hours_per_month: float = 4.0
    horizon_months: int = 12
    formats: frozenset[str] = frozenset()
    avoid_providers: frozenset[str] = frozenset()
    max_items: int = 6
    mix: tuple[tuple[str, int], ...] = tuple(DEFAULT_MIX.items())
    years_experience: float = 0.0

    @property
    def hours_available(self) -> float:
        return self.hours_per_month * self.horizon_months

    def category_caps(self) -> dict[str, int]:
        """How many items of each 70:20:10 category the mix allows, out of max_items."""
        shares = dict(self.mix)
        total = sum(shares.values()) or 1
        return {
            c: (math.ceil(self.max_items * shares.get(c, 0) / total) if shares.get(c, 0) > 0 else 0)
            for c in CATEGORIES
        }


def check_constraints(c: Constraints) -> Constraints:
    """The constraints, if they make sense.

    Raises:
        PlannerError: a number is negative or absurd, or the mix adds up to nothing.
    """
    problems = []
    if not 0 <= c.budget <= 1_000_000:
        problems.append("The budget must be between £0 and £1,000,000.")
    if not 0 < c.hours_per_month <= 200:
        problems.append("Hours a month must be more than 0 and at most 200.")
    if not 1 <= c.horizon_months <= 60:
        problems.append("The time to plan for must be between 1 and 60 months.")
    if not 1 <= c.max_items <= 30:
        problems.append("The number of activities must be between 1 and 30.")
    if not 0 <= c.years_experience <= 50:
        problems.append("Years of experience must be between 0 and 50.")
    shares = dict(c.mix)
    if any(v < 0 for v in shares.values()) or sum(shares.values()) <= 0:
        problems.append("The mix of learning must give at least one kind a share above 0.")
    if problems:
        raise PlannerError(" ".join(problems))
    return c


@dataclass(frozen=True)
class Closure:
    """How much of one gap an activity closes."""

    code: str
    points: int
    shortfall: int


@dataclass(frozen=True)
class Recommendation:
    activity: Activity
    rank: int
    closes: tuple[Closure, ...]
    value: float
    reason: str
    needed_for: str | None = None

    @property
    def points_closed(self) -> int:
        return sum(c.points for c in self.closes)


@dataclass(frozen=True)
class Result:
    """The recommendations, what they use, and what the plan already held when they were made.

    planned: gaps the plan already works on (not aimed at again), with planned_shortfall points.
    committed_cost, committed_hours: what the plan's open activities take before these.
    """

    items: list[Recommendation]
    constraints: Constraints
    total_cost: float
    total_hours: float
    shortfall_closed: int
    total_shortfall: int
    uncovered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    planned_shortfall: int = 0
    committed_cost: float = 0.0
    committed_hours: float = 0.0

    @property
    def open_shortfall(self) -> int:
        """Points on the gaps the plan does not work on yet: what these recommendations aim at."""
        return self.total_shortfall - self.planned_shortfall

    @property
    def share_closed(self) -> float:
        return self.shortfall_closed / self.open_shortfall if self.open_shortfall else 1.0

    @property
    def budget_left(self) -> float:
        return max(0.0, self.constraints.budget - self.committed_cost - self.total_cost)

    @property
    def hours_left(self) -> float:
        return max(0.0, self.constraints.hours_available - self.committed_hours - self.total_hours)


def recommend(
    gaps: list[Gap],
    curriculum: Curriculum,
    constraints: Constraints,
    *,
    held: plan.Commitments | None = None,
) -> Result:
    """Choose and order activities that close the most weighted shortfall for their cost.

    Args:
        gaps: the person's gaps (from assessment.gaps).
        curriculum: the activities to choose from.
        constraints: budget, hours, horizon, formats, providers, number of items, 70:20:10 mix.
        held: what the plan already holds (plan.commitments): its activities are never recommended,
            done or planned ones meet prerequisites, the gaps it works on are not aimed at again, and
            the hours and fees of its open activities come out of the budget and the hours first.

    Returns:
        The ranked recommendations, prerequisites before what needs them, each with its reasons.

    Raises:
        PlannerError: the constraints do not make sense.
    """
    check_constraints(constraints)
    total_shortfall = sum(g.shortfall for g in gaps)
    if not gaps:
        return Result([], constraints, 0.0, 0.0, 0, 0,
                      notes=["You have no gaps against your target, so nothing is recommended."])
    held = held if held is not None else plan.Commitments()
    open_gaps = [g for g in gaps if g.code not in held.covered]
    planned = [g.code for g in gaps if g.code in held.covered]
    problem = Problem(open_gaps, curriculum, constraints, set(held.in_plan | held.done), set(held.done),
                       committed_cost=held.cost, committed_hours=held.hours)
    chosen = problem.solve() if open_gaps else []
    return _explain(problem, chosen, total_shortfall, planned, held)


def choose(gaps: list[Gap], curriculum: Curriculum, constraints: Constraints, *,
           weights: list[float] | None = None, exclude: frozenset[str] = frozenset()) -> Result:
    """Choose and order activities for gaps whose worth the caller sets (a team weighs each by its people).

    Args:
        gaps: the gaps to close.
        curriculum: the activities to choose from, priced as the caller pays for them.
        constraints: budget, hours, horizon, formats, providers, number of items, mix, experience.
        weights: the value of closing one point of each gap, in the order of gaps; gap_weight if None.
        exclude: ids of activities never to choose, nor use as prerequisites.

    Returns:
        The ranked recommendations, prerequisites before what needs them, each with its reasons.

    Raises:
        PlannerError: the constraints do not make sense, or weights do not match the gaps.
    """
    check_constraints(constraints)
    if weights is not None and len(weights) != len(gaps):
        raise PlannerError("Each gap needs one weight.")
    problem = Problem(gaps, curriculum, constraints, set(exclude), set())
    if weights is not None:
        problem.weight = list(weights)
    return _explain(problem, problem.solve() if gaps else [], sum(g.shortfall for g in gaps))


def _explain(problem: Problem, chosen: list[Candidate], total_shortfall: int, planned: list[str] | None = None,
             held: plan.Commitments | None = None) -> Result:
    held = held if held is not None else plan.Commitments()
    closed = [0] * len(problem.gaps)
    items: list[Recommendation] = []
    for cand in chosen:
        needed_for = problem.by_id[cand.ids[-1]].title
        for member in cand.ids:
            activity = problem.by_id[member]
            closes = []
            for d in activity.develops:
                g = next((i for i, gap in enumerate(problem.gaps) if gap.code == d.indicator), None)
                if g is None or closed[g] >= problem.shortfall[g]:
                    continue
                points = min(d.points, problem.shortfall[g] - closed[g])
                closes.append(Closure(d.indicator, points, problem.shortfall[g]))
                closed[g] += points
            value = sum(problem.weight[next(i for i, gap in enumerate(problem.gaps) if gap.code == c.code)] * c.points
                        for c in closes)
            rank = len(items) + 1
            prerequisite_of = needed_for if member != cand.ids[-1] else None
            items.append(Recommendation(activity, rank, tuple(closes), value,
                                        _reason(activity, closes, rank, prerequisite_of), prerequisite_of))
    total_cost = sum(c.cost for c in chosen)
    total_hours = sum(c.hours for c in chosen)
    limits = problem.constraints
    notes = _limit_notes(limits, held, bool(items), bool(problem.gaps))
    uncovered = [g.code for i, g in enumerate(problem.gaps) if closed[i] < problem.shortfall[i]]
    planned_shortfall = total_shortfall - sum(problem.shortfall)
    result = Result(items, limits, total_cost, total_hours, sum(closed), total_shortfall, uncovered, notes,
                    list(planned or []), planned_shortfall, held.cost, held.hours)
    on_top = (f", on top of £{held.cost:,.0f} and {held.hours:g} hours already in your plan"
              if held.cost or held.hours else "")
    notes.append(
        f"This uses £{total_cost:,.0f} of your £{limits.budget:,.0f} budget and "
        f"{total_hours:g} of your {limits.hours_available:g} hours{on_top}"
        f" (£{result.budget_left:,.0f} and {result.hours_left:g} hours left)."
    )
    return result


def _limit_notes(limits: Constraints, held: plan.Commitments, any_items: bool, any_open_gaps: bool) -> list[str]:
    """Why nothing (or little) is recommended, when the plan or the limits are the reason."""
    notes = []
    if not any_open_gaps:
        notes.append("Your plan already works on every gap against your target, so nothing more is recommended.")
        return notes
    if held.hours >= limits.hours_available:
        notes.append(f"Your plan is full: its open activities take {held.hours:g} hours, and you have "
                     f"{limits.hours_available:g} over {limits.horizon_months} months. Mark what you have finished "
                     "as done, drop what you will not do, or give more time, to make room for more.")
    elif held.cost and held.cost >= limits.budget:
        notes.append(f"The fees of your plan's open activities come to £{held.cost:,.0f}, all of your "
                     f"£{limits.budget:,.0f} budget, so only activities with no fee are suggested.")
    elif not any_items:
        notes.append("No activity fits these limits. Try a larger budget, more hours or more formats.")
    return notes


def _reason(activity: Activity, closes: list[Closure], rank: int, needed_for: str | None) -> str:
    parts = []
    if closes:
        listed = "; ".join(f"{c.points} of {wording.counted(c.shortfall, 'point')} on {c.code}" for c in closes)
        parts.append(f"Closes {listed}.")
    else:
        parts.append("Closes none of your gaps by itself.")
    cost = "no fee" if activity.cost == 0 else f"£{activity.cost:,.0f}"
    parts.append(f"Costs {cost} and about {activity.hours:g} hours; {CATEGORY_WORDS[activity.category]}.")
    if needed_for:
        parts.append(f"Comes first because {needed_for} needs it.")
    elif rank == 1:
        parts.append("Ranked first: it closes the most of your weighted shortfall for its cost.")
    else:
        parts.append(f"Ranked {_ordinal(rank)}: after those above, it closes the most of what is left for its cost.")
    return " ".join(parts)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def schedule(result: Result, start: date) -> list[tuple[Recommendation, date]]:
    """Target dates over the horizon in rank order, at the person's hours a month (see dates.paced).

    Each activity's date is when its hours are used up if the person works through the list in
    order, after the hours the plan's open activities already take; prerequisites therefore fall
    before what needs them. Dates are working days and never pass the horizon.
    """
    limits = result.constraints
    due = dates.paced([rec.activity.hours for rec in result.items], start, limits.hours_per_month,
                      dates.months_after(start, limits.horizon_months), already=result.committed_hours)
    return list(zip(result.items, due))


def as_plan_items(
    dated: list[tuple[Recommendation, date]],
    profile_id: str,
    fw: Framework,
    now: datetime,
    first_position: int = 0,
) -> list[PlanItem]:
    """Plan items for recommended activities, linked to the indicators they close.

    Args:
        dated: recommendations with their target dates (from schedule()).
        profile_id: whose plan they join.
        fw: the framework, to check the indicators.
        now: the time they are added.
        first_position: where in the plan's order the first one goes.

    Returns:
        New PlanItems, in the order given.
    """
    from planner.domain.models import ActivitySource

    items = []
    for offset, (rec, due) in enumerate(dated):
        codes = [c.code for c in rec.closes] or rec.activity.indicators
        closes = ", ".join(codes)
        items.append(
            plan.new_item(
                fw,
                profile_id=profile_id,
                objective=f"Complete \u201c{rec.activity.title}\u201d by {wording.long_date(due)}, and record "
                f"evidence of how it developed {closes}.",
                indicators=codes,
                activity_title=f"{rec.activity.title} ({rec.activity.provider})",
                source=ActivitySource.CURRICULUM,
                activity_id=rec.activity.id,
                target_date=due,
                position=first_position + offset,
                now=now,
            )
        )
    return items
