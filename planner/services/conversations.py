"""Recording a conversation: the mentor's record and, for a mentee on this installation, their plan.

A record is written to the mentor's data and its agreed actions (with the mentor's latest ratings)
to a local mentee's plan, or as proposals for a mentee by consent, in one transaction: all of it is
saved or none, so nobody is left with a record whose actions did not reach the plan, or the other
way round.
"""

from __future__ import annotations

from datetime import datetime

from planner import store
from planner.domain import agreed_actions, mentees, mentoring
from planner.domain.mentoring import SavedRecord
from planner.domain.models import Assessment, Conversation, Framework, Mentee, MentorRating, PlanItem
from planner.errors import PlannerError
from planner.services import consent
from planner.services.acting import Actor


def save_conversation(repo: store.Repository, actor: Actor, mentee: Mentee, conversation: Conversation,
                      now: datetime, *, fw: Framework) -> SavedRecord:
    """Save a new record or the mentor's changes to one, and for a local mentee update their plan.

    Saving the same record again replaces it (the same id); a new record that says exactly what a
    saved one says is not added a second time. Agreed actions keep their plan items, so the mentee
    receives each action once. All the writes or none, in one transaction that keeps other
    sessions from changing the mentor's or the mentee's data meanwhile.

    Args:
        repo: the store.
        actor: who is acting; only the mentor who made a record may change it.
        mentee: the mentee the record is about.
        conversation: the record as the form or the edit left it.
        now: the time of saving.
        fw: the framework the actions' indicators come from.

    Raises:
        PlannerError: the record is someone else's or about another mentee, or breaks a rule.
    """
    mentoring.check_own_record(actor.profile_id, mentee, conversation)
    people = [actor.profile_id, *([mentee.mentee_profile_id] if mentee.mentee_profile_id else [])]
    with repo.transaction(people=people):
        before = repo.get(Conversation, actor.profile_id, conversation.id)
        prepared = mentoring.record_to_save(conversation, before, repo.list(Conversation, actor.profile_id), now, fw)
        if isinstance(prepared, SavedRecord):
            return prepared
        record = prepared
        merged = agreed_actions.Merge()
        received: list[PlanItem | Assessment] = []
        if mentee.source == "consent":
            consent.active_mentorship(repo, actor, mentee)  # refuse before saving anything
        if mentee.source == "local":
            # Same installation: the actions and the mentor's latest ratings reach the mentee's plan at once.
            items = mentoring.actions_as_plan_items(record, mentee.mentee_profile_id, actor.name, fw, now)
            merged = agreed_actions.merge(repo.list(PlanItem, mentee.mentee_profile_id), items, now)
            received = list(merged.records)
            latest = mentees.latest_rating(repo.list(MentorRating, actor.profile_id), mentee.id)
            if latest is not None and repo.get(Assessment, mentee.mentee_profile_id, latest.id) is None:
                received.append(mentees.mentor_assessment(latest, mentee.mentee_profile_id, actor.name))
        repo.put(record)
        repo.put_many(received)
        proposed = 0
        if mentee.source == "consent":
            # On a server the mentee answers each agreed action: it arrives as a proposal for their plan.
            items = mentoring.actions_as_plan_items(record, mentee.mentee_profile_id, actor.name, fw, now)
            proposed = consent.propose(repo, actor, mentee, items, now)
    return SavedRecord(record, added=len(merged.added), changed=len(merged.changed), proposed=proposed)


def delete_conversation(repo: store.Repository, actor: Actor, conversation_id: str) -> Conversation:
    """Delete a record of the acting mentor's; what already reached a mentee's plan stays theirs.

    Raises:
        PlannerError: the record is not one of this mentor's.
    """
    record = repo.get(Conversation, actor.profile_id, conversation_id)
    if record is None or record.profile_id != actor.profile_id:
        raise PlannerError("A record of a conversation can be deleted only by the mentor who made it.")
    repo.remove(Conversation, actor.profile_id, conversation_id)
    return record


def records_about(repo: store.Repository, actor: Actor, mentee: Mentee) -> list[Conversation]:
    """The acting mentor's records about this mentee, newest first."""
    return sorted((c for c in repo.list(Conversation, actor.profile_id) if c.mentee_id == mentee.id),
                  key=lambda c: (c.held_on, c.created_at), reverse=True)
