"""Team capability: many people's latest self-ratings side by side, shared gaps, coaching and team learning.

Everything here is linear in the size of the team: each person's ratings are read once, and
what the team needs is added up per indicator (54 of them), never person against person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Literal, NamedTuple

from planner.domain import assessment, recommend, tables
from planner.domain.assessment import Gap, Target
from planner.domain.curriculum import Activity, Curriculum
from planner.domain.models import MEETS, Assessment, Framework, Indicator, Profile
from planner.errors import PlannerError
from planner.io import bundle

COACH_AT = 4
"""A rating of 4 (Expert) means a person could coach others in the indicator."""


# --- Members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One person in the team: who they are, where they want to go, and their latest self-ratings."""

    profile_id: str
    name: str
    grade: str
    role: str
    target_grade: str | None
    scores: Mapping[str, int]
    source: Literal["local", "share"]
    assessed_on: date | None = None
    exported_at: datetime | None = None
    file_name: str | None = None
    years_experience: float | None = None
    """Years of KIM experience, when the lead has said; None counts as none for activities that ask for it."""


@dataclass(frozen=True)
class FileNote:
    """A share file that was not used, and why, in words fit to show the person who uploaded it."""

    file_name: str
    reason: str


@dataclass(frozen=True)
class SharedMembers:
    """What a set of share files gave: the people read, files that could not be read, files skipped."""

    members: list[Member]
    problems: list[FileNote]
    skipped: list[FileNote]


def member_from_profile(profile: Profile, assessments: Sequence[Assessment], *,
                        source: Literal["local", "share"] = "local", exported_at: datetime | None = None,
                        file_name: str | None = None) -> Member:
    """A team member from a profile and their assessments: only the latest self-assessment counts."""
    ratings, snapshot = assessment.latest_ratings(list(assessments), None)
    return Member(
        profile_id=profile.id, name=profile.name, grade=profile.current_grade,
        role=profile.current_role or "", target_grade=profile.target_grade,
        scores={code: rating.score for code, rating in ratings.items()}, source=source,
        assessed_on=snapshot.taken_on if snapshot else None, exported_at=exported_at, file_name=file_name,
    )


def members_from_profiles(profiles: Sequence[Profile],
                          assessments: Mapping[str, Sequence[Assessment]]) -> list[Member]:
    """Team members from profiles in this installation.

    Args:
        profiles: the people chosen.
        assessments: each person's assessments by profile id (a missing id means none yet).

    Returns:
        One member per distinct profile, in the order given.
    """
    seen: set[str] = set()
    members = []
    for profile in profiles:
        if profile.id not in seen:
            seen.add(profile.id)
            members.append(member_from_profile(profile, assessments.get(profile.id, ())))
    return members


def members_from_share_files(files: Sequence[tuple[str, bytes]]) -> SharedMembers:
    """Team members from share files (the JSON plan files people export), one file per person.

    A file that cannot be read (too large, broken, of another kind) is listed with the reason
    and skipped; the others are kept.
    When two files hold the same person, the one exported last is used.

    Args:
        files: (file name, contents) of each file, in the order uploaded.

    Returns:
        The members, the files that could not be read and the older files of the same person.
    """
    newest: dict[str, Member] = {}
    problems: list[FileNote] = []
    skipped: list[FileNote] = []
    for file_name, data in files:
        try:
            shared = bundle.read_bundle(data)
        except PlannerError as exc:
            problems.append(FileNote(file_name, str(exc)))
            continue
        member = member_from_profile(shared.profile, shared.assessments, source="share",
                                     exported_at=shared.exported_at, file_name=file_name)
        before = newest.get(member.profile_id)
        if before is not None and _moment(member.exported_at) <= _moment(before.exported_at):
            skipped.append(_older(member, before))
            continue
        if before is not None:
            skipped.append(_older(before, member))
        newest[member.profile_id] = member
    return SharedMembers(list(newest.values()), problems, skipped)


def combine(local: Sequence[Member], shared: SharedMembers) -> tuple[list[Member], list[FileNote]]:
    """The whole team: people from this installation and from share files, each person once.

    A person chosen from this installation is read directly, so a share file of theirs is skipped.

    Returns:
        The members ordered by name, and the share files skipped because of it.
    """
    local_ids = {m.profile_id for m in local}
    skipped = [
        FileNote(m.file_name or "", "Skipped: this person is already in the team from this installation, "
                                    "where their latest ratings are read directly.")
        for m in shared.members if m.profile_id in local_ids
    ]
    members = [*local, *(m for m in shared.members if m.profile_id not in local_ids)]
    return sorted(members, key=lambda m: (m.name.casefold(), m.profile_id)), skipped


def display_names(members: Sequence[Member], hide_names: bool) -> list[str]:
    """The name every output shows for each member, in member order.

    Hidden names become "Person 1" to "Person N" in the team's order, the same in every table,
    chart and file. Shown names that repeat get a number, such as "Sam Jones (2)", so that
    two people never merge into one row.
    """
    if hide_names:
        return [f"Person {n}" for n in range(1, len(members) + 1)]
    counts: dict[str, int] = {}
    names = []
    for member in members:
        counts[member.name] = counts.get(member.name, 0) + 1
        names.append(member.name if counts[member.name] == 1 else f"{member.name} ({counts[member.name]})")
    return names


def _moment(value: datetime | None) -> datetime:
    if value is None:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _older(older: Member, newer: Member) -> FileNote:
    when = "at the same time" if _moment(older.exported_at) == _moment(newer.exported_at) else "later"
    return FileNote(older.file_name or "", f"Skipped: {newer.file_name} holds the same person and was "
                                           f"exported {when}, so it is used instead.")


# --- The team's picture ----------------------------------------------------------------------


class Cell(NamedTuple):
    """One person's standing on one indicator."""

    score: int | None
    met: bool
    shortfall: int
    """Points short of 'meets' when the indicator is within the person's target; 0 otherwise."""


@dataclass(frozen=True)
class LevelSummary:
    """How many of the team meet one level of one skill (every indicator of levels 1 to it)."""

    skill: int
    level: int
    meeting: int
    team_size: int
    indicators_met: float
    """The team's average share of this skill's indicators met at this level."""

    @property
    def share(self) -> float:
        return self.meeting / self.team_size if self.team_size else 0.0


@dataclass(frozen=True)
class SharedGap:
    """An indicator that members fall short of against their own targets."""

    indicator: Indicator
    members: tuple[int, ...]
    total_shortfall: int

    @property
    def count(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class CoachingGroup:
    """People rated 4 on an indicator, the people with a gap in it, and a suggested pairing."""

    indicator: Indicator
    coaches: tuple[int, ...]
    learners: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]
    """(coach, learner): each learner with one coach, the learners spread evenly among coaches."""


@dataclass(frozen=True)
class TeamSummary:
    """The team's capability. People are referred to by their place in members, never by name."""

    members: tuple[Member, ...]
    indicators: tuple[Indicator, ...]
    skill_labels: Mapping[int, str]
    targets: tuple[Target | None, ...]
    target_grades: tuple[str, ...]
    matrix: tuple[tuple[Cell, ...], ...]
    levels: tuple[LevelSummary, ...]
    shared_gaps: tuple[SharedGap, ...]
    coaching: tuple[CoachingGroup, ...]
    no_target: tuple[int, ...]
    unrated: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)


def summarise(fw: Framework, members: Sequence[Member], grade_levels: Mapping[str, int]) -> TeamSummary:
    """The people x indicators matrix, the levels met, the biggest shared gaps and who could coach whom.

    Each person is measured against their own target: their target grade's level, or their
    current grade's level when they have none (assessment.default_target, with this
    installation's grade mapping). A person whose grade has no level here has no gaps counted.

    Args:
        fw: the framework.
        members: the team, in the order every output lists them.
        grade_levels: this installation's level for each grade.

    Returns:
        The summary; its work grows in step with the number of people.
    """
    indicators = tuple(fw.indicators)
    levels_of = sorted(lv.number for lv in fw.levels)
    groups = {(s.number, lv): [i for i, ind in enumerate(indicators) if ind.skill == s.number and ind.level == lv]
              for s in fw.skills for lv in levels_of}
    target_cache: dict[tuple[str, str | None], tuple[Target | None, str]] = {}
    meeting = {key: 0 for key in groups}
    met_share = {key: 0.0 for key in groups}
    short_of: list[list[int]] = [[] for _ in indicators]
    shortfall_sum = [0] * len(indicators)
    coaches: list[list[int]] = [[] for _ in indicators]
    targets, target_grades, matrix, no_target, unrated = [], [], [], [], []

    for m, member in enumerate(members):
        key = (member.grade, member.target_grade)
        if key not in target_cache:
            target_cache[key] = _target(fw, member, grade_levels)
        target, grade = target_cache[key]
        targets.append(target)
        target_grades.append(grade)
        if target is None:
            no_target.append(m)
        if not member.scores:
            unrated.append(m)
        scores = member.scores
        row = []
        for i, ind in enumerate(indicators):
            score = scores.get(ind.code)
            met = score is not None and score >= MEETS
            short = 0
            if not met and target is not None and ind.level <= target.get(ind.skill, 0):
                short = MEETS - (score or 0)
                short_of[i].append(m)
                shortfall_sum[i] += short
            elif score == COACH_AT:
                coaches[i].append(m)
            row.append(Cell(score, met, short))
        matrix.append(tuple(row))
        for skill in fw.skills:
            attained = True
            for lv in levels_of:
                group = groups[(skill.number, lv)]
                met_here = sum(row[i].met for i in group)
                met_share[(skill.number, lv)] += met_here / len(group) if group else 0.0
                attained = attained and met_here == len(group)
                if attained:
                    meeting[(skill.number, lv)] += 1

    size = len(members)
    levels = tuple(
        LevelSummary(skill, lv, meeting[(skill, lv)], size, met_share[(skill, lv)] / size if size else 0.0)
        for skill, lv in groups
    )
    order = sorted(range(len(indicators)), key=lambda i: (-len(short_of[i]), -shortfall_sum[i], i))
    shared = tuple(SharedGap(indicators[i], tuple(short_of[i]), shortfall_sum[i]) for i in order if short_of[i])
    coaching = tuple(
        CoachingGroup(indicators[i], tuple(coaches[i]), tuple(short_of[i]),
                      tuple((coaches[i][n % len(coaches[i])], learner) for n, learner in enumerate(short_of[i])))
        for i in order if short_of[i] and coaches[i]
    )
    return TeamSummary(
        members=tuple(members), indicators=indicators,
        skill_labels={s.number: tables.skill_label(fw, s.number) for s in fw.skills},
        targets=tuple(targets), target_grades=tuple(target_grades), matrix=tuple(matrix), levels=levels,
        shared_gaps=shared, coaching=coaching, no_target=tuple(no_target), unrated=tuple(unrated),
    )


def member_gaps(summary: TeamSummary, member: int) -> list[str]:
    """The codes one member falls short of against their own target, in framework order."""
    return [ind.code for ind, cell in zip(summary.indicators, summary.matrix[member]) if cell.shortfall]


def with_years(summary: TeamSummary, years: Mapping[str, float | None]) -> TeamSummary:
    """The summary with each member's years of KIM experience, by profile id (people not named keep theirs)."""
    members = tuple(replace(m, years_experience=years[m.profile_id]) if m.profile_id in years else m
                    for m in summary.members)
    return replace(summary, members=members)


def _target(fw: Framework, member: Member, grade_levels: Mapping[str, int]) -> tuple[Target | None, str]:
    try:
        return assessment.default_target(fw, member.grade, member.target_grade, grade_levels)
    except PlannerError:
        return None, member.target_grade or member.grade


# --- Learning for the team -------------------------------------------------------------------


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
    team_gaps = [Gap(g.indicator, MEETS - min(MEETS, max(1, int(g.total_shortfall / g.count + 0.5))))
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
                              weights=[recommend.gap_weight(gap) * g.count for gap, g in zip(team_gaps, shared)],
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


def _mask(members: Sequence[int]) -> int:
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
