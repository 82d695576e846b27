"""Routes from where a person is (grade, role) to where they want to be, step by step, with timings."""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from planner.domain import assessment, dates, plan, recommend
from planner.domain.assessment import Gap, Ratings
from planner.domain.curriculum import Curriculum
from planner.domain.in_grade import TimeInGrade
from planner.domain.models import Framework, GradeLadder
from planner.domain.roles import Roles
from planner.errors import PlannerError

GUIDE_ONLY = (
    "Grades are aligned with levels as a guide only: depth of expertise is not necessarily grade "
    "dependent, and your organisation may ask for more or less."
)


@dataclass(frozen=True, order=True)
class Place:
    role_id: str
    grade: str


@dataclass(frozen=True)
class Settings:
    """How routes are timed."""

    min_months_in_grade: int = 12
    lateral_months: int = 6
    nearly_ready_gaps: int = 3
    max_alternatives: int = 2
    months_left_in_grade: float | None = None
    """The months still to serve in the route's starting grade before a promotion from it, counted from
    when the person started in that grade (TimeInGrade.months_left); None counts the whole usual time from today."""

    def floor(self, kind: str, in_start_grade: bool) -> float:
        """The fewest months a move takes: the time in grade left (or the usual time) before a promotion,
        the time to settle into a new role for a lateral move.

        A lateral move keeps the grade, so a promotion from another role at the starting grade waits
        only for the time in grade still to serve, as one from the person's own role does.
        """
        if kind != "promotion":
            return float(self.lateral_months)
        if in_start_grade and self.months_left_in_grade is not None:
            return min(float(self.min_months_in_grade), self.months_left_in_grade)
        return float(self.min_months_in_grade)


@dataclass(frozen=True)
class Step:
    start: Place
    end: Place
    kind: str  # "promotion" or "lateral"
    levels: dict[int, int]
    gaps: list[Gap]
    activities: list[recommend.Recommendation] = field(default_factory=list)
    activity_hours: float = 0.0
    months: float = 0.0
    why_months: str = ""


@dataclass(frozen=True)
class Route:
    steps: list[Step]

    @property
    def months(self) -> float:
        return sum(s.months for s in self.steps)

    @property
    def places(self) -> list[Place]:
        return [self.steps[0].start, *[s.end for s in self.steps]] if self.steps else []

    @property
    def key(self) -> str:
        """Names the route by its places, so a choice of route survives a change in its timings."""
        return " > ".join(f"{p.role_id}@{p.grade}" for p in self.places)


READINESS_WORDS = {"ready": "Ready", "nearly": "Nearly ready", "not yet": "Not yet"}


@dataclass(frozen=True)
class Readiness:
    status: str  # "ready", "nearly", "not yet"
    gaps: int
    sentence: str


class _Graph:
    """Places (role at grade) joined by the moves people make: promotions and lateral moves."""

    def __init__(self, roles: Roles, ladder: GradeLadder):
        self.rank = {g.code: g.rank for g in ladder.grades}
        self.levels: dict[Place, dict[int, int]] = {}
        self.edges: dict[Place, list[tuple[Place, str]]] = {}
        for role in roles.roles:
            ordered = sorted(role.grades, key=lambda g: self.rank[g.grade])
            for n, at in enumerate(ordered):
                here = Place(role.id, at.grade)
                self.levels[here] = dict(at.levels)
                out = self.edges.setdefault(here, [])
                for move in at.moves:
                    out.append((Place(move.to_role, move.to_grade), move.kind))
                if n + 1 < len(ordered):  # promotion within the role is always possible
                    up = (Place(role.id, ordered[n + 1].grade), "promotion")
                    if up not in out:
                        out.append(up)


def _shortfall(fw: Framework, ratings: Ratings, levels: dict[int, int]) -> int:
    return assessment.total_shortfall(assessment.gaps(fw, ratings, levels))


def _at_least(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    return {s: max(a.get(s, 0), b.get(s, 0)) for s in sorted(a.keys() | b.keys())}


class _Timer:
    """Estimated months for each move, from the person's ratings and the curriculum's hours per point."""

    def __init__(self, fw: Framework, ratings: Ratings, curriculum: Curriculum, hours_per_month: float,
                 settings: Settings, graph: _Graph, start_grade: str):
        self.fw, self.ratings, self.graph, self.settings = fw, ratings, graph, settings
        self.start_grade = start_grade
        points = sum(d.points for a in curriculum.activities for d in a.develops) or 1
        self.hours_per_point = sum(a.hours for a in curriculum.activities) / points
        self.hours_per_month = hours_per_month
        self._cache: dict[tuple[object, ...], float] = {}

    def new_points(self, start: Place, end: Place) -> int:
        # Reaching a place means meeting its levels, so a move needs only what the new place adds.
        before = self.graph.levels[start]
        return _shortfall(self.fw, self.ratings, _at_least(before, self.graph.levels[end])) - _shortfall(
            self.fw, self.ratings, before
        )

    def months(self, start: Place, end: Place, kind: str) -> float:
        key = (start, end, kind)
        if key not in self._cache:
            learning = self.new_points(start, end) * self.hours_per_point / self.hours_per_month
            self._cache[key] = max(self.floor(start, kind), learning)
        return self._cache[key]

    def floor(self, start: Place, kind: str) -> float:
        return self.settings.floor(kind, start.grade == self.start_grade)


def _shortest(graph: _Graph, timer: _Timer, start: Place, goal: Place,
              banned_edges: set[tuple[Place, Place]], banned_places: set[Place],
              after_lateral: bool = False) -> list[tuple[Place, Place, str]] | None:
    """Dijkstra by estimated months; ties broken by fewer steps, then by name, so results are stable.

    Two lateral moves in a row are not allowed: people move across once, then up, rather than
    hopping between roles at one grade.
    """
    queue: list[tuple[float, int, Place, bool, tuple[tuple[Place, Place, str], ...]]] = [
        (0.0, 0, start, after_lateral, ())]
    best: dict[tuple[Place, bool], float] = {}
    while queue:
        months, steps, here, lateral, path = heapq.heappop(queue)
        if here == goal:
            return list(path)
        if best.get((here, lateral), math.inf) <= months:
            continue
        best[(here, lateral)] = months
        for there, kind in sorted(graph.edges.get(here, []), key=lambda e: (e[0], e[1])):
            if ((here, there) in banned_edges or there in banned_places
                    or graph.rank[there.grade] < graph.rank[here.grade]):
                continue
            if lateral and kind == "lateral":
                continue
            heapq.heappush(queue, (months + timer.months(here, there, kind), steps + 1, there, kind == "lateral",
                                   (*path, (here, there, kind))))
    return None


def _k_shortest(graph: _Graph, timer: _Timer, start: Place, goal: Place,
                k: int) -> list[list[tuple[Place, Place, str]]]:
    """Yen's algorithm: the fastest route, then the next fastest that differ from it."""
    first = _shortest(graph, timer, start, goal, set(), set())
    if first is None:
        return []
    found = [first]
    candidates: list[tuple[float, list[tuple[Place, Place, str]]]] = []

    def cost(path: list[tuple[Place, Place, str]]) -> float:
        return sum(timer.months(a, b, kind) for a, b, kind in path)

    while len(found) < k:
        last = found[-1]
        for i in range(len(last)):
            root = last[:i]
            spur = last[i][0]
            banned_edges = {(p[i][0], p[i][1]) for p in found if p[:i] == root and len(p) > i}
            banned_places = {a for a, _, _ in root}
            tail = _shortest(graph, timer, spur, goal, banned_edges, banned_places,
                             after_lateral=bool(root) and root[-1][2] == "lateral")
            if tail is not None:
                path = root + tail
                if path not in found and all(path != c[1] for c in candidates):
                    heapq.heappush(candidates, (cost(path), path))
        if not candidates:
            break
        found.append(heapq.heappop(candidates)[1])
    return found


def routes(
    fw: Framework,
    roles: Roles,
    ladder: GradeLadder,
    curriculum: Curriculum,
    ratings: Ratings,
    start: Place,
    goal: Place,
    constraints: recommend.Constraints,
    settings: Settings = Settings(),
) -> list[Route]:
    """The fastest route from start to goal first, then up to two alternatives that differ.

    Args:
        fw: the framework.
        roles: the roles and the moves between them.
        ladder: the grade ladder (to refuse routes that go down).
        curriculum: activities to recommend for each step's gaps.
        ratings: the person's latest ratings.
        start: current role and grade.
        goal: target role and grade.
        constraints: the person's means (hours a month sets the pace; budget applies per step).
        settings: minimum months in grade (and how many are left in the starting grade), months for a
            lateral move, what counts as nearly ready.

    Returns:
        Routes, fastest first; an empty route (no steps) when start and goal are the same place.

    Raises:
        PlannerError: the goal is below the start, a role is not found at a grade, or no route exists.
    """
    graph = _Graph(roles, ladder)
    for label, place in (("current", start), ("target", goal)):
        if place not in graph.levels:
            role = roles.role(place.role_id)
            raise PlannerError(
                f"The {label} role, {role.name}, is not found at {place.grade} in the roles data. "
                f"It is found at {', '.join(role.grade_codes)}."
            )
    if start == goal:
        return [Route([])]
    if graph.rank[goal.grade] < graph.rank[start.grade]:
        raise PlannerError(
            f"Your target grade ({goal.grade}) is below your current grade ({start.grade}). Routes here go "
            "up or across. For a move to a lower grade, talk to your line manager or HR."
        )
    timer = _Timer(fw, ratings, curriculum, constraints.hours_per_month, settings, graph, start.grade)
    # Search times moves by estimate; the detailed timing uses the activities really chosen, so
    # look at a few more routes than needed and order them by their detailed time.
    paths = _k_shortest(graph, timer, start, goal, 2 * (1 + settings.max_alternatives))
    if not paths:
        raise PlannerError(
            f"No route from {roles.role(start.role_id).name} at {start.grade} to "
            f"{roles.role(goal.role_id).name} at {goal.grade} is known in the roles data."
        )
    detailed = [_detail(fw, graph, timer, curriculum, ratings, path, constraints) for path in paths]
    detailed.sort(key=lambda r: (round(r.months, 6), len(r.steps)))
    return detailed[: 1 + settings.max_alternatives]


def _detail(fw: Framework, graph: _Graph, timer: _Timer, curriculum: Curriculum, ratings: Ratings,
            path: list[tuple[Place, Place, str]], constraints: recommend.Constraints) -> Route:
    steps = []
    assigned: set[str] = set()
    # Gaps against the current place count too: being in a post does not mean meeting all it asks.
    met_levels = graph.levels[path[0][0]]
    already: set[str] = set()
    for here, there, kind in path:
        levels = graph.levels[there]
        needed = _at_least(met_levels, levels)
        step_gaps = [g for g in assessment.gaps(fw, ratings, needed) if g.code not in already]
        floor = timer.floor(here, kind)
        # Give the step as long as its estimate (never less than its floor) to fit its activities in.
        estimate = assessment.total_shortfall(step_gaps) * timer.hours_per_point / constraints.hours_per_month
        horizon = max(1, min(60, math.ceil(max(floor, estimate))))
        step_constraints = replace(constraints, horizon_months=horizon)
        # Activities of earlier steps are done by then: not chosen again, and they meet prerequisites.
        earlier = plan.Commitments(in_plan=frozenset(assigned))
        picked = recommend.recommend(step_gaps, curriculum, step_constraints, held=earlier) if step_gaps else None
        activities = picked.items if picked else []
        assigned.update(r.activity.id for r in activities)
        hours = sum(r.activity.hours for r in activities)
        learning = hours / constraints.hours_per_month
        months = max(floor, learning)
        usual = timer.settings.min_months_in_grade
        if learning > floor:
            why = (f"{learning:.0f} months to complete {hours:g} hours of activities at "
                   f"{constraints.hours_per_month:g} hours a month")
        elif kind == "promotion" and floor == 0:
            why = f"you have served the usual {usual} months in a grade before promotion already"
        elif kind == "promotion" and floor < usual:
            left = "less than a month" if floor < 1 else f"the {floor:.0f} months"
            why = f"{left} left of the usual {usual} months in a grade before promotion, counted from when you started"
        elif kind == "promotion":
            why = f"the usual minimum of {usual} months in a grade before promotion"
        else:
            why = f"about {floor:.0f} months to settle into the new role"
        steps.append(Step(here, there, kind, levels, step_gaps, activities, hours, months, why))
        already |= {g.code for g in step_gaps}
        met_levels = needed
    return Route(steps)


def readiness(fw: Framework, ratings: Ratings, levels: dict[int, int], nearly: int = 3,
              in_grade: TimeInGrade | None = None) -> Readiness:
    """Whether a person is ready for a place's levels: ready, nearly (at most `nearly` gaps) or not yet.

    Given the time in grade (for a promotion), the sentence also says when the usual time is served:
    ready in every indicator is still not before that day.
    """
    count = len(assessment.gaps(fw, ratings, levels))
    when = f" {in_grade.before_promotion}" if in_grade is not None and in_grade.before_promotion else ""
    if count == 0:
        return Readiness("ready", 0, f"Ready: you meet every indicator it asks for.{when} {GUIDE_ONLY}")
    if count <= nearly:
        noun = "indicator" if count == 1 else "indicators"
        return Readiness("nearly", count, f"Nearly ready: {count} {noun} to go.{when} {GUIDE_ONLY}")
    return Readiness("not yet", count, f"Not yet: {count} indicators to go.{when} {GUIDE_ONLY}")


def grade_steps(fw: Framework, ladder: GradeLadder, grade_levels: Mapping[str, int], ratings: Ratings,
                from_grade: str, to_grade: str) -> list[dict[str, Any]]:
    """Targets by grade alone, for when no roles apply to the framework: each grade from one to another.

    Every skill's target at a grade is the level the grade asks (grade_levels), so no role is assumed.

    Args:
        fw: the framework in use.
        ladder: the grade ladder.
        grade_levels: the level each grade asks, as this installation sets it.
        ratings: the person's ratings.
        from_grade: where they are (the first row), a grade on the ladder.
        to_grade: where they want to be (the last row); at or above from_grade.

    Returns:
        One row a grade: its name, the level it asks, the gaps against it and whether they are ready.

    Raises:
        PlannerError: a grade is not on the ladder, or to_grade is below from_grade.
    """
    ranks = {g.code: g.rank for g in ladder.grades}
    for code in (from_grade, to_grade):
        if code not in ranks or code not in grade_levels:
            raise PlannerError(f"The grade '{code}' is not one this installation knows a level for.")
    if ranks[to_grade] < ranks[from_grade]:
        raise PlannerError(
            f"Your target grade ({to_grade}) is below your current grade ({from_grade}). Routes here go up. "
            "For a move to a lower grade, talk to your line manager or HR."
        )
    rows = []
    for grade in ladder.grades:
        if not ranks[from_grade] <= grade.rank <= ranks[to_grade]:
            continue
        level = grade_levels[grade.code]
        levels = {s.number: level for s in fw.skills}
        found = assessment.gaps(fw, ratings, levels)
        rows.append({
            "Grade": grade.name if grade.code in grade.name else f"{grade.name} ({grade.code})",
            "Level in every skill": level,
            "Your gaps for it": len(found),
            "Shortfall (points)": assessment.total_shortfall(found),
            "Ready?": READINESS_WORDS[readiness(fw, ratings, levels).status],
        })
    return rows


def timeline_rows(route: Route, roles: Roles, start: date) -> list[dict[str, Any]]:
    """One row per step with its start and end dates, for the route's timeline chart and table."""
    rows = []
    at = start
    for n, step in enumerate(route.steps, start=1):
        end = dates.months_after(at, step.months)
        rows.append({
            "step": f"{n}. {roles.role(step.end.role_id).name}, {step.end.grade}",
            "kind": "Promotion" if step.kind == "promotion" else "Lateral move",
            "start": at.isoformat(),
            "end": end.isoformat(),
            "months": round(step.months, 1),
            "gaps": len(step.gaps),
            "activities": len(step.activities),
        })
        at = end
    return rows


def added_from_route(added: int, already: int) -> str:
    """What adding a route's activities to the plan did, and why any were not added."""
    def activities(n: int) -> str:
        return f"{n} {'activity' if n == 1 else 'activities'}"

    if added and already:
        return (f"Added {activities(added)} from this route to your plan; {already} "
                f"{'was' if already == 1 else 'were'} already in your plan.")
    if added:
        return f"Added {activities(added)} from this route to your plan."
    if already:
        every = "it is" if already == 1 else f"all {already} are"
        return (f"Added 0 activities from this route: {every} already in your plan (planned, in progress "
                "or done). An activity you dropped is added again.")
    return "This route has no activities to add: its steps ask for nothing you do not meet already."


def dated_activities(route: Route, start: date, hours_per_month: float) -> list[tuple[recommend.Recommendation, date]]:
    """Every step's activities with target dates inside that step, in route order.

    The dates follow the rule every plan date follows (dates.paced): paced at the person's hours
    a month from the step's start, never past the step's end, on working days.
    """
    dated: list[tuple[recommend.Recommendation, date]] = []
    at = start
    for step in route.steps:
        end = dates.months_after(at, step.months)
        due = dates.paced([rec.activity.hours for rec in step.activities], at, hours_per_month, end)
        dated.extend(zip(step.activities, due))
        at = end
    return dated
