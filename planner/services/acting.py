"""Who is acting, and the one place that says what they may do to whose data.

On a person's own computer the acting person is the profile chosen in the sidebar; on a
department's server (a later step) it is the person signed in. Every use case in
planner.services takes an `Actor` and asks this module before it reads or changes anyone's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.models import Mentee, Profile
from planner.errors import PlannerError


class NotAllowed(PlannerError):
    """The acting person may not do this to this data; the message says why in plain English."""


@dataclass(frozen=True)
class Actor:
    """The person using the app: their profile id and name."""

    profile_id: str
    name: str

    @classmethod
    def of(cls, profile: Profile) -> Actor:
        """The actor a profile stands for."""
        return cls(profile.id, profile.name)


def may_change(actor: Actor, profile_id: str) -> bool:
    """Whether the actor may read and change the data kept in this person's own file (their own only)."""
    return actor.profile_id == profile_id


def require_own(actor: Actor, profile_id: str, what: str = "this") -> None:
    """Refuse unless the data belongs to the acting person.

    Raises:
        NotAllowed: it is someone else's.
    """
    if not may_change(actor, profile_id):
        raise NotAllowed(f"Only the person it belongs to can change {what}. Choose their profile first.")


def require_mentor_of(actor: Actor, mentee: Mentee) -> None:
    """Refuse unless the actor is the mentor whose file holds this mentee record.

    Raises:
        NotAllowed: the mentee record is another mentor's.
    """
    if mentee.profile_id != actor.profile_id:
        raise NotAllowed(f"{mentee.name} is not one of your mentees. Nothing was changed.")
