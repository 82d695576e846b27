"""Team capability: many people's latest self-ratings side by side, shared gaps and coaching.

Learning for the team as a whole is planner.domain.team_learning; reading share files is planner.services.team.

Everything here is linear in the size of the team: each person's ratings are read once, and
what the team needs is added up per indicator (54 of them in the KIM framework), never person against person.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Literal, NamedTuple

from planner.domain import assessment, tables
from planner.domain.assessment import Target
from planner.domain.models import MEETS, Assessment, Framework, Indicator, Profile
from planner.errors import PlannerError

COACH_AT = 4
"""A rating of 4 (Expert) means a person could coach others in the indicator."""


# --- Members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One of a member's saved self-assessments: the day it was taken and its ratings, for the trend over time."""

    taken_on: date
    scores: Mapping[str, int]


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
    history: tuple[Snapshot, ...] = ()
    """Every self-assessment they saved, oldest first (the last is the one `scores` holds)."""


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
    """A team member from a profile and their assessments: the latest self-assessment counts, and every one
    of them makes the member's history (for the team's trend)."""
    ratings, snapshot = assessment.latest_ratings(list(assessments), None)
    own = reversed(assessment.latest_first([a for a in assessments if a.assessor == "self"]))
    return Member(
        profile_id=profile.id, name=profile.name, grade=profile.current_grade,
        role=profile.current_role or "", target_grade=profile.target_grade,
        scores={code: rating.score for code, rating in ratings.items()}, source=source,
        assessed_on=snapshot.taken_on if snapshot else None, exported_at=exported_at, file_name=file_name,
        history=tuple(Snapshot(a.taken_on, {code: r.score for code, r in a.ratings.items()}) for a in own),
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


def newest_per_person(read: Sequence[tuple[str, Member | str]]) -> SharedMembers:
    """The members read from share files (one file per person), the newest file of each person.

    A file that could not be read (too large, broken, of another kind) is listed with the reason
    and skipped; the others are kept. When two files hold the same person, the one exported last
    is used. planner.services.team reads the files.

    Args:
        read: (file name, the member it holds or why it could not be read), in the order uploaded.

    Returns:
        The members, the files that could not be read and the older files of the same person.
    """
    newest: dict[str, Member] = {}
    problems: list[FileNote] = []
    skipped: list[FileNote] = []
    for file_name, member in read:
        if isinstance(member, str):
            problems.append(FileNote(file_name, member))
            continue
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


NO_ROLE = "No role given"
"""How the filter by role names the members whose profile gives no role."""


def role_of(member: Member) -> str:
    """The member's current role as the filter by role lists it."""
    return member.role.strip() or NO_ROLE


def grades_and_roles(members: Sequence[Member], grade_order: Sequence[str]) -> tuple[list[str], list[str]]:
    """The grades (in the ladder's order, any it lacks after them) and roles (A to Z) the members hold now."""
    held = {m.grade for m in members}
    rank = {code: n for n, code in enumerate(grade_order)}
    grades = sorted(held, key=lambda g: (rank.get(g, len(rank)), g))
    roles = sorted({role_of(m) for m in members}, key=lambda r: (r == NO_ROLE, r.casefold()))
    return grades, roles


def filtered(members: Sequence[Member], grades: Collection[str] = (), roles: Collection[str] = ()) -> list[Member]:
    """The members whose current grade is one of `grades` and whose role is one of `roles` (empty: any).

    Members keep their order; a role is matched as role_of names it.
    """
    return [m for m in members if (not grades or m.grade in grades) and (not roles or role_of(m) in roles)]


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
    framework: str = ""
    """The framework's title, as documents name it."""

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
        framework=fw.title,
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
