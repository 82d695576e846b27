"""Line management by consent on a department's server: asking, answering, the manager's review, and ending.

A person asks their line manager by email, or a manager asks a person; nothing is visible until the
one asked accepts. A person has one line manager at a time. While it is active the manager sees the
person's latest self-assessment and their plan, read live and read only, signs off the plan (a
PlanSignOff: who, when, the objectives as signed, a comment) and validates the self-ratings (a
ValidatedRatings: the rating the manager agrees for each indicator); both are kept in the person's
own file, and every look and every change is recorded for them (planner.services.audit). Either
side ends it at any time, and from the next page drawn the manager sees nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from planner import store
from planner.domain import assessment, manager_review, plan, wording
from planner.domain.models import Assessment, LineManagement, PlanItem, PlanSignOff, Profile, ValidatedRatings
from planner.errors import PlannerError
from planner.services import audit
from planner.services.acting import Actor, NotAllowed, require_own, same_email
from planner.services.consent import OPEN, check_email, declined_by, ended_by

AS_ROLE = "line manager"
SEEN = "saw your latest self-assessment and your plan"

Side = Literal["person", "manager"]


@dataclass(frozen=True)
class ReportView:
    """What a line manager sees of one report, read live: the person's latest self-assessment and plan,
    and the manager's own sign-offs and latest validation of that assessment."""

    line_management: LineManagement
    profile: Profile
    latest: Assessment | None
    """Their latest self-assessment (None: they have not saved one)."""
    plan_items: list[PlanItem]
    """Their plan, in its order."""
    sign_offs: list[PlanSignOff]
    """The manager's sign-offs of this plan, newest first."""
    validation: ValidatedRatings | None
    """The manager's latest validation of `latest`, or None."""


@dataclass(frozen=True)
class Validation:
    """A person's latest validated ratings, with the self-assessment they validate (None if since deleted)."""

    record: ValidatedRatings
    assessment: Assessment | None


def _require_signed_in(actor: Actor) -> None:
    if not actor.signed_in or not actor.email:
        raise NotAllowed("Working with a line manager needs you to be signed in with an email address. "
                         "Nothing was changed.")


def side(actor: Actor, m: LineManagement) -> Side | None:
    """Which side of this line management the actor is on ("person", "manager"), or None."""
    if m.person_id == actor.profile_id or (m.person_id is None and same_email(m.person_email, actor.email)):
        return "person"
    if m.manager_id == actor.profile_id or (m.manager_id is None and same_email(m.manager_email, actor.email)):
        return "manager"
    return None


def mine(repo: store.Repository, actor: Actor) -> list[LineManagement]:
    """Every line management the actor is part of or has been asked into, newest first."""
    return sorted((m for m in repo.list_shared(LineManagement) if side(actor, m) is not None),
                  key=lambda m: m.asked_at, reverse=True)


def waiting_for(actor: Actor, line_managements: list[LineManagement]) -> list[LineManagement]:
    """The requests that wait for the actor's answer."""
    return [m for m in line_managements
            if m.status == "asked" and side(actor, m) is not None and side(actor, m) != m.asked_by]


def _find(repo: store.Repository, line_management_id: str) -> LineManagement:
    found = next((m for m in repo.list_shared(LineManagement) if m.id == line_management_id), None)
    if found is None:
        raise PlannerError("That line management request is no longer there. Nothing was changed.")
    return found


def _managers_of(repo: store.Repository, person_id: str) -> list[LineManagement]:
    return [m for m in repo.list_shared(LineManagement) if m.person_id == person_id and m.status == "active"]


def current_manager(repo: store.Repository, actor: Actor) -> LineManagement | None:
    """The actor's line manager just now (the active line management in which they are the person), or None."""
    return next(iter(_managers_of(repo, actor.profile_id)), None)


def _manager_words(m: LineManagement) -> str:
    return f"{m.manager_name} ({m.manager_email})" if m.manager_name else m.manager_email


# --- Asking and answering --------------------------------------------------------------------


def ask_manager(repo: store.Repository, actor: Actor, manager_email: str, now: datetime) -> LineManagement:
    """The actor asks someone, by email, to be their line manager; nothing is shared until they accept.

    Raises:
        NotAllowed: the actor is not signed in.
        PlannerError: not an email address, the actor's own, already asked, or the actor already has a line
            manager or a request of their own waiting (a person has one line manager at a time).
    """
    _require_signed_in(actor)
    email = check_email(manager_email)
    if same_email(email, actor.email):
        raise PlannerError("That is your own email address: ask your line manager by theirs. Nothing was changed.")
    with repo.transaction(people=[actor.profile_id]):
        current = current_manager(repo, actor)
        if current is not None:
            if same_email(current.manager_email, email):
                raise PlannerError(f"{_manager_words(current)} is already your line manager. Nothing was changed.")
            raise PlannerError(
                f"{_manager_words(current)} is already your line manager, and you can have one line manager "
                f"here. Stop sharing with them first (under 'Your line manager'), then ask someone else. "
                f"Nothing was changed.")
        waiting = next((m for m in waiting_for(actor, mine(repo, actor))
                        if m.asked_by == "manager" and same_email(m.manager_email, email)), None)
        if waiting is not None:
            raise PlannerError(f"{_manager_words(waiting)} has already asked to be your line manager: accept their "
                               f"request (under 'Your line manager') instead. Nothing was changed.")
        asked = next((m for m in mine(repo, actor)
                      if m.status == "asked" and m.asked_by == "person" and side(actor, m) == "person"), None)
        if asked is not None:
            if same_email(asked.manager_email, email):
                raise PlannerError(f"You have already asked {email}. Nothing was changed.")
            raise PlannerError(f"You have already asked {asked.manager_email} to be your line manager. Withdraw "
                               f"that request first, then ask someone else. Nothing was changed.")
        made = LineManagement(asked_by="person", person_id=actor.profile_id, person_name=actor.name,
                              person_email=actor.email, manager_email=email, asked_at=now)
        repo.put_shared(made)
    return made


def ask_report(repo: store.Repository, actor: Actor, person_email: str, now: datetime) -> LineManagement:
    """The actor, as line manager, asks someone by email to share their plan and ratings with them.

    They see nothing of that person's until the person accepts.

    Raises:
        NotAllowed: the actor is not signed in.
        PlannerError: not an email address, the actor's own, or already asked or already their report.
    """
    _require_signed_in(actor)
    email = check_email(person_email)
    if same_email(email, actor.email):
        raise PlannerError("That is your own email address: you cannot be your own line manager. Nothing was changed.")
    for m in mine(repo, actor):
        if m.status in OPEN and side(actor, m) == "manager" and same_email(m.person_email, email):
            if m.status == "asked" and m.asked_by == "person":
                raise PlannerError(f"{m.person_name or email} has already asked you to be their line manager: "
                                   f"accept their request instead. Nothing was changed.")
            raise PlannerError(f"You have already asked {email}, or they are already one of your line reports. "
                               f"Nothing was changed.")
    made = LineManagement(asked_by="manager", manager_id=actor.profile_id, manager_name=actor.name,
                          manager_email=actor.email, person_email=email, asked_at=now)
    repo.put_shared(made)
    return made


def accept(repo: store.Repository, actor: Actor, line_management_id: str, now: datetime) -> LineManagement:
    """Accept a request made to the actor; from now on the manager sees the person's plan and latest self-assessment.

    A person who accepts a manager's request withdraws any request of their own still waiting, as they
    have one line manager at a time.

    Raises:
        NotAllowed: the request was not made to the actor, or the actor is not signed in.
        PlannerError: it has been answered or withdrawn already, or the person already has a line manager.
    """
    _require_signed_in(actor)
    asked = _find(repo, line_management_id)
    person_id = asked.person_id or actor.profile_id
    with repo.transaction(people=[person_id]):  # two answers for one person never both make a line manager
        m = _find(repo, line_management_id)
        answering = side(actor, m)
        if answering is None or answering == m.asked_by:
            raise NotAllowed("That request was not made to you. Nothing was changed.")
        if m.status != "asked":
            raise PlannerError("That request has been answered or withdrawn already. Nothing was changed.")
        current = next(iter(_managers_of(repo, person_id)), None)
        if current is not None:
            if answering == "person":
                raise PlannerError(
                    f"{_manager_words(current)} is already your line manager, and you can have one line manager "
                    f"here. Stop sharing with them first (under 'Your line manager'), then accept this request. "
                    f"Nothing was changed.")
            raise PlannerError(f"{m.person_name or m.person_email} has a line manager here already, so this "
                               f"request can no longer be accepted. Nothing was changed.")
        if answering == "manager":
            accepted = m.model_copy(update={"manager_id": actor.profile_id, "manager_name": actor.name,
                                            "manager_email": actor.email, "status": "active", "answered_at": now})
        else:
            accepted = m.model_copy(update={"person_id": actor.profile_id, "person_name": actor.name,
                                            "person_email": actor.email, "status": "active", "answered_at": now})
            for own in mine(repo, actor):
                if own.status == "asked" and own.asked_by == "person" and own.person_id == actor.profile_id:
                    repo.put_shared(own.model_copy(update={"status": "declined", "answered_at": now,
                                                           "ended_by": actor.name}))
        repo.put_shared(accepted)
    return accepted


def decline(repo: store.Repository, actor: Actor, line_management_id: str, now: datetime) -> LineManagement:
    """Decline a request made to the actor, or withdraw one the actor made.

    Raises:
        NotAllowed: the actor is not part of it.
        PlannerError: it has been answered already.
    """
    m = _find(repo, line_management_id)
    if side(actor, m) is None:
        raise NotAllowed("That request is not yours to answer. Nothing was changed.")
    declined = declined_by(m, actor, now)
    repo.put_shared(declined)
    return declined


def end(repo: store.Repository, actor: Actor, line_management_id: str, now: datetime) -> LineManagement:
    """End an active line management; either side may, at any time. The manager sees nothing more from then on.

    The sign-offs and validated ratings already made stay in the person's own file: they are theirs.

    Raises:
        NotAllowed: the actor is not part of it.
        PlannerError: it has ended already.
    """
    m = _find(repo, line_management_id)
    if side(actor, m) is None:
        raise NotAllowed("That line management is not yours to end. Nothing was changed.")
    ended = ended_by(m, actor, now, "line management")
    repo.put_shared(ended)
    return ended


# --- The manager's side ------------------------------------------------------------------------


def reports(repo: store.Repository, actor: Actor) -> list[LineManagement]:
    """The actor's line reports just now (active, with the actor as manager), by name."""
    return sorted((m for m in repo.list_shared(LineManagement)
                   if m.status == "active" and m.manager_id == actor.profile_id and m.person_id),
                  key=lambda m: (m.person_name.casefold(), m.person_email.casefold()))


def active_report(repo: store.Repository, actor: Actor, line_management_id: str) -> LineManagement:
    """The active line management that lets the actor see this report.

    Raises:
        NotAllowed: there is none (never accepted, ended, or someone else's).
    """
    m = next((m for m in repo.list_shared(LineManagement) if m.id == line_management_id), None)
    if m is None or m.status != "active" or m.manager_id != actor.profile_id or not m.person_id:
        who = (m.person_name or m.person_email) if m is not None and m.manager_id == actor.profile_id else None
        raise NotAllowed(f"{who or 'This person'} no longer shares their plan and ratings with you, so they "
                         f"cannot be shown. Nothing was changed.")
    return m


def review(repo: store.Repository, actor: Actor, line_management_id: str, now: datetime) -> ReportView:
    """What the actor sees of one report, read live and read only; each look is recorded for the person.

    Raises:
        NotAllowed: they are not the actor's report (any more).
        PlannerError: they have not made a profile yet.
    """
    m = active_report(repo, actor, line_management_id)
    assert m.person_id is not None  # active_report refuses one without
    profile = repo.get_profile(m.person_id)
    if profile is None:
        raise PlannerError(f"{m.person_name or m.person_email} has not made a profile yet, so there is nothing to see.")
    _, latest = assessment.latest_ratings(repo.list(Assessment, profile.id), None)
    # Only this manager's own sign-offs and validations: the person shared their plan and ratings with
    # them, not what an earlier line manager wrote.
    sign_offs = sorted((s for s in repo.list(PlanSignOff, profile.id) if s.manager_id == actor.profile_id),
                       key=lambda s: s.signed_at, reverse=True)
    validation = manager_review.latest_validation(
        v for v in repo.list(ValidatedRatings, profile.id)
        if v.manager_id == actor.profile_id and latest is not None and v.assessment_id == latest.id)
    items = plan.ordered(repo.list(PlanItem, profile.id))
    audit.record(repo, actor, profile.id, AS_ROLE, SEEN, now)
    return ReportView(m, profile, latest, items, sign_offs, validation)


def sign_off(repo: store.Repository, actor: Actor, line_management_id: str, comment: str,
             now: datetime) -> PlanSignOff:
    """The actor signs off their report's plan as it stands: kept in the person's file, and recorded for them.

    Raises:
        NotAllowed: they are not the actor's report (any more).
        PlannerError: the plan has no objectives to sign.
    """
    person_id = active_report(repo, actor, line_management_id).person_id
    assert person_id is not None
    with repo.transaction(people=[person_id]):
        m = active_report(repo, actor, line_management_id)
        objectives = manager_review.signed_objectives(repo.list(PlanItem, person_id))
        if not objectives:
            raise PlannerError(f"{m.person_name or m.person_email}'s plan has no objectives yet, so there is nothing "
                               f"to sign off. Nothing was saved.")
        signed = PlanSignOff(profile_id=person_id, manager_id=actor.profile_id, manager_name=actor.name,
                             objectives=objectives, comment=comment.strip(), signed_at=now)
        repo.add(signed)
        audit.record(repo, actor, person_id, AS_ROLE, "signed off your plan", now, changed=True)
    return signed


def validate(repo: store.Repository, actor: Actor, line_management_id: str, assessment_id: str,
             scores: dict[str, int], comment: str, now: datetime) -> ValidatedRatings:
    """The actor validates their report's self-ratings: the rating they agree (0 to 4) for each indicator chosen.

    Kept in the person's file beside the self-assessment it validates, and recorded for them.

    Raises:
        NotAllowed: they are not the actor's report (any more).
        PlannerError: the self-assessment is gone, or a rating chosen cannot be validated.
    """
    person_id = active_report(repo, actor, line_management_id).person_id
    assert person_id is not None
    with repo.transaction(people=[person_id]):
        active_report(repo, actor, line_management_id)
        rated = repo.get(Assessment, person_id, assessment_id)
        if rated is None or rated.assessor != "self":
            raise PlannerError("That self-assessment is no longer there, so its ratings cannot be validated. "
                               "Nothing was saved.")
        agreed = manager_review.checked_validation(scores, rated)
        validated = ValidatedRatings(profile_id=person_id, manager_id=actor.profile_id, manager_name=actor.name,
                                     assessment_id=rated.id, framework_version=rated.framework_version,
                                     ratings=agreed, comment=comment.strip(), validated_at=now)
        repo.add(validated)
        audit.record(repo, actor, person_id, AS_ROLE, f"validated {wording.counted(len(agreed), 'self-rating')} "
                     "of yours", now, changed=True)
    return validated


# --- The person's side -------------------------------------------------------------------------


def sign_offs_of(repo: store.Repository, actor: Actor, profile_id: str) -> list[PlanSignOff]:
    """Every sign-off of a person's plan, newest first: for the person themselves.

    Raises:
        NotAllowed: it is someone else's plan.
    """
    require_own(actor, profile_id, "who signed off their plan")
    return sorted(repo.list(PlanSignOff, profile_id), key=lambda s: s.signed_at, reverse=True)


def validation_of(repo: store.Repository, actor: Actor, profile_id: str) -> Validation | None:
    """A person's latest validated ratings and the self-assessment they validate, or None: for the person themselves.

    Raises:
        NotAllowed: they are someone else's ratings.
    """
    require_own(actor, profile_id, "their validated ratings")
    latest = manager_review.latest_validation(repo.list(ValidatedRatings, profile_id))
    if latest is None:
        return None
    return Validation(latest, repo.get(Assessment, profile_id, latest.assessment_id))


# --- Privacy -----------------------------------------------------------------------------------


def about_person(repo: store.Repository, profile_id: str, email: str) -> list[LineManagement]:
    """Every line management a person is part of, on either side, or was asked into (matched by id or address)."""
    return [m for m in repo.list_shared(LineManagement)
            if profile_id in (m.person_id, m.manager_id)
            or (email and (same_email(m.person_email, email) or same_email(m.manager_email, email)))]


def forget_person(repo: store.Repository, profile_id: str, email: str) -> int:
    """Remove a person's line managements, and take their name out of the sign-offs and validations they made.

    That a plan was signed off, or ratings validated, stays in the other person's file (it is theirs);
    who did it does not, as it was the deleted person's personal data (as planner.services.audit does).

    Returns:
        How many line managements were removed.
    """
    theirs = about_person(repo, profile_id, email)
    for person_id in sorted({m.person_id for m in theirs if m.manager_id == profile_id and m.person_id}):
        if person_id == profile_id or repo.get_profile(person_id) is None:
            continue
        made_by_them: list[PlanSignOff | ValidatedRatings] = [
            *(s for s in repo.list(PlanSignOff, person_id) if s.manager_id == profile_id),
            *(v for v in repo.list(ValidatedRatings, person_id) if v.manager_id == profile_id)]
        mended = [r.model_copy(update={"manager_id": "", "manager_name": audit.DELETED_PERSON}) for r in made_by_them]
        if mended:
            repo.put_many(mended)
    return repo.remove_shared(LineManagement, [m.id for m in theirs]) if theirs else 0
