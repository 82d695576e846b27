"""Mentoring use cases: adding, seeing and removing mentees, the mentor's ratings, and the files between them.

A mentee's share file is read here (planner.io.bundle) and the file a mentor sends back is written
and read here, so the rules in planner.domain.mentees never touch a file.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from planner import store
from planner.domain import agreed_actions, mentees, mentoring
from planner.domain.mentees import MenteeView, MentorReturn
from planner.domain.models import (
    MAX_NAME,
    SCHEMA_VERSION,
    Assessment,
    Conversation,
    ConversationDraft,
    Framework,
    FrameworkRef,
    Mentee,
    MentorFileImport,
    MentorRating,
    PlanItem,
    Rating,
)
from planner.errors import PlannerError
from planner.io import bundle
from planner.services import consent
from planner.services.acting import Actor, require_mentor_of, require_own
from planner.store.documents import from_document, to_document

RETURN_FORMAT = "kim-pathways-mentor-return"
NOT_A_RETURN = "The file is not a KIM Pathways file from a mentor"


def my_mentees(repo: store.Repository, actor: Actor) -> list[Mentee]:
    """The acting mentor's mentees, by name: those in their own file and, on a server, those who accepted them."""
    found = repo.list(Mentee, actor.profile_id)
    if actor.signed_in:
        found += consent.mentees_by_consent(repo, actor)
    return sorted(found, key=lambda m: m.name.lower())


def add_local_mentee(repo: store.Repository, actor: Actor, profile_id: str, now: datetime) -> Mentee:
    """Add someone who uses this installation as the acting person's mentee.

    Raises:
        PlannerError: they have no profile, are the actor, or are already a mentee.
    """
    profile = repo.get_profile(profile_id)
    if profile is None:
        raise PlannerError("That profile is no longer in this installation. Nothing was added.")
    added = mentees.local_mentee(profile, actor.profile_id, repo.list(Mentee, actor.profile_id), now)
    repo.put(added)
    return added


def mentee_from_share(data: bytes, mentor_id: str, existing: list[Mentee], now: datetime) -> Mentee:
    """A mentee from a share file's bytes (read and checked), kept apart from the mentor's data; not saved.

    Raises:
        PlannerError: the file cannot be read, is the mentor's own, or is not newer than the one held.
    """
    shared = bundle.read_bundle(data)
    return mentees.mentee_from_shared(
        mentees.Shared(shared.profile, shared.assessments, shared.plan_items, shared.exported_at),
        mentor_id, existing, now,
    )


def add_mentee_from_share(repo: store.Repository, actor: Actor, data: bytes, now: datetime) -> Mentee:
    """Add a mentee from their share file, or replace an older share file of theirs.

    Raises:
        PlannerError: the file cannot be read, is the actor's own, or is not newer than the one held.
    """
    added = mentee_from_share(data, actor.profile_id, repo.list(Mentee, actor.profile_id), now)
    repo.put(added)
    return added


def view(repo: store.Repository, actor: Actor, mentee: Mentee, now: datetime) -> MenteeView:
    """The mentee's profile, assessments and plan: read live for a local mentee, from the share file for a
    shared one, and on a server what a mentee who accepted the actor shares (each look recorded for them).

    Raises:
        NotAllowed: the mentee is not the actor's, or no longer shares with them.
        PlannerError: a local mentee's profile no longer exists.
    """
    require_mentor_of(actor, mentee)
    if mentee.source == "consent":
        return consent.shared_view(repo, actor, mentee, now)
    if mentee.source == "share":
        assert mentee.shared_profile is not None  # a share mentee always carries the profile shared
        return MenteeView(mentee.shared_profile, list(mentee.shared_assessments), list(mentee.shared_plan_items))
    profile = repo.get_profile(mentee.mentee_profile_id)
    if profile is None:
        raise PlannerError(f"{mentee.name}'s profile is no longer in this installation. Remove them from your mentees.")
    return MenteeView(profile, repo.list(Assessment, profile.id), repo.list(PlanItem, profile.id))


def latest_rating(repo: store.Repository, actor: Actor, mentee: Mentee) -> MentorRating | None:
    """The acting mentor's latest ratings of the mentee, or None."""
    require_mentor_of(actor, mentee)
    return mentees.latest_rating(repo.list(MentorRating, actor.profile_id), mentee.id)


def rate(repo: store.Repository, actor: Actor, mentee: Mentee, taken_on: date, ratings: dict[str, Rating],
         comment: str, now: datetime, version: FrameworkRef) -> MentorRating:
    """Save the acting mentor's ratings of a mentee, made against one framework version.

    Raises:
        NotAllowed: the mentee is not the actor's.
        PlannerError: no indicator is rated.
    """
    require_mentor_of(actor, mentee)
    if mentee.source == "consent":
        consent.active_mentorship(repo, actor, mentee)
    if not ratings:
        raise PlannerError("Rate at least one indicator before you save.")
    rating = MentorRating(profile_id=actor.profile_id, mentee_id=mentee.id, taken_on=taken_on, ratings=ratings,
                          comment=comment.strip(), created_at=now, framework_version=version)
    repo.add(rating)
    return rating


def forget_mentee(repo: store.Repository, actor: Actor, mentee_id: str) -> None:
    """Remove one of the actor's mentees with the actor's ratings and conversation records about them.

    The mentee's own data (their profile, assessments and plan) is not touched.
    """
    remove_mentee_records(repo, actor.profile_id, mentee_id)


def remove_mentee_records(repo: store.Repository, mentor_id: str, mentee_id: str) -> None:
    """Remove a mentee record from a mentor's file, with every rating, record and draft about them.

    Called for the mentor (forget_mentee) or, when a person asks to be forgotten, for each mentor
    whose file holds them (planner.services.privacy): the caller has checked who may.
    """
    with repo.transaction(people=[mentor_id]):  # all of them or none
        doomed: list[tuple[type[MentorRating] | type[Conversation], str]] = [
            (MentorRating, r.id) for r in repo.list(MentorRating, mentor_id) if r.mentee_id == mentee_id
        ] + [(Conversation, c.id) for c in repo.list(Conversation, mentor_id) if c.mentee_id == mentee_id]
        for model, record_id in doomed:
            repo.remove(model, mentor_id, record_id)
        repo.remove(ConversationDraft, mentor_id, mentee_id)  # its id is the mentee's
        repo.remove(Mentee, mentor_id, mentee_id)


# --- The file a mentor sends back ------------------------------------------------------------


def return_file(mentor_name: str, mentee: Mentee, ratings: list[MentorRating], conversation: Conversation,
                fw: Framework, now: datetime) -> bytes:
    """The file a mentor sends back: their ratings and the agreed actions, for the mentee to import."""
    assessments = [mentees.mentor_assessment(r, mentee.mentee_profile_id, mentor_name) for r in ratings]
    items = mentoring.actions_as_plan_items(conversation, mentee.mentee_profile_id, mentor_name, fw, now)
    document = {
        "format": RETURN_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "mentor": mentor_name,
        "mentee_profile_id": mentee.mentee_profile_id,
        "held_on": conversation.held_on.isoformat(),
        "next_meeting": conversation.next_meeting.isoformat() if conversation.next_meeting else None,
        "next_meeting_details": (conversation.next_meeting_details.model_dump(mode="json")
                                 if conversation.next_meeting_details else None),
        "assessments": [to_document(a) for a in assessments],
        "plan_items": [to_document(i) for i in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def read_return(data: bytes) -> MentorReturn:
    """Read and check a mentor's file without saving anything.

    Raises:
        PlannerError: the file is empty, broken, of another kind or version, or a record is not valid.
    """
    document = bundle.open_document(data, RETURN_FORMAT, NOT_A_RETURN, "mentor's record")
    mentee_id = document.get("mentee_profile_id")
    if not isinstance(mentee_id, str) or not mentee_id:
        raise PlannerError(f"{NOT_A_RETURN}: it does not say whose it is.")
    mentor = str(document.get("mentor") or "your mentor")[:MAX_NAME]
    records: dict[str, list[Any]] = {}
    kinds: tuple[tuple[str, type[Assessment] | type[PlanItem], str], ...] = (
        ("assessments", Assessment, "assessment"), ("plan_items", PlanItem, "action"))
    for key, model_cls, noun in kinds:
        docs = document.get(key, [])
        if not isinstance(docs, list):
            raise PlannerError(f"The file has a problem: its {noun}s are not a list.")
        records[key] = []
        for n, doc in enumerate(docs, start=1):
            if not isinstance(doc, dict):
                raise PlannerError(f"The file has a problem in {noun} {n}: it is not a record.")
            try:
                record: Assessment | PlanItem = from_document(model_cls, doc)
            except PlannerError as exc:
                raise PlannerError(f"The file has a problem in {noun} {n}: {exc}") from None
            if record.profile_id != mentee_id:
                raise PlannerError(f"The file has a problem in {noun} {n}: it belongs to someone else.")
            records[key].append(record)
    if any(a.assessor != "mentor" for a in records["assessments"]):
        raise PlannerError("The file has a problem: a mentor's file can only hold the mentor's ratings.")
    try:
        held_on = date.fromisoformat(document["held_on"]) if document.get("held_on") else None
    except (TypeError, ValueError):
        raise PlannerError("The file has a problem: the date of the conversation is not a date.") from None
    return MentorReturn(mentor, mentee_id, held_on, records["assessments"], records["plan_items"])


def import_return(repo: store.Repository, actor: Actor, received: MentorReturn, now: datetime) -> str:
    """Add a mentor's ratings and agreed actions to the acting mentee's own data, and note the import.

    An agreed action already in the plan is not added again: if the mentor changed it since, its
    objective, indicators, owner and due date are updated (and its activity says when); what the
    mentee did with it (status, evidence, review date) is kept. Nothing else is overwritten. All is
    written at once, in the mentee's own file.

    Returns:
        What happened, in a sentence fit to show the person.

    Raises:
        PlannerError: the file is for someone else.
    """
    profile_id = actor.profile_id
    if actor.signed_in:
        # On a server a mentor's file only ever changes the signed-in person's own data, whatever ids it carries.
        received = MentorReturn(received.mentor, profile_id, received.held_on,
                                [a.model_copy(update={"profile_id": profile_id}) for a in received.assessments],
                                [i.model_copy(update={"profile_id": profile_id}) for i in received.plan_items])
    if received.mentee_profile_id != profile_id:
        raise PlannerError(
            "This file from a mentor is for another profile. Choose the profile it was made for, then import it."
        )
    with repo.transaction(people=[profile_id]):  # merged with the plan as it is when saved
        have_assessments = {a.id for a in repo.list(Assessment, profile_id)}
        new_assessments = [a for a in received.assessments if a.id not in have_assessments]
        merged = agreed_actions.merge(repo.list(PlanItem, profile_id), received.plan_items, now)
        receipt = MentorFileImport(profile_id=profile_id, mentor=received.mentor, held_on=received.held_on,
                                   imported_at=now, added_actions=len(merged.added),
                                   changed_actions=len(merged.changed), added_ratings=len(new_assessments))
        repo.put_many([*new_assessments, *merged.records, receipt])
    if not new_assessments and not merged.records:
        return mentees.NOTHING_NEW
    return mentees.import_summary(received.mentor, len(new_assessments), len(merged.added), len(merged.changed))


def last_import(repo: store.Repository, actor: Actor, profile_id: str) -> MentorFileImport | None:
    """The latest file from a mentor that this person imported, or None.

    Raises:
        NotAllowed: it is not the actor's own data.
    """
    require_own(actor, profile_id, "their plan")
    imports = repo.list(MentorFileImport, profile_id)
    return max(imports, key=lambda i: i.imported_at) if imports else None
