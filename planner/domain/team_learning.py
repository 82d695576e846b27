"""Learning for a team: the activities that close the most of the team's gaps for the least cost.

The team's gaps (planner.domain.team) are added up per indicator, each weighted by how many people
need it, and handed to the recommender (planner.domain.recommend) as one problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.domain import recommend, selection
from planner.domain.assessment import Gap
from planner.domain.curriculum import Activity, Curriculum
from planner.domain.models import MEETS
from planner.domain.team import TeamSummary


@dataclass(frozen=True)
class TeamConstraints:
    """What the team can give to its development: a shared budget, and each person's time."""

    budget: float = 5_000.0
    hours_per_person_per_month: float = 4.0
    months: int = 12
    max_items: int = 6

    def for_recommender(self) -> recommend.Constraints:
        # Experience is judged per person (recommend_for_team), so the recommender itself asks for none.
        return recommend.Constraints(budget=self.budget, hours_per_month=self.hours_per_person_per_month,
                                     horizon_months=self.months, max_items=self.max_items,
                                     years_experience=MOST_YEARS)


MOST_YEARS = 50.0
"""More years than any activity may ask for."""


@dataclass(frozen=True)
class TeamActivity:
    """One recommended activity for the team: who it helps and what it costs them all."""

    rank: int
    activity: Activity
    people: tuple[int, ...]
    team_cost: float
    closes: tuple[str, ...]
    needed_for: str | None = None
    without_experience: int = 0
    """People who need the activity but have fewer years of experience than it asks for."""

    @property
    def places(self) -> int:
        return len(self.people)

    @property
    def reason(self) -> str:
        parts = []
        noun = "person" if self.places == 1 else "people"
        if self.closes:
            parts.append(f"Helps {self.places} {noun} with {', '.join(self.closes)}.")
        else:
            parts.append(f"For {self.places} {noun}.")
        if self.without_experience:
            needing = self.places + self.without_experience
            parts.append(f"Asks for {_years(self.activity.min_years_experience)} experience, so it is for the "
                         f"{self.places} of the {needing} people who need it who have that.")
        cost = "No fee" if self.activity.cost == 0 else (
            f"£{self.activity.cost:,.0f} a place, £{self.team_cost:,.0f} in all")
        hours = "hour" if self.activity.hours == 1 else "hours"
        parts.append(f"{cost}; about {self.activity.hours:g} {hours} each; "
                     f"{recommend.CATEGORY_WORDS[self.activity.category]}.")
        if self.needed_for:
            parts.append(f"Comes first because {self.needed_for} needs it.")
        return " ".join(parts)


@dataclass(frozen=True)
class LeftOut:
    """An activity that would help someone in the team but that none of them can take, and why."""

    activity: Activity
    reason: str


@dataclass(frozen=True)
class TeamPlan:
    """The activities that close the most of the team's gaps for the least cost."""

    items: tuple[TeamActivity, ...]
    constraints: TeamConstraints
    total_cost: float
    hours_per_person: float
    gaps_addressed: int
    total_gaps: int
    notes: tuple[str, ...]
    left_out: tuple[LeftOut, ...] = ()


def recommend_for_team(summary: TeamSummary, curriculum: Curriculum, constraints: TeamConstraints) -> TeamPlan:
    """Run the recommender on the team's gaps added up, each weighted by how many people need it.

    One gap per indicator stands for the team: its shortfall is the average of those short of
    it, and closing a point of it is worth as much as the number of people who need it. An
    activity costs its fee for each person who needs something it develops (a place each);
    hours count per person, since each person takes part in their own time. An activity that
    asks for years of experience is for the people who need it and have those years (and its
    prerequisites for them too); one that none of them can take is left out, with the reason.

    Args:
        summary: the team, from summarise.
        curriculum: the activities to choose from.
        constraints: the team's budget, each person's hours a month, months and number of items.

    Returns:
        The ranked activities with the people each helps, and notes in plain English.

    Raises:
        PlannerError: the constraints do not make sense.
    """
    limits = recommend.check_constraints(constraints.for_recommender())
    shared = summary.shared_gaps
    total_gaps = sum(g.count for g in shared)
    if not shared:
        return TeamPlan((), constraints, 0.0, 0.0, 0, 0,
                        ("No one in the team falls short of their target, so nothing is recommended.",))
    top_level = max(ind.level for ind in summary.indicators)
    team_gaps = [Gap(g.indicator, MEETS - min(MEETS, max(1, int(g.total_shortfall / g.count + 0.5))), top_level)
                 for g in shared]
    masks = {g.indicator.code: _mask(g.members) for g in shared}
    everyone = _mask(range(summary.size))
    years = [m.years_experience or 0.0 for m in summary.members]
    able = {a.id: _mask(m for m, y in enumerate(years) if y >= a.min_years_experience) if a.min_years_experience
            else everyone for a in curriculum.activities}
    wanted = _who_needs(curriculum, masks, {a.id: everyone for a in curriculum.activities})
    need = _who_needs(curriculum, masks, able)
    left_out = tuple(LeftOut(a, _left_out_reason(a, wanted[a.id])) for a in curriculum.activities
                     if wanted[a.id] and not need[a.id])
    priced = curriculum.model_copy(update={"activities": [
        a.model_copy(update={"cost": a.cost * max(1, need[a.id].bit_count())}) for a in curriculum.activities
    ]})
    result = recommend.choose(team_gaps, priced, limits,
                              weights=[selection.gap_weight(gap) * g.count for gap, g in zip(team_gaps, shared)],
                              exclude=frozenset(a.id for a in curriculum.activities if not need[a.id]))

    original = {a.id: a for a in curriculum.activities}
    items = tuple(
        TeamActivity(rank=rec.rank, activity=original[rec.activity.id], people=_members_of(need[rec.activity.id]),
                     team_cost=rec.activity.cost, closes=tuple(c.code for c in rec.closes),
                     needed_for=rec.needed_for,
                     without_experience=(wanted[rec.activity.id] & ~need[rec.activity.id]).bit_count())
        for rec in result.items
    )
    # One person short of one indicator is one gap, counted once, and only for the people an activity is for.
    reached: dict[str, int] = {}
    for item in items:
        for code in item.closes:
            reached[code] = reached.get(code, 0) | (masks[code] & _mask(item.people))
    addressed = sum(mask.bit_count() for mask in reached.values())
    hours = sum(item.activity.hours for item in items)
    notes = []
    if not items:
        notes.append("No activity fits these limits. Try a larger budget, more hours or more months.")
    else:
        notes.append(f"These activities work on {addressed} of the team's {total_gaps} individual gaps "
                     f"(one person short of one indicator is one gap).")
    notes.append(f"This uses £{result.total_cost:,.0f} of the team's £{constraints.budget:,.0f} budget "
                 f"(£{constraints.budget - result.total_cost:,.0f} left), paying for a place for each "
                 f"person who needs an activity.")
    notes.append(f"Someone who takes part in every activity spends about {hours:g} hours, within the "
                 f"{limits.hours_available:g} hours each person has over {constraints.months} months.")
    if left_out:
        one = len(left_out) == 1
        notes.append(f"{len(left_out)} {'activity was' if one else 'activities were'} left out because "
                     f"{'it asks' if one else 'they ask'} for more years of experience than anyone who needs "
                     f"{'it' if one else 'them'} has; the list below says which and why.")
    return TeamPlan(items, constraints, result.total_cost, hours, addressed, total_gaps, tuple(notes), left_out)


def _years(value: float) -> str:
    return f"{value:g} year's" if value == 1 else f"{value:g} years'"


def _left_out_reason(activity: Activity, wanted: int) -> str:
    count = wanted.bit_count()
    people = "the 1 person" if count == 1 else f"the {count} people"
    if activity.min_years_experience:
        return (f"It asks for {_years(activity.min_years_experience)} experience, and none of {people} "
                f"who need it has that many years.")
    return (f"It must follow an activity that asks for more years of experience than {people} who "
            f"need it have.")


def _mask(members: Iterable[int]) -> int:
    # A set of people as the bits of one integer: unions and counts stay cheap for large teams.
    mask = 0
    for m in members:
        mask |= 1 << m
    return mask


def _members_of(mask: int) -> tuple[int, ...]:
    found = []
    m = 0
    while mask:
        if mask & 1:
            found.append(m)
        mask >>= 1
        m += 1
    return tuple(found)


def _who_needs(curriculum: Curriculum, masks: Mapping[str, int], able: Mapping[str, int]) -> dict[str, int]:
    """For each activity, the people with a gap in what it develops who are able to take it.

    A prerequisite serves them too; someone unable to take a prerequisite cannot take what needs it.
    """
    by_id = {a.id: a for a in curriculum.activities}
    chain: dict[str, int] = {}

    def able_through(activity_id: str) -> int:
        # The curriculum has no cycles (checked when it is loaded), so this ends.
        if activity_id not in chain:
            mask = able[activity_id]
            for pre in by_id[activity_id].prerequisites:
                if pre in by_id:
                    mask &= able_through(pre)
            chain[activity_id] = mask
        return chain[activity_id]

    need = {a.id: _union(masks.get(d.indicator, 0) for d in a.develops) & able_through(a.id)
            for a in curriculum.activities}
    changed = True
    while changed:  # ends after the longest chain of prerequisites
        changed = False
        for a in curriculum.activities:
            for pre in a.prerequisites:
                if pre in need and need[a.id] & ~need[pre]:
                    need[pre] |= need[a.id]
                    changed = True
    return need


def _union(masks: Iterable[int]) -> int:
    total = 0
    for mask in masks:
        total |= mask
    return total
