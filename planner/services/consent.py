"""Mentoring by consent on a department's server: asking, answering, what is shared, and ending.

A mentee asks a mentor by email, or a mentor asks a mentee; nothing is visible until the person
asked accepts. While the mentorship is active the mentor sees what the mentee shares (their latest
self-assessment and its gaps, their plan), read live and read only; every look is recorded for the
mentee (planner.services.audit). Either side ends it at any time, and from the next page drawn the
mentor sees nothing more. Agreed actions reach the mentee as proposals they accept or decline.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TypeVar

from planner import store
from planner.domain import agreed_actions, assessment
from planner.domain.mentees import MenteeView
from planner.domain.models import (
    Assessment,
    Conversation,
    LineManagement,
    Mentee,
    MentorRating,
    Mentorship,
    PlanItem,
    ProposedAction,
)
from planner.errors import PlannerError
from planner.services import audit
from planner.services.acting import Actor, NotAllowed, require_own, same_email

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
OPEN = ("asked", "active")


def check_email(email: str) -> str:
    """The address, trimmed, if it looks like an email address.

    Raises:
        PlannerError: it does not.
    """
    email = email.strip()
    if not _EMAIL.match(email):
        raise PlannerError(f"'{email[:80]}' is not an email address, such as name@department.gov.uk.")
    return email


def _require_signed_in(actor: Actor) -> None:
    if not actor.signed_in or not actor.email:
        raise NotAllowed("Sharing with a mentor needs you to be signed in with an email address.")


def mine(repo: store.Repository, actor: Actor) -> list[Mentorship]:
    """Every mentorship the actor is part of or has been asked into, newest first."""
    return sorted(
        (m for m in repo.list_shared(Mentorship) if side(actor, m) is not None),
        key=lambda m: m.asked_at, reverse=True,
    )


def side(actor: Actor, m: Mentorship) -> str | None:
    """Which side of this mentorship the actor is on ("mentee", "mentor"), or None."""
    if m.mentee_id == actor.profile_id or (m.mentee_id is None and same_email(m.mentee_email, actor.email)):
        return "mentee"
    if m.mentor_id == actor.profile_id or (m.mentor_id is None and same_email(m.mentor_email, actor.email)):
        return "mentor"
    return None


def _find(repo: store.Repository, mentorship_id: str) -> Mentorship:
    found = next((m for m in repo.list_shared(Mentorship) if m.id == mentorship_id), None)
    if found is None:
        raise PlannerError("That mentoring request is no longer there. Nothing was changed.")
    return found


def _already_open(repo: store.Repository, actor: Actor, other_email: str, actor_side: str) -> bool:
    for m in mine(repo, actor):
        if m.status in OPEN and side(actor, m) == actor_side:
            other = m.mentor_email if actor_side == "mentee" else m.mentee_email
            if same_email(other, other_email):
                return True
    return False


def ask_mentor(repo: store.Repository, actor: Actor, mentor_email: str, now: datetime, *,
               shares_assessment: bool = True, shares_plan: bool = True) -> Mentorship:
    """The actor (as mentee) asks someone, by email, to be their mentor; nothing is shared until they accept.

    Raises:
        PlannerError: the address is not one, is the actor's own, or has been asked already.
    """
    _require_signed_in(actor)
    require_own(actor, actor.profile_id)
    email = check_email(mentor_email)
    if same_email(email, actor.email):
        raise PlannerError("That is your own email address: ask someone else to be your mentor.")
    if _already_open(repo, actor, email, "mentee"):
        raise PlannerError(f"You have already asked {email}, or they are already your mentor.")
    if not (shares_assessment or shares_plan):
        raise PlannerError("Choose at least one thing to share with your mentor.")
    asked = Mentorship(asked_by="mentee", mentee_id=actor.profile_id, mentee_name=actor.name,
                       mentee_email=actor.email, mentor_email=email, shares_assessment=shares_assessment,
                       shares_plan=shares_plan, asked_at=now)
    repo.put_shared(asked)
    return asked


def ask_mentee(repo: store.Repository, actor: Actor, mentee_email: str, now: datetime) -> Mentorship:
    """The actor (as mentor) asks someone, by email, to be their mentee; they see nothing until that person accepts.

    Raises:
        PlannerError: the address is not one, is the actor's own, or has been asked already.
    """
    _require_signed_in(actor)
    email = check_email(mentee_email)
    if same_email(email, actor.email):
        raise PlannerError("That is your own email address: you cannot be your own mentor.")
    if _already_open(repo, actor, email, "mentor"):
        raise PlannerError(f"You have already asked {email}, or they are already your mentee.")
    asked = Mentorship(asked_by="mentor", mentor_id=actor.profile_id, mentor_name=actor.name,
                       mentor_email=actor.email, mentee_email=email, asked_at=now)
    repo.put_shared(asked)
    return asked


def waiting_for(actor: Actor, mentorships: list[Mentorship]) -> list[Mentorship]:
    """The requests that wait for the actor's answer."""
    return [m for m in mentorships if m.status == "asked" and side(actor, m) != m.asked_by
            and side(actor, m) is not None]


def accept(repo: store.Repository, actor: Actor, mentorship_id: str, now: datetime, *,
           shares_assessment: bool = True, shares_plan: bool = True) -> Mentorship:
    """Accept a request made to the actor; a mentee accepting also chooses what to share.

    Raises:
        NotAllowed: the request was not made to the actor.
        PlannerError: it has been answered or withdrawn already.
    """
    _require_signed_in(actor)
    m = _find(repo, mentorship_id)
    answering = side(actor, m)
    if answering is None or answering == m.asked_by:
        raise NotAllowed("That request was not made to you. Nothing was changed.")
    if m.status != "asked":
        raise PlannerError("That request has been answered or withdrawn already. Nothing was changed.")
    if answering == "mentor":
        accepted = m.model_copy(update={"mentor_id": actor.profile_id, "mentor_name": actor.name,
                                        "mentor_email": actor.email, "status": "active", "answered_at": now})
    else:
        if not (shares_assessment or shares_plan):
            raise PlannerError("Choose at least one thing to share with your mentor.")
        accepted = m.model_copy(update={"mentee_id": actor.profile_id, "mentee_name": actor.name,
                                        "mentee_email": actor.email, "status": "active", "answered_at": now,
                                        "shares_assessment": shares_assessment, "shares_plan": shares_plan})
    repo.put_shared(accepted)
    return accepted


Consent = TypeVar("Consent", Mentorship, LineManagement)
"""A consent between two people (a mentorship, a line management): asked, then active, declined or ended."""


def declined_by(consent: Consent, actor: Actor, now: datetime) -> Consent:
    """The request as declined (or withdrawn) by the actor, one of its two sides.

    Raises:
        PlannerError: it has been answered already.
    """
    if consent.status != "asked":
        raise PlannerError("That request has been answered already. Nothing was changed.")
    return consent.model_copy(update={"status": "declined", "answered_at": now, "ended_by": actor.name})


def ended_by(consent: Consent, actor: Actor, now: datetime, what: str) -> Consent:
    """The consent as ended by the actor, one of its two sides; `what` names it in the refusal ("mentorship").

    Raises:
        PlannerError: it is not active (it has ended already).
    """
    if consent.status != "active":
        raise PlannerError(f"That {what} has already ended. Nothing was changed.")
    return consent.model_copy(update={"status": "ended", "ended_at": now, "ended_by": actor.name})


def decline(repo: store.Repository, actor: Actor, mentorship_id: str, now: datetime) -> Mentorship:
    """Decline a request made to the actor, or withdraw one the actor made.

    Raises:
        NotAllowed: the actor is not part of it.
    """
    m = _find(repo, mentorship_id)
    if side(actor, m) is None:
        raise NotAllowed("That request is not yours to answer. Nothing was changed.")
    declined = declined_by(m, actor, now)
    repo.put_shared(declined)
    return declined


def end(repo: store.Repository, actor: Actor, mentorship_id: str, now: datetime) -> Mentorship:
    """End an active mentorship; either side may, at any time. The mentor sees nothing more from then on.

    Raises:
        NotAllowed: the actor is not part of it.
    """
    m = _find(repo, mentorship_id)
    if side(actor, m) is None:
        raise NotAllowed("That mentorship is not yours to end. Nothing was changed.")
    ended = ended_by(m, actor, now, "mentorship")
    repo.put_shared(ended)
    # Proposals the mentor sent and the mentee has not answered go with it.
    if m.mentee_id:
        for proposal in repo.list(ProposedAction, m.mentee_id):
            if proposal.mentorship_id == m.id:
                repo.remove(ProposedAction, m.mentee_id, proposal.id)
    return ended


def change_shares(repo: store.Repository, actor: Actor, mentorship_id: str, *, shares_assessment: bool,
                  shares_plan: bool) -> Mentorship:
    """The mentee changes what their mentor sees, from the next page the mentor opens.

    Raises:
        NotAllowed: the actor is not the mentee.
    """
    m = _find(repo, mentorship_id)
    if m.mentee_id != actor.profile_id:
        raise NotAllowed("Only the mentee chooses what they share. Nothing was changed.")
    if not (shares_assessment or shares_plan):
        raise PlannerError("Choose at least one thing to share, or end the mentorship instead.")
    changed = m.model_copy(update={"shares_assessment": shares_assessment, "shares_plan": shares_plan})
    repo.put_shared(changed)
    return changed


# --- The mentor's side -----------------------------------------------------------------------


def mentees_by_consent(repo: store.Repository, actor: Actor) -> list[Mentee]:
    """The actor's active mentees by consent, as mentee records (their id is the mentorship's)."""
    return [
        Mentee(id=m.id, profile_id=actor.profile_id, mentee_profile_id=m.mentee_id,
               name=m.mentee_name or m.mentee_email, source="consent", added_at=m.answered_at or m.asked_at)
        for m in repo.list_shared(Mentorship)
        if m.status == "active" and m.mentor_id == actor.profile_id and m.mentee_id
    ]


def ended_with_records(repo: store.Repository, actor: Actor) -> list[Mentorship]:
    """Mentorships of the actor's, as mentor, that have ended while the actor still keeps ratings or
    conversation records about the mentee (their own notes, which they may remove)."""
    kept_about = {r.mentee_id for r in repo.list(MentorRating, actor.profile_id)}
    kept_about |= {c.mentee_id for c in repo.list(Conversation, actor.profile_id)}
    return [m for m in repo.list_shared(Mentorship)
            if m.mentor_id == actor.profile_id and m.status == "ended" and m.id in kept_about]


def active_mentorship(repo: store.Repository, actor: Actor, mentee: Mentee) -> Mentorship:
    """The active mentorship that lets the actor see this mentee.

    Raises:
        NotAllowed: there is none (never given, or ended).
    """
    m = next((m for m in repo.list_shared(Mentorship) if m.id == mentee.id), None)
    if m is None or m.status != "active" or m.mentor_id != actor.profile_id or m.mentee_id != mentee.mentee_profile_id:
        raise NotAllowed(f"{mentee.name} no longer shares their data with you, so it cannot be shown. "
                         f"Nothing was changed.")
    return m


def shared_view(repo: store.Repository, actor: Actor, mentee: Mentee, now: datetime) -> MenteeView:
    """What the mentee shares with the actor, read live; each look is recorded for the mentee.

    Raises:
        NotAllowed: the mentee no longer shares with the actor.
        PlannerError: the mentee's profile is gone.
    """
    m = active_mentorship(repo, actor, mentee)
    profile = repo.get_profile(mentee.mentee_profile_id)
    if profile is None:
        raise PlannerError(f"{mentee.name} has not made a profile yet, so there is nothing to see.")
    latest: list[Assessment] = []
    if m.shares_assessment:
        _, snapshot = assessment.latest_ratings(
            [a for a in repo.list(Assessment, profile.id) if a.assessor == "self"], None)
        latest = [snapshot] if snapshot is not None else []
    items = repo.list(PlanItem, profile.id) if m.shares_plan else []
    seen = [part for part, shared in (("your latest self-assessment and its gaps", m.shares_assessment),
                                      ("your plan", m.shares_plan)) if shared]
    audit.record(repo, actor, profile.id, "mentor", "saw " + " and ".join(seen), now)
    return MenteeView(profile, latest, items)


def propose(repo: store.Repository, actor: Actor, mentee: Mentee, items: list[PlanItem], now: datetime) -> int:
    """Send agreed actions to the mentee as proposals for their plan (they accept or decline each).

    An action already proposed is proposed again only if the mentor changed it; one already in the
    mentee's plan, unchanged, is not proposed again.

    Returns:
        How many proposals were sent.

    Raises:
        NotAllowed: the mentee no longer shares with the actor.
    """
    with repo.transaction(people=[mentee.mentee_profile_id]):
        return _propose(repo, actor, mentee, items, now)


def _propose(repo: store.Repository, actor: Actor, mentee: Mentee, items: list[PlanItem], now: datetime) -> int:
    m = active_mentorship(repo, actor, mentee)
    mentee_id = mentee.mentee_profile_id
    in_plan = {item.id: item for item in repo.list(PlanItem, mentee_id)}
    waiting = {p.item.id: p for p in repo.list(ProposedAction, mentee_id) if p.mentorship_id == m.id}
    fresh = []
    for item in items:
        already = waiting.get(item.id)
        planned = in_plan.get(item.id)
        if planned is not None and not agreed_actions.merge([planned], [item], now).records:
            continue
        if already is not None and _same_action(already.item, item):
            continue
        fresh.append(ProposedAction(id=already.id if already else item.id, profile_id=mentee_id, mentorship_id=m.id,
                                    mentor_id=actor.profile_id, mentor_name=actor.name, item=item, proposed_at=now))
    if fresh:
        repo.put_many(fresh)
        count = len(fresh)
        audit.record(repo, actor, mentee_id, "mentor",
                     f"proposed {count} agreed action{'s' if count != 1 else ''} for your plan", now, changed=True)
    return len(fresh)


def _same_action(one: PlanItem, other: PlanItem) -> bool:
    fields = ("objective", "indicators", "owner", "target_date", "activity_title")
    return all(getattr(one, f) == getattr(other, f) for f in fields)


# --- The mentee's answers to proposals --------------------------------------------------------


def proposals(repo: store.Repository, actor: Actor) -> list[ProposedAction]:
    """The actions mentors have proposed for the actor's plan, oldest first, from mentorships still active."""
    active = {m.id for m in repo.list_shared(Mentorship) if m.status == "active" and m.mentee_id == actor.profile_id}
    return sorted((p for p in repo.list(ProposedAction, actor.profile_id) if p.mentorship_id in active),
                  key=lambda p: p.proposed_at)


def answer_proposal(repo: store.Repository, actor: Actor, proposal_id: str, accept: bool, now: datetime) -> str:
    """Accept a proposed action into the actor's plan, or decline it; either way the proposal goes.

    Returns:
        What happened, in a sentence fit to show the person.

    Raises:
        PlannerError: the proposal is no longer there.
    """
    with repo.transaction(people=[actor.profile_id]):  # the plan item and the proposal's removal go together
        proposal = repo.get(ProposedAction, actor.profile_id, proposal_id)
        if proposal is None:
            raise PlannerError("That proposed action is no longer there. Nothing was changed.")
        if not accept:
            repo.remove(ProposedAction, actor.profile_id, proposal_id)
            return f"Declined the action {proposal.mentor_name} proposed. Your plan is unchanged."
        merged = agreed_actions.merge(repo.list(PlanItem, actor.profile_id), [proposal.item], now)
        if merged.records:
            repo.put_many(merged.records)
        repo.remove(ProposedAction, actor.profile_id, proposal_id)
    return (f"Added the action {proposal.mentor_name} proposed to your plan." if merged.added else
            f"Updated the action from {proposal.mentor_name} in your plan.")
