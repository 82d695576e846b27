"""Who is acting, and the one place that says what they may do to whose data.

On a person's own computer the acting person is the profile chosen in the sidebar, and manages
the installation's shared data (curriculum, mappings, grade settings) as today; on a department's
server it is the person signed in, whose profile id comes from their identity, and only the
profession admins named in the configuration manage shared data. Every use case in
planner.services takes an `Actor` and asks this module before it reads or changes anyone's data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from planner.domain.models import Mentee, Profile
from planner.errors import PlannerError


class NotAllowed(PlannerError):
    """The acting person may not do this to this data; the message says why in plain English."""


@dataclass(frozen=True)
class Actor:
    """The person using the app: their profile id and name, and on a server, who signed in."""

    profile_id: str
    name: str
    email: str = ""
    signed_in: bool = False
    """On a department's server, signed in through the identity provider (False on one's own computer)."""
    manages_shared_data: bool = True
    """May change the curriculum, the professional-bodies mapping, roles and grade settings: everyone on
    their own computer; on a server only the profession admins the configuration names."""

    @classmethod
    def of(cls, profile: Profile) -> Actor:
        """The actor a profile stands for on one's own computer."""
        return cls(profile.id, profile.name)

    @classmethod
    def on_server(cls, profile_id: str, name: str, email: str, *, admin: bool) -> Actor:
        """The person signed in on a department's server."""
        return cls(profile_id, name, email, signed_in=True, manages_shared_data=admin)


def profile_id_for(issuer: str, subject: str) -> str:
    """The profile id of a person signed in: the same for the same identity (issuer and subject of
    the ID token), different for any other, and usable as a file name."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return f"id-{digest[:40]}"


def same_email(one: str, other: str) -> bool:
    """Whether two email addresses are the same address (ignoring case and spaces around)."""
    return bool(one.strip()) and one.strip().casefold() == other.strip().casefold()


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


def require_admin(actor: Actor, what: str) -> None:
    """Refuse unless the actor may manage the installation's shared data.

    Raises:
        NotAllowed: they are not a profession admin.
    """
    if not actor.manages_shared_data:
        raise NotAllowed(
            f"Only the profession's admins can change {what}. Nothing was changed. "
            f"Ask your KIM profession lead if this needs changing."
        )


def require_mentor_of(actor: Actor, mentee: Mentee) -> None:
    """Refuse unless the actor is the mentor whose file holds this mentee record.

    Raises:
        NotAllowed: the mentee record is another mentor's.
    """
    if mentee.profile_id != actor.profile_id:
        raise NotAllowed(f"{mentee.name} is not one of your mentees. Nothing was changed.")
