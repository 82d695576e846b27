"""Gaps + curriculum + a person's means -> a short, ranked and explained list of activities."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from datetime import date

from planner.domain import dates, plan, wording
from planner.domain.assessment import Gap
from planner.domain.curriculum import CATEGORIES, Activity, Curriculum
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


def gap_weight(gap: Gap) -> float:
    """Value of closing one point of a gap: lower-level gaps weigh more, as they come first."""
    return 1.0 + 0.25 * (4 - gap.indicator.level)


@dataclass
class _Candidate:
    ids: tuple[str, ...]  # prerequisites first, the activity last
    cost: float
    hours: float
    categories: tuple[str, ...]
    touches: tuple[tuple[int, int], ...]  # (gap index, points) summed over the bundle
    units: float  # cost in shares of the budgets, the denominator of the value-for-cost ratio


class _Problem:
    """The selection problem in plain arrays, so the search is quick on large curricula."""

    def __init__(self, gaps: list[Gap], curriculum: Curriculum, constraints: Constraints,
                 exclude: set[str], done: set[str], committed_cost: float = 0.0, committed_hours: float = 0.0):
        self.gaps = gaps
        self.constraints = constraints
        # What the plan already takes leaves less of the budget and of the hours to the new activities.
        self.budget = max(0.0, constraints.budget - committed_cost)
        self.hours_available = max(0.0, constraints.hours_available - committed_hours)
        self.shortfall = [g.shortfall for g in gaps]
        self.weight = [gap_weight(g) for g in gaps]
        index = {g.code: i for i, g in enumerate(gaps)}
        self.by_id = {a.id: a for a in curriculum.activities}
        self.caps = constraints.category_caps()
        self.notes: list[str] = []
        budget = max(self.budget, 1.0)
        hours = max(self.hours_available, 1.0)

        def allowed(a: Activity) -> bool:
            return (
                a.id not in exclude
                and (not constraints.formats or a.format in constraints.formats)
                and a.provider not in constraints.avoid_providers
                and a.min_years_experience <= constraints.years_experience
                and self.caps.get(a.category, 0) > 0
            )

        self.candidates: list[_Candidate] = []
        for activity in sorted(curriculum.activities, key=lambda a: a.id):
            if not allowed(activity) or not any(d.indicator in index for d in activity.develops):
                continue
            chain = self._prerequisites(activity, done | exclude) if activity.prerequisites else []
            if chain is None or not all(allowed(self.by_id[p]) for p in chain):
                continue
            bundle = [*chain, activity.id]
            points: dict[int, int] = {}
            for member in bundle:
                for d in self.by_id[member].develops:
                    if d.indicator in index:
                        points[index[d.indicator]] = points.get(index[d.indicator], 0) + d.points
            cost = sum(self.by_id[m].cost for m in bundle)
            spent = sum(self.by_id[m].hours for m in bundle)
            if cost > self.budget or spent > self.hours_available or len(bundle) > constraints.max_items:
                continue
            self.candidates.append(
                _Candidate(
                    ids=tuple(bundle), cost=cost, hours=spent,
                    categories=tuple(self.by_id[m].category for m in bundle),
                    touches=tuple(sorted(points.items())),
                    units=cost / budget + spent / hours + 1e-9,
                )
            )

    def _prerequisites(self, activity: Activity, satisfied: set[str]) -> list[str] | None:
        """Unmet prerequisites in the order to do them, or None if one is unknown."""
        order: list[str] = []

        def visit(activity_id: str, seen: frozenset[str]) -> bool:
            for pre in self.by_id[activity_id].prerequisites:
                if pre in satisfied or pre in order:
                    continue
                if pre not in self.by_id or pre in seen:
                    return False
                if not visit(pre, seen | {pre}):
                    return False
                order.append(pre)
            return True

        return order if visit(activity.id, frozenset({activity.id})) else None

    def gain(self, cand: _Candidate, closed: list[int]) -> float:
        return sum(
            self.weight[g] * min(p, self.shortfall[g] - closed[g]) for g, p in cand.touches if closed[g] < self.shortfall[g]
        )

    def fits(self, cand: _Candidate, chosen: list[_Candidate], taken: set[str]) -> bool:
        """Whether a bundle can join those chosen within every limit (used by the benchmark too)."""
        selection = _Selection(self)
        for c in chosen:
            selection.add(c)
        return selection.can_add(cand) and not any(i in taken for i in cand.ids)

    def value(self, chosen: list[_Candidate]) -> float:
        closed = [0] * len(self.gaps)
        total = 0.0
        for cand in chosen:
            total += self.gain(cand, closed)
            for g, p in cand.touches:
                closed[g] = min(self.shortfall[g], closed[g] + p)
        return total

    def first_gains(self) -> list[float]:
        """Each candidate's gain when nothing is chosen yet (worked out once per solve)."""
        empty = [0] * len(self.gaps)
        return [self.gain(c, empty) for c in self.candidates]

    def greedy(self, by_ratio: bool, first: list[float] | None = None) -> list[_Candidate]:
        """Lazy greedy: the value still to gain only falls as more is chosen, so stale scores are upper bounds."""
        selection = _Selection(self)
        first = self.first_gains() if first is None else first

        def score(cand: _Candidate, gain: float) -> float:
            return gain / cand.units if by_ratio else gain

        heap = [(-score(c, first[n]), c.ids, n) for n, c in enumerate(self.candidates)]
        heap = [entry for entry in heap if entry[0] < 0]
        heapq.heapify(heap)
        while heap and selection.count < self.constraints.max_items:
            _, ids, n = heapq.heappop(heap)
            cand = self.candidates[n]
            gain = self.gain(cand, selection.closed)
            if gain <= 0:
                continue
            fresh = -score(cand, gain)
            if heap and fresh > heap[0][0] + 1e-12:
                heapq.heappush(heap, (fresh, ids, n))
                continue
            if selection.can_add(cand):
                selection.add(cand)
        return selection.chosen

    def improve(self, chosen: list[_Candidate], pool: list[_Candidate]) -> list[_Candidate]:
        """Try swapping one chosen bundle for one of the best unchosen ones while that gains value."""
        best_value = self.value(chosen)
        improved = True
        while improved:
            improved = False
            for i in range(len(chosen)):
                rest = chosen[:i] + chosen[i + 1:]
                base = _Selection(self)
                for c in rest:
                    base.add(c)
                rest_value = self.value(rest)
                chosen_ids = {c.ids for c in chosen}
                for cand in pool:
                    if cand.ids in chosen_ids or not base.can_add(cand):
                        continue
                    trial_value = rest_value + self.gain(cand, base.closed)
                    if trial_value > best_value + 1e-9:
                        chosen, best_value, improved = [*rest, cand], trial_value, True
                        break
                if improved:
                    break
        return self._fill(chosen)

    def _fill(self, chosen: list[_Candidate]) -> list[_Candidate]:
        selection = _Selection(self)
        for c in chosen:
            selection.add(c)
        gains = ((self.gain(c, selection.closed), c) for c in self.candidates)
        gaining = [(gain, c) for gain, c in gains if gain > 0]
        for _, cand in sorted(gaining, key=lambda gc: (-gc[0] / gc[1].units, gc[1].ids)):
            if selection.count >= self.constraints.max_items:
                break
            if self.gain(cand, selection.closed) > 0 and selection.can_add(cand):
                selection.add(cand)
        return selection.chosen

    def solve(self) -> list[_Candidate]:
        first = self.first_gains()
        order = sorted(range(len(self.candidates)),
                       key=lambda n: (-first[n] / self.candidates[n].units, self.candidates[n].ids))
        pool = [self.candidates[n] for n in order[:60]]
        runs = [self.improve(self.greedy(True, first), pool), self.improve(self.greedy(False, first), pool)]
        return max(runs, key=lambda r: (self.value(r), -sum(c.cost for c in r), [c.ids for c in r]))


class _Selection:
    """Bundles chosen so far with running totals, so each limit is checked in constant time."""

    def __init__(self, problem: _Problem):
        self.problem = problem
        self.chosen: list[_Candidate] = []
        self.closed = [0] * len(problem.gaps)
        self.cost = 0.0
        self.hours = 0.0
        self.count = 0
        self.used: dict[str, int] = {}
        self.taken: set[str] = set()

    def can_add(self, cand: _Candidate) -> bool:
        limits = self.problem.constraints
        if (self.cost + cand.cost > self.problem.budget + 1e-9
                or self.hours + cand.hours > self.problem.hours_available + 1e-9):
            return False
        if self.count + len(cand.ids) > limits.max_items:
            return False
        # A prerequisite already chosen for another activity is not bought twice: such a bundle waits.
        if any(i in self.taken for i in cand.ids):
            return False
        for cat in set(cand.categories):
            if self.used.get(cat, 0) + cand.categories.count(cat) > self.problem.caps.get(cat, 0):
                return False
        return True

    def add(self, cand: _Candidate) -> None:
        self.chosen.append(cand)
        self.cost += cand.cost
        self.hours += cand.hours
        self.count += len(cand.ids)
        self.taken.update(cand.ids)
        for cat in cand.categories:
            self.used[cat] = self.used.get(cat, 0) + 1
        for g, p in cand.touches:
            self.closed[g] = min(self.problem.shortfall[g], self.closed[g] + p)


def recommend(
    gaps: list[Gap],
    curriculum: Curriculum,
    constraints: Constraints,
    *,
    held: plan.Commitments = plan.Commitments(),
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
        return Result([], constraints, 0.0, 0.0, 0, 0, notes=["You have no gaps against your target, so nothing is recommended."])
    open_gaps = [g for g in gaps if g.code not in held.covered]
    planned = [g.code for g in gaps if g.code in held.covered]
    problem = _Problem(open_gaps, curriculum, constraints, set(held.in_plan | held.done), set(held.done),
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
    problem = _Problem(gaps, curriculum, constraints, set(exclude), set())
    if weights is not None:
        problem.weight = list(weights)
    return _explain(problem, problem.solve() if gaps else [], sum(g.shortfall for g in gaps))


def _explain(problem: _Problem, chosen: list[_Candidate], total_shortfall: int, planned: list[str] | None = None,
             held: plan.Commitments = plan.Commitments()) -> Result:
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
    fw,
    now,
    first_position: int = 0,
) -> list:
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
