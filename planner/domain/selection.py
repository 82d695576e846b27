"""The search behind the recommender: which activities (with their prerequisites) close the most need for the cost.

planner.domain.recommend states the problem from a person's gaps and explains the answer;
planner.domain.team_learning states it for a team. The search itself is here, in plain arrays,
so it stays quick on large curricula.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.assessment import Gap
from planner.domain.curriculum import Activity, Curriculum

if TYPE_CHECKING:
    from planner.domain.recommend import Constraints


def gap_weight(gap: Gap) -> float:
    """Value of closing one point of a gap: lower-level gaps weigh more, as they come first.

    A gap at level 1 is worth 1.75 and one at the framework's top level 1.0, in even steps between
    (for the KIM framework's four levels: 1.75, 1.5, 1.25 and 1.0).
    """
    steps = max(gap.top_level - 1, 1)
    return 1.0 + 0.75 * (gap.top_level - gap.indicator.level) / steps


@dataclass
class Candidate:
    """One activity with its prerequisites, as the search sees it: its cost, hours and the points it closes."""

    ids: tuple[str, ...]  # prerequisites first, the activity last
    cost: float
    hours: float
    categories: tuple[str, ...]
    touches: tuple[tuple[int, int], ...]  # (gap index, points) summed over the bundle
    units: float  # cost in shares of the budgets, the denominator of the value-for-cost ratio


class Problem:
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

        self.candidates: list[Candidate] = []
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
                Candidate(
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

    def gain(self, cand: Candidate, closed: list[int]) -> float:
        return sum(
            self.weight[g] * min(p, self.shortfall[g] - closed[g])
            for g, p in cand.touches if closed[g] < self.shortfall[g]
        )

    def fits(self, cand: Candidate, chosen: list[Candidate], taken: set[str]) -> bool:
        """Whether a bundle can join those chosen within every limit (used by the benchmark too)."""
        selection = Selection(self)
        for c in chosen:
            selection.add(c)
        return selection.can_add(cand) and not any(i in taken for i in cand.ids)

    def value(self, chosen: list[Candidate]) -> float:
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

    def greedy(self, by_ratio: bool, first: list[float] | None = None) -> list[Candidate]:
        """Lazy greedy: the value still to gain only falls as more is chosen, so stale scores are upper bounds."""
        selection = Selection(self)
        first = self.first_gains() if first is None else first

        def score(cand: Candidate, gain: float) -> float:
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

    def improve(self, chosen: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
        """Try swapping one chosen bundle for one of the best unchosen ones while that gains value."""
        best_value = self.value(chosen)
        improved = True
        while improved:
            improved = False
            for i in range(len(chosen)):
                rest = chosen[:i] + chosen[i + 1:]
                base = Selection(self)
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

    def _fill(self, chosen: list[Candidate]) -> list[Candidate]:
        selection = Selection(self)
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

    def solve(self) -> list[Candidate]:
        first = self.first_gains()
        order = sorted(range(len(self.candidates)),
                       key=lambda n: (-first[n] / self.candidates[n].units, self.candidates[n].ids))
        pool = [self.candidates[n] for n in order[:60]]
        runs = [self.improve(self.greedy(True, first), pool), self.improve(self.greedy(False, first), pool)]
        return max(runs, key=lambda r: (self.value(r), -sum(c.cost for c in r), [c.ids for c in r]))


class Selection:
    """Bundles chosen so far with running totals, so each limit is checked in constant time."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.chosen: list[Candidate] = []
        self.closed = [0] * len(problem.gaps)
        self.cost = 0.0
        self.hours = 0.0
        self.count = 0
        self.used: dict[str, int] = {}
        self.taken: set[str] = set()

    def can_add(self, cand: Candidate) -> bool:
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

    def add(self, cand: Candidate) -> None:
        self.chosen.append(cand)
        self.cost += cand.cost
        self.hours += cand.hours
        self.count += len(cand.ids)
        self.taken.update(cand.ids)
        for cat in cand.categories:
            self.used[cat] = self.used.get(cat, 0) + 1
        for g, p in cand.touches:
            self.closed[g] = min(self.problem.shortfall[g], self.closed[g] + p)
