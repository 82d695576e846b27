"""Teams by consent on a department's server: a lead makes a team, invites people, sees those who join.

A lead invites people by the email address they sign in with; nothing of theirs is visible until
they join, and from the moment they leave (or are removed, or the team is deleted) the lead sees
nothing more. While they are in the team the lead sees their profile (grade, role, target), their
latest self-assessment ratings and their earlier ones (for the team's trend), read live and read only,
and every look is recorded for the member (planner.services.audit). Of someone who has not joined, the
lead sees only the address they typed and whether that person answered.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from weakref import WeakKeyDictionary

from planner import store
from planner.bulk import without_cyclic_collection
from planner.domain import team as team_domain
from planner.domain.models import MAX_NAME, Assessment, Team, TeamMember
from planner.errors import PlannerError
from planner.services import audit
from planner.services.acting import Actor, NotAllowed, same_email
from planner.services.consent import check_email

OPEN = ("asked", "joined")
MAX_EMAIL = 320
AS_ROLE = "team lead"


@dataclass(frozen=True)
class Membership:
    """One team and the actor's place in it (invited, or joined), as the member sees it."""

    team: Team
    member: TeamMember


@dataclass(frozen=True)
class PersonsTeams:
    """The team records involving one person: for "download all my data", and for forgetting them."""

    teams: list[Team]
    """The teams they lead, and the teams they were invited into or belong to."""
    memberships: list[TeamMember]
    """Their own invitations and memberships, and the invitations they made as a lead."""

    @property
    def count(self) -> int:
        return len(self.teams) + len(self.memberships)


def _require_signed_in(actor: Actor, what: str) -> None:
    if not actor.signed_in or not actor.email:
        raise NotAllowed(f"{what} needs you to be signed in with an email address. Nothing was changed.")


def _team(repo: store.Repository, team_id: str) -> Team:
    found = next((t for t in repo.list_shared(Team) if t.id == team_id), None)
    if found is None:
        raise PlannerError("That team is no longer there: its lead may have deleted it. Nothing was changed.")
    return found


def _led(repo: store.Repository, actor: Actor, team_id: str, what: str) -> Team:
    """The team, if the actor leads it.

    Raises:
        PlannerError: it is no longer there.
        NotAllowed: someone else leads it.
    """
    team = _team(repo, team_id)
    if team.lead_id != actor.profile_id:
        raise NotAllowed(f"Only the team's lead can {what}. Nothing was changed.")
    return team


def _members_of(repo: store.Repository, team_id: str) -> list[TeamMember]:
    return [m for m in repo.list_shared(TeamMember) if m.team_id == team_id]


def _member(repo: store.Repository, member_id: str) -> TeamMember:
    found = next((m for m in repo.list_shared(TeamMember) if m.id == member_id), None)
    if found is None:
        raise PlannerError("That invitation is no longer there: the team may have been deleted, or the lead "
                           "removed it. Nothing was changed.")
    return found


# --- The lead's side -------------------------------------------------------------------------


def create_team(repo: store.Repository, actor: Actor, name: str, now: datetime) -> Team:
    """The actor makes a team, which they lead; nobody is in it until invited people join.

    Raises:
        NotAllowed: the actor is not signed in.
        PlannerError: no name, one too long, or one of the actor's teams already has it.
    """
    _require_signed_in(actor, "Making a team")
    name = " ".join(name.split())
    if not name:
        raise PlannerError("Give the team a name, such as 'Records team'. Nothing was saved.")
    if len(name) > MAX_NAME:
        raise PlannerError(f"A team's name can be at most {MAX_NAME} characters. Nothing was saved.")
    if any(t.name.casefold() == name.casefold() for t in teams_i_lead(repo, actor)):
        raise PlannerError(f"You already lead a team called '{name}'. Choose another name. Nothing was saved.")
    made = Team(lead_id=actor.profile_id, lead_name=actor.name, name=name, created_at=now)
    repo.put_shared(made)
    return made


def teams_i_lead(repo: store.Repository, actor: Actor) -> list[Team]:
    """The teams the actor leads, oldest first."""
    return sorted((t for t in repo.list_shared(Team) if t.lead_id == actor.profile_id), key=lambda t: t.created_at)


def invite(repo: store.Repository, actor: Actor, team_id: str, email: str, now: datetime) -> TeamMember:
    """The lead invites someone, by the address they sign in with; the lead sees nothing of theirs until they join.

    Someone who declined or left before can be invited again: their old answer is replaced.

    Raises:
        NotAllowed: the actor does not lead the team, or is not signed in.
        PlannerError: not an email address, the lead's own, or already invited or in the team.
    """
    _require_signed_in(actor, "Inviting people to a team")
    team = _led(repo, actor, team_id, "invite people to it")
    email = email.strip()
    if len(email) > MAX_EMAIL:
        raise PlannerError(f"An email address has at most {MAX_EMAIL} characters. Nothing was changed.")
    email = check_email(email)
    if same_email(email, actor.email):
        raise PlannerError("That is your own email address: you lead this team, so invite the people in it. "
                           "Nothing was changed.")
    earlier = next((m for m in _members_of(repo, team.id) if same_email(m.email, email)), None)
    if earlier is not None and earlier.status in OPEN:
        already = "is already in the team" if earlier.status == "joined" else "has been invited already"
        raise PlannerError(f"{email} {already}. Nothing was changed.")
    asked = TeamMember(team_id=team.id, email=email, asked_at=now)
    if earlier is not None:  # declined or left: asked again, their earlier answer forgotten
        asked = asked.model_copy(update={"id": earlier.id})
    repo.put_shared(asked)
    return asked


def roster(repo: store.Repository, actor: Actor, team_id: str) -> list[TeamMember]:
    """Everyone the lead has invited to the team and their answer, in the order invited: for the lead only.

    Raises:
        NotAllowed: the actor does not lead the team.
    """
    team = _led(repo, actor, team_id, "see who is invited")
    return sorted(_members_of(repo, team.id), key=lambda m: m.asked_at)


def remove_member(repo: store.Repository, actor: Actor, member_id: str) -> TeamMember:
    """The lead takes someone out of the team, or withdraws an invitation; the lead sees nothing of theirs from now on.

    Raises:
        NotAllowed: the actor does not lead that team.
    """
    member = _member(repo, member_id)
    _led(repo, actor, member.team_id, "remove people from it")
    repo.remove_shared(TeamMember, [member.id])
    return member


def delete_team(repo: store.Repository, actor: Actor, team_id: str) -> Team:
    """The lead deletes the team and every invitation and membership of it.

    The memberships go first, so a failure part way leaves the team in place to be deleted again.

    Raises:
        NotAllowed: the actor does not lead the team.
    """
    team = _led(repo, actor, team_id, "delete it")
    repo.remove_shared(TeamMember, [m.id for m in _members_of(repo, team.id)])
    repo.remove_shared(Team, [team.id])
    return team


def joined_members(repo: store.Repository, actor: Actor, team_id: str, now: datetime) -> list[team_domain.Member]:
    """The people who have joined the team, each from their own profile and self-assessments, read live.

    Only people whose status is "joined" (and who have made a profile) are read; each read is
    recorded for that person. Nothing is read of anyone asked, declined or gone. Everyone is read
    at once (`change_marks`, `get_profiles`, `list_many`), and a member is made again only when
    something of theirs has been written since (their change mark), so a rerun of a team of
    thousands reads one mark each.

    Raises:
        NotAllowed: the actor does not lead the team.
    """
    team = _led(repo, actor, team_id, "see its members")
    with without_cyclic_collection():  # thousands of models made at once (planner/bulk.py)
        return _joined_members(repo, actor, team, now)


def _joined_members(repo: store.Repository, actor: Actor, team: Team, now: datetime) -> list[team_domain.Member]:
    joined = list(dict.fromkeys(m.profile_id for m in roster(repo, actor, team.id)
                                if m.status == "joined" and m.profile_id))
    marks = repo.change_marks(joined)
    joined = [pid for pid in joined if marks[pid] is not None]  # joined before making a profile: nothing yet
    with _MADE_LOCK:
        made = dict(_MADE.setdefault(repo, {}))
    stale = [pid for pid in joined if made.get(pid, (None, None))[0] != marks[pid]]
    if stale:
        profiles = repo.get_profiles(stale)
        assessments: dict[str, Sequence[Assessment]] = dict(repo.list_many(Assessment, list(profiles)))
        for member in team_domain.members_from_profiles(list(profiles.values()), assessments):
            made[member.profile_id] = (marks[member.profile_id], member)
    joined = [pid for pid in joined if pid in made]  # a profile deleted meanwhile
    after = audit.record_looks(repo, actor, joined, AS_ROLE,
                               f"saw your profile and self-assessments (team {team.name})", now, marks)
    for pid in joined:
        if after.get(pid) != marks[pid] and made[pid][0] == marks[pid]:
            made[pid] = (after[pid], made[pid][1])  # only the record of this look was written since
    with _MADE_LOCK:
        kept = _MADE.setdefault(repo, {})
        if len(kept) > _MADE_MAX:
            kept.clear()
        kept.update({pid: made[pid] for pid in joined})
    return [made[pid][1] for pid in joined]


# Team members made from people's data, by store: profile id -> (their change mark then, the member).
# Shared by every lead's session in this process: a member is the same whoever reads them.
_MADE: WeakKeyDictionary[store.Repository, dict[str, tuple[Hashable, team_domain.Member]]] = WeakKeyDictionary()
_MADE_LOCK = threading.Lock()
_MADE_MAX = 50_000


# --- The member's side -----------------------------------------------------------------------


def _with_teams(repo: store.Repository, members: list[TeamMember]) -> list[Membership]:
    teams = {t.id: t for t in repo.list_shared(Team)}
    return [Membership(teams[m.team_id], m) for m in members if m.team_id in teams]


def invitations_for(repo: store.Repository, actor: Actor) -> list[Membership]:
    """The invitations waiting for the actor's answer (sent to the address they signed in with), oldest first."""
    if not actor.signed_in or not actor.email:
        return []
    waiting = [m for m in repo.list_shared(TeamMember) if m.status == "asked" and same_email(m.email, actor.email)]
    return _with_teams(repo, sorted(waiting, key=lambda m: m.asked_at))


def teams_joined(repo: store.Repository, actor: Actor) -> list[Membership]:
    """The teams the actor has joined and not left, in the order joined."""
    joined = [m for m in repo.list_shared(TeamMember) if m.status == "joined" and m.profile_id == actor.profile_id]
    return _with_teams(repo, sorted(joined, key=lambda m: m.answered_at or m.asked_at))


def _invitation_to(repo: store.Repository, actor: Actor, member_id: str) -> TeamMember:
    member = _member(repo, member_id)
    _team(repo, member.team_id)
    if not same_email(member.email, actor.email):
        raise NotAllowed("That invitation was not sent to you. Nothing was changed.")
    if member.status != "asked":
        raise PlannerError("That invitation has been answered already. Nothing was changed.")
    return member


def join(repo: store.Repository, actor: Actor, member_id: str, now: datetime) -> Membership:
    """The invited person joins: from now on the lead sees their profile and self-assessments.

    Raises:
        NotAllowed: the invitation was sent to another address, or the actor is not signed in.
        PlannerError: it has been answered, withdrawn, or its team deleted.
    """
    _require_signed_in(actor, "Joining a team")
    member = _invitation_to(repo, actor, member_id)
    joined = member.model_copy(update={"profile_id": actor.profile_id, "name": actor.name, "status": "joined",
                                       "answered_at": now})
    repo.put_shared(joined)
    return Membership(_team(repo, joined.team_id), joined)


def decline(repo: store.Repository, actor: Actor, member_id: str, now: datetime) -> Membership:
    """The invited person declines: the lead sees only that the address they typed declined.

    Raises:
        NotAllowed: the invitation was sent to another address, or the actor is not signed in.
        PlannerError: it has been answered, withdrawn, or its team deleted.
    """
    _require_signed_in(actor, "Answering an invitation")
    member = _invitation_to(repo, actor, member_id)
    declined = member.model_copy(update={"profile_id": actor.profile_id, "name": "", "status": "declined",
                                         "answered_at": now})
    repo.put_shared(declined)
    return Membership(_team(repo, declined.team_id), declined)


def leave(repo: store.Repository, actor: Actor, member_id: str, now: datetime) -> Membership:
    """A member leaves the team, at any time; the lead sees nothing of theirs from the next page drawn.

    Raises:
        NotAllowed: it is not the actor's membership.
        PlannerError: they are not in the team (any more).
    """
    member = _member(repo, member_id)
    if member.profile_id != actor.profile_id:
        raise NotAllowed("That is not your place in a team. Nothing was changed.")
    if member.status != "joined":
        raise PlannerError("You are not in that team any more. Nothing was changed.")
    left = member.model_copy(update={"name": "", "status": "left", "answered_at": now})
    repo.put_shared(left)
    return Membership(_team(repo, left.team_id), left)


# --- Privacy ---------------------------------------------------------------------------------


def _mine(member: TeamMember, profile_id: str, email: str) -> bool:
    return member.profile_id == profile_id or same_email(member.email, email)


def about_person(repo: store.Repository, profile_id: str, email: str) -> PersonsTeams:
    """The team records involving a person: teams they lead (with the invitations they made), and their own
    invitations and memberships with the teams they are for (matched by profile id or by address)."""
    teams = repo.list_shared(Team)
    led = {t.id for t in teams if t.lead_id == profile_id}
    memberships = [m for m in repo.list_shared(TeamMember) if m.team_id in led or _mine(m, profile_id, email)]
    involved = led | {m.team_id for m in memberships}
    return PersonsTeams([t for t in teams if t.id in involved], memberships)


def forget_person(repo: store.Repository, profile_id: str, email: str) -> int:
    """Remove a person's invitations and memberships, and the teams they lead with all their memberships.

    The memberships go first, so a failure part way leaves the teams to be removed by trying again.

    Returns:
        How many records were removed.
    """
    led = {t.id for t in repo.list_shared(Team) if t.lead_id == profile_id}
    gone = [m.id for m in repo.list_shared(TeamMember) if m.team_id in led or _mine(m, profile_id, email)]
    removed = repo.remove_shared(TeamMember, gone) if gone else 0
    if led:
        removed += repo.remove_shared(Team, sorted(led))
    return removed
