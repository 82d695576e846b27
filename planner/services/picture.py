"""A person's picture: what they have rated, what they aim at, and what stands between: built once a run.

Every page about a person's own development (Home, My plan, Recommendations, Career paths, Gaps
and progress) starts from the same reading of their saved data: their assessments and draft, the
ratings a plan is based on, their target and its grade, their gaps, the levels they have attained
and their plan items. `picture_of` reads and works these out once, so every page agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from planner import store
from planner.domain import assessment, plan
from planner.domain.assessment import Gap, Ratings, Target
from planner.domain.models import Assessment, Draft, Framework, PlanItem, Profile
from planner.domain.versions import FrameworkLibrary
from planner.errors import PlannerError
from planner.services import frameworks
from planner.services.acting import Actor, require_own
from planner.services.frameworks import CarryOffer


@dataclass(frozen=True)
class Picture:
    """Where a person stands, from what is saved about them."""

    profile: Profile
    assessments: list[Assessment]
    """Every saved assessment of the person, their own and their mentors'."""
    own: list[Assessment]
    """Their self-assessments, latest first."""
    draft: Draft | None
    ratings: Ratings
    """The ratings a plan is based on: the latest self-assessment, else the draft, else none."""
    snapshot: Assessment | None
    """The self-assessment the ratings come from (None when they come from the draft)."""
    plan_items: list[PlanItem]
    """Their plan items, in the plan's order."""
    target: Target | None
    """Their target per skill, or None when it cannot be worked out (target_problem says why)."""
    target_grade: str
    target_problem: str | None = None
    gaps: list[Gap] = field(default_factory=list)
    """Their gaps against the target, lower levels first (none without a target)."""
    attained: dict[int, int] = field(default_factory=dict)
    """The level attained in each skill."""
    met_codes: set[str] = field(default_factory=set)
    """The indicators the ratings meet."""
    carried: CarryOffer | None = None
    """When the person has no ratings yet in the framework version in use: the ratings their latest
    assessment in an earlier version carries to it (the ratings above), until they save one in it."""


def picture_of(repo: store.Repository, actor: Actor, profile: Profile, fw: Framework,
               grade_levels: Mapping[str, int], library: FrameworkLibrary | None = None) -> Picture:
    """Read a person's saved data once and work out where they stand.

    Args:
        repo: the saved data.
        actor: who is asking: only the person themselves.
        profile: whose picture.
        fw: the framework.
        grade_levels: the level expected at each grade, as this installation has set it.
        library: the installed framework versions and crosswalks (None: only the shipped one).

    Raises:
        NotAllowed: it is someone else's picture.
        PlannerError: their saved data could not be read.
    """
    require_own(actor, profile.id, "their assessments and plan")
    saved = repo.list(Assessment, profile.id)
    draft = repo.get(Draft, profile.id, "current")
    # Ratings of another framework version are never read against this one: they count here only as
    # the crosswalk carries them, until the person saves an assessment in this version.
    in_version = [a for a in saved if a.framework_version == fw.ref]
    draft_ratings = draft.ratings if draft is not None and draft.framework_version == fw.ref else None
    ratings, snapshot = assessment.latest_ratings(in_version, draft_ratings)
    own = assessment.latest_first([a for a in saved if a.assessor == "self"])
    carried = None
    if not ratings:
        carried = frameworks.carry_offer(library or FrameworkLibrary(), fw, own, draft)
        if carried is not None:
            ratings = carried.carried.ratings
    items = plan.ordered(repo.list(PlanItem, profile.id))
    attained = {skill.number: assessment.attained_level(fw, ratings, skill.number) for skill in fw.skills}
    met = {code for code in fw.codes if assessment.meets(ratings, code)}
    try:
        target, target_grade = assessment.default_target(fw, profile.current_grade, profile.target_grade,
                                                         grade_levels)
    except PlannerError as exc:
        return Picture(profile, saved, own, draft, ratings, snapshot, items, None,
                       profile.target_grade or profile.current_grade, str(exc), attained=attained, met_codes=met,
                       carried=carried)
    return Picture(profile, saved, own, draft, ratings, snapshot, items, target, target_grade,
                   gaps=assessment.gaps(fw, ratings, target), attained=attained, met_codes=met, carried=carried)
