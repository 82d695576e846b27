"""Mentees: who a mentor supports (from this installation or a share file), and what goes back to them.

Nothing here reads or writes: planner.services.mentoring reads share files and the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from planner.domain import wording
from planner.domain.models import MAX_NAME, Assessment, Mentee, MentorRating, PlanItem, Profile
from planner.errors import PlannerError


@dataclass(frozen=True)
class Shared:
    """What a mentee's share file holds, once read and checked (planner.services reads the file)."""

    profile: Profile
    assessments: list[Assessment]
    plan_items: list[PlanItem]
    exported_at: datetime | None


def mentee_from_shared(shared: Shared, mentor_id: str, existing: list[Mentee], now: datetime) -> Mentee:
    """A mentee from the share file a mentee exported (their plan file), kept apart from the mentor's data.

    A newer share file replaces the older one of the same person (keeping the mentee's id so
    the mentor's ratings and conversations stay linked); an older or equal one is refused.

    Args:
        shared: the share file's records.
        mentor_id: who is adding the mentee.
        existing: the mentor's mentees so far.
        now: the time of adding.

    Raises:
        PlannerError: the file is the mentor's own, or is not newer than the one held.
    """
    if shared.profile.id == mentor_id:
        raise PlannerError("This share file is your own. Ask your mentee for theirs.")
    before = next((m for m in existing if m.mentee_profile_id == shared.profile.id), None)
    fields: dict[str, Any] = dict(
        name=shared.profile.name[:MAX_NAME], shared_profile=shared.profile,
        shared_assessments=shared.assessments, shared_plan_items=shared.plan_items,
        shared_at=shared.exported_at or now,
    )
    if before is None:
        return Mentee(profile_id=mentor_id, mentee_profile_id=shared.profile.id, source="share",
                      added_at=now, **fields)
    if before.source == "local":
        raise PlannerError(
            f"{before.name} is already a mentee from this installation: their latest data is read directly."
        )
    if before.shared_at and fields["shared_at"] <= before.shared_at:
        raise PlannerError(
            f"This share file of {shared.profile.name} is not newer than the one you have "
            f"(exported {wording.moment(before.shared_at)}). Nothing was changed."
        )
    return before.model_copy(update=fields)


def local_mentee(profile: Profile, mentor_id: str, existing: list[Mentee], now: datetime) -> Mentee:
    """A mentee who uses the same installation: their profile is read directly.

    Raises:
        PlannerError: it is the mentor's own profile, or already a mentee.
    """
    if profile.id == mentor_id:
        raise PlannerError("You cannot be your own mentee.")
    if any(m.mentee_profile_id == profile.id for m in existing):
        raise PlannerError(f"{profile.name} is already one of your mentees.")
    return Mentee(profile_id=mentor_id, mentee_profile_id=profile.id, name=profile.name, source="local", added_at=now)


@dataclass(frozen=True)
class MenteeView:
    """What the mentor sees of a mentee, wherever their data comes from."""

    profile: Profile
    assessments: list[Assessment]
    plan_items: list[PlanItem]


def latest_rating(ratings: list[MentorRating], mentee_id: str) -> MentorRating | None:
    """The mentor's latest ratings of this mentee, or None."""
    mine = [r for r in ratings if r.mentee_id == mentee_id]
    return max(mine, key=lambda r: (r.taken_on, r.created_at)) if mine else None


# --- Back to the mentee ----------------------------------------------------------------------


def mentor_assessment(rating: MentorRating, mentee_profile_id: str, mentor_name: str) -> Assessment:
    """The mentor's ratings as an assessment snapshot of the mentee whose assessor is the mentor."""
    return Assessment(
        id=rating.id, profile_id=mentee_profile_id, assessor="mentor", assessor_name=mentor_name,
        taken_on=rating.taken_on, created_at=rating.created_at, framework_version=rating.framework_version,
        ratings=rating.ratings, comment=rating.comment,
    )


@dataclass(frozen=True)
class MentorReturn:
    """What a mentor's file for their mentee holds, once read and checked."""

    mentor: str
    mentee_profile_id: str
    held_on: date | None = None
    assessments: list[Assessment] = field(default_factory=list)
    plan_items: list[PlanItem] = field(default_factory=list)


NOTHING_NEW = "Nothing new: everything in this file is already saved."
"""What importing a mentor's file says when everything in it was saved already."""


def import_summary(mentor: str, added_ratings: int, added_actions: int, changed_actions: int) -> str:
    """What importing a mentor's file added and changed, in a sentence fit to show the mentee."""
    said = []
    if added_ratings or added_actions:
        said.append(f"Added {wording.counted(added_ratings, 'set')} of ratings from {mentor} "
                    f"and {wording.counted(added_actions, 'agreed action')} to your plan.")
    if changed_actions:
        said.append(f"{wording.counted(changed_actions, 'agreed action')} changed by {mentor} "
                    f"{'was' if changed_actions == 1 else 'were'} updated in your plan; what you "
                    "recorded against them is kept.")
    return " ".join(said)


