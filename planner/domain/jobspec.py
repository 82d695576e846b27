"""Job and person specifications from the framework, in the shape of a Civil Service job advert."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from planner.domain import behaviours as behaviours_module
from planner.domain import roles as roles_module
from planner.domain.behaviours import BehaviourSet
from planner.domain.models import MAX_TEXT, Framework
from planner.domain.roles import Roles
from planner.errors import PlannerError

ESSENTIAL = "Essential"
DESIRABLE = "Desirable"
LEFT_OUT = "Leave out"
WEIGHTS = (ESSENTIAL, DESIRABLE, LEFT_OUT)
"""How a technical criterion is used: essential, desirable, or left out of the post."""

DEFAULT_PASS_MARK = 4
"""The usual pass mark of a behaviour or an essential criterion on the 1-7 scale ("acceptable standard")."""
DEFAULT_SIFT_WEIGHT = 1.0
"""The usual sift weight: each score counts once in the weighted total."""

SUGGESTED_BEHAVIOURS = ("seeing-the-big-picture", "communicating-and-influencing", "working-together",
                        "delivering-at-pace")
"""The behaviours a new specification starts with, for the hiring manager to change: four that many posts assess."""


@dataclass(frozen=True)
class Criterion:
    """A technical criterion: one of the framework's indicators."""

    code: str
    statement: str
    level: int
    skill: int
    weight: str
    """Essential, desirable or left out (WEIGHTS)."""
    pass_mark: int = DEFAULT_PASS_MARK
    """The lowest sift score that meets it; applies while it is essential."""
    sift_weight: float = DEFAULT_SIFT_WEIGHT


@dataclass(frozen=True)
class BehaviourCriterion:
    """A Success Profiles behaviour the post assesses, at the level of the post's grade."""

    id: str
    name: str
    level: int
    grades: str
    """The grades that level is for, such as "HEO and SEO"."""
    description: str
    """What the behaviour asks at that level."""
    pass_mark: int = DEFAULT_PASS_MARK
    sift_weight: float = DEFAULT_SIFT_WEIGHT


@dataclass(frozen=True)
class Post:
    """What the hiring manager says about the post itself."""

    title: str = ""
    team: str = ""
    location: str = ""
    salary_band: str = ""
    closing_date: date | None = None
    summary: str = ""
    responsibilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobSpec:
    role_names: tuple[str, ...]
    """The roles the post combines; none for a post specified by its grade alone."""
    grade: str
    grade_name: str
    levels: dict[int, int]
    criteria: tuple[Criterion, ...]
    post: Post = field(default_factory=Post)
    framework: str = ""
    """The framework's title, as the advert names it."""
    skill_names: Mapping[int, str] = field(default_factory=dict)
    """Each skill's name by number, as the advert names the levels asked."""
    behaviours: tuple[BehaviourCriterion, ...] = ()
    """The Success Profiles behaviours the post assesses, in Success Profiles order."""

    @property
    def essential(self) -> list[Criterion]:
        return [c for c in self.criteria if c.weight == ESSENTIAL]

    @property
    def desirable(self) -> list[Criterion]:
        return [c for c in self.criteria if c.weight == DESIRABLE]

    @property
    def assessed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.weight != LEFT_OUT]


def draft(fw: Framework, roles: Roles, role_ids: list[str], grade: str, grade_name: str,
          grade_levels: Mapping[str, int]) -> JobSpec:
    """A first specification for a role (or a blend of roles) at a grade, for the manager to edit.

    Essential criteria are the indicators the roles lean on most at that grade. Desirable ones
    are the other indicators at the post's level in each skill; lower levels are assumed, as the
    framework's skills are cumulative. Where a role is not found at the grade, the grade's
    level from the grade alignment is used for it.

    Raises:
        PlannerError: no role was chosen, or a role is unknown.
    """
    if not role_ids:
        raise PlannerError("Choose at least one role.")
    chosen = [roles.role(r) for r in role_ids]
    at_grade = [r.at(grade) for r in chosen]
    levels_each = [
        rg.levels if rg else {s.number: grade_levels.get(grade, 1) for s in fw.skills} for rg in at_grade
    ]
    levels = {s.number: max(lv.get(s.number, 0) for lv in levels_each) for s in fw.skills}
    key = roles_module.blended_key_indicators([rg for rg in at_grade if rg])
    criteria = []
    for ind in fw.indicators:
        if ind.code in key:
            weight = ESSENTIAL
        elif ind.level == levels[ind.skill]:
            weight = DESIRABLE
        else:
            continue
        criteria.append(Criterion(ind.code, ind.statement, ind.level, ind.skill, weight))
    criteria.sort(key=lambda c: (WEIGHTS.index(c.weight), c.skill, c.level, c.code))
    return JobSpec(tuple(r.name for r in chosen), grade, grade_name, levels, tuple(criteria),
                   framework=fw.title, skill_names={s.number: s.name for s in fw.skills})


def draft_for_grade(fw: Framework, grade: str, grade_name: str, grade_levels: Mapping[str, int]) -> JobSpec:
    """A first specification for a post at a grade, with no role: where no roles apply to the framework.

    Every skill asks the grade's level (from the grade alignment); the indicators at that level are the
    essential criteria, for the manager to edit. Lower levels are assumed, as skills are cumulative.

    Raises:
        PlannerError: the grade has no level in the alignment.
    """
    if grade not in grade_levels:
        raise PlannerError(f"The grade '{grade}' is not one this installation knows a level for.")
    level = min(grade_levels[grade], fw.top_level)
    criteria = tuple(Criterion(ind.code, ind.statement, ind.level, ind.skill, ESSENTIAL)
                     for ind in sorted(fw.indicators, key=lambda i: (i.skill, i.number)) if ind.level == level)
    return JobSpec((), grade, grade_name, {s.number: level for s in fw.skills}, criteria,
                   framework=fw.title, skill_names={s.number: s.name for s in fw.skills})


def reweighed(spec: JobSpec, weights: Mapping[str, str]) -> JobSpec:
    """The specification with criteria moved between essential, desirable and left out.

    Raises:
        PlannerError: a weight is not one of essential, desirable or leave out, or nothing is left to assess.
    """
    bad = {w for w in weights.values() if w not in WEIGHTS}
    if bad:
        raise PlannerError(f"Each criterion must be {ESSENTIAL}, {DESIRABLE} or {LEFT_OUT}.")
    criteria = tuple(replace(c, weight=weights.get(c.code, c.weight)) for c in spec.criteria)
    if not any(c.weight != LEFT_OUT for c in criteria):
        raise PlannerError("Keep at least one criterion to assess candidates against.")
    return replace(spec, criteria=criteria)


def with_behaviours(spec: JobSpec, behaviours: BehaviourSet, chosen: Iterable[str]) -> JobSpec:
    """The specification with the Success Profiles behaviours the post assesses, at its grade's level.

    Args:
        spec: the specification so far.
        behaviours: what each behaviour asks at each level.
        chosen: the ids of the behaviours chosen (usually four to six).

    Raises:
        PlannerError: none is chosen, one is not among the nine or is chosen twice, or Success Profiles places
            no behaviour level at the post's grade.
    """
    ids = behaviours_module.chosen_behaviours(chosen)
    expected = behaviours_module.expected_at(behaviours, spec.grade, ids)
    return replace(spec, behaviours=tuple(
        BehaviourCriterion(e.behaviour_id, e.name, e.level, e.grades, e.description) for e in expected))


def with_post(spec: JobSpec, post: Post, today: date) -> JobSpec:
    """The specification with the post's own details, checked.

    Raises:
        PlannerError: the title is missing, a text is too long, or the closing date has passed.
    """
    problems = []
    if not post.title.strip():
        problems.append("Give the post a title.")
    for label, text in (("title", post.title), ("team", post.team), ("location", post.location),
                        ("salary band", post.salary_band)):
        if len(text) > 200:
            problems.append(f"The {label} is too long; use 200 characters or fewer.")
    if len(post.summary) > MAX_TEXT or any(len(r) > MAX_TEXT for r in post.responsibilities):
        problems.append(f"Keep the summary and each responsibility to {MAX_TEXT:,} characters or fewer.")
    if post.closing_date and post.closing_date < today:
        problems.append("The closing date has passed. Choose today or a later date.")
    if problems:
        raise PlannerError(" ".join(problems))
    cleaned = replace(
        post, title=post.title.strip(), team=post.team.strip(), location=post.location.strip(),
        salary_band=post.salary_band.strip(), summary=post.summary.strip(),
        responsibilities=tuple(r.strip() for r in post.responsibilities if r.strip()),
    )
    return replace(spec, post=cleaned)


def criterion_heading(c: Criterion, limit: int = 60) -> str:
    """A short column heading for a sift sheet, such as '2.3.4 Works with stakeholders to…'."""
    text = c.statement if len(c.statement) <= limit else c.statement[: limit - 1].rstrip() + "…"
    return f"{c.code} {text}"
