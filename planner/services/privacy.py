"""Everything an installation holds about a person, in their own file and in other people's, and forgetting it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from planner import store
from planner.domain import wording
from planner.domain.models import (
    Conversation,
    ConversationDraft,
    DeletionNote,
    Mentee,
    MentorRating,
    Mentorship,
    ProposedAction,
    utc_now,
)
from planner.errors import StoreError
from planner.services import audit, consent, line_management, mentoring, teams
from planner.services.acting import Actor, require_own, same_email
from planner.store.documents import PERSON_TABLES, to_document

SET_ASIDE_NOTE = (
    "Records of yours that could not be read (damaged, or changed by hand) and were set aside so "
    "that the rest of your data could be shown. They are kept here exactly as they were saved."
)

SHARING_NOTE = (
    "On a department's server: the mentorships you asked for, were asked into, or ended, with what you "
    "chose to share, the teams you lead or were asked into, and your line management on either side (as "
    "the person managed or as the line manager). Who has seen or changed your data is under records, "
    "access_records; your line manager's sign-offs of your plan and validations of your ratings are under "
    "records, plan_sign_offs and validated_ratings."
)

HELD_BY_OTHERS_NOTE = (
    "Records other people who use this installation keep about you, in their own files: "
    "a mentor's record of you as their mentee (with any copy of the data you shared with them), "
    "their ratings of you, their records of your conversations and any record they are still writing. "
    "Each entry names who holds it."
)


@dataclass(frozen=True)
class HeldByOther:
    """What one other person's file holds about someone, as their mentor."""

    holder_id: str
    holder_name: str
    mentees: list[Mentee]
    ratings: list[MentorRating]
    conversations: list[Conversation]
    conversation_drafts: list[ConversationDraft]

    @property
    def count(self) -> int:
        return len(self.mentees) + len(self.ratings) + len(self.conversations) + len(self.conversation_drafts)


@dataclass(frozen=True)
class ForgetResult:
    """What forgetting a person removed."""

    name: str
    own_records: int
    """Records in the person's own file, besides their profile."""
    others_records: int
    """Records other people's files held about them (mentee records, ratings, conversations)."""
    holders: tuple[str, ...]
    """The names of the people whose files held those records."""

    def summary(self) -> str:
        """What was removed, in a sentence fit to show the person."""
        own = f" ({wording.counted(self.own_records, 'record')})" if self.own_records else ""
        sentence = f"Deleted the profile of {self.name} and everything saved with it{own}"
        if self.others_records:
            sentence += (
                f", and {wording.counted(self.others_records, 'record')} other people held about you "
                f"(in the mentoring records of {', '.join(self.holders)})"
            )
        return sentence + "."


def held_by_others(repo: store.Repository, actor: Actor, profile_id: str) -> list[HeldByOther]:
    """The records in other people's files that are about a person, one entry per holder.

    A mentor's file holds a Mentee record pointing at the person (with any copy of the data
    they shared), and the mentor's ratings and conversation records of that mentee.

    Args:
        repo: The saved data.
        actor: Who is asking: only the person themselves.
        profile_id: The person's id.

    Returns:
        One entry for each other person whose file holds something about them, by name.
    """
    require_own(actor, profile_id, "what others hold about them")
    held = []
    for ref in repo.list_profiles():
        if ref.id == profile_id:
            continue
        mentees = [m for m in repo.list(Mentee, ref.id) if m.mentee_profile_id == profile_id]
        # On a server a mentee by consent is no record in the mentor's file: the mentorship stands for it.
        mentees += [m for m in consent.mentees_by_consent(repo, Actor(ref.id, ref.name, signed_in=True))
                    if m.mentee_profile_id == profile_id]
        if not mentees:
            continue
        mentee_ids = {m.id for m in mentees}
        held.append(HeldByOther(
            holder_id=ref.id,
            holder_name=ref.name,
            mentees=mentees,
            ratings=[r for r in repo.list(MentorRating, ref.id) if r.mentee_id in mentee_ids],
            conversations=[c for c in repo.list(Conversation, ref.id) if c.mentee_id in mentee_ids],
            conversation_drafts=[d for d in repo.list(ConversationDraft, ref.id) if d.mentee_id in mentee_ids],
        ))
    return held


def everything_about(repo: store.Repository, actor: Actor, profile_id: str, now: datetime) -> dict[str, Any]:
    """Everything this installation holds about a person, ready for `json.dumps`.

    Args:
        repo: The saved data.
        actor: Who is asking: only the person themselves.
        profile_id: The person's id.
        now: The moment of the export.

    Returns:
        The person's own data as `Repository.export_person` gives it ("profile" and "records"
        with a list for every kind of record); "set_aside": records of theirs that could not be
        read and were set aside, as they were saved; and apart from it "held_by_others": a note
        saying what it is and a list of {"held_by": {"profile_id", "name"}, "as": "your mentor",
        "records": {table: [documents]}}.

    Raises:
        NotAllowed: it is someone else's data.
        StoreError: There is no profile with this id, or a file could not be read.
    """
    require_own(actor, profile_id, "their data")
    exported = repo.export_person(profile_id)
    exported["exported_at"] = now.isoformat()
    exported["held_by_others"] = {
        "note": HELD_BY_OTHERS_NOTE,
        "holders": [
            {
                "held_by": {"profile_id": held.holder_id, "name": held.holder_name},
                "as": "your mentor",
                "records": {
                    PERSON_TABLES[Mentee]: [to_document(m) for m in held.mentees],
                    PERSON_TABLES[MentorRating]: [to_document(r) for r in held.ratings],
                    PERSON_TABLES[Conversation]: [to_document(c) for c in held.conversations],
                    PERSON_TABLES[ConversationDraft]: [to_document(d) for d in held.conversation_drafts],
                },
            }
            for held in held_by_others(repo, actor, profile_id)
        ],
    }
    exported["set_aside"] = {"note": SET_ASIDE_NOTE, "records": repo.set_aside_documents(profile_id)}
    in_teams = teams.about_person(repo, profile_id, actor.email)
    exported["sharing"] = {
        "note": SHARING_NOTE,
        "mentorships": [to_document(m) for m in _mentorships_of(repo, profile_id, actor.email)],
        "teams": [to_document(t) for t in in_teams.teams],
        "team_memberships": [to_document(m) for m in in_teams.memberships],
        "line_managements": [to_document(m) for m in line_management.about_person(repo, profile_id, actor.email)],
    }
    return exported


def _mentorships_of(repo: store.Repository, profile_id: str, email: str) -> list[Mentorship]:
    return [m for m in repo.list_shared(Mentorship)
            if profile_id in (m.mentee_id, m.mentor_id)
            or (email and (same_email(m.mentee_email, email) or same_email(m.mentor_email, email)))]


def forget(repo: store.Repository, actor: Actor, profile_id: str, now: datetime | None = None) -> ForgetResult:
    """Delete a person's own data and everything other people's files hold about them.

    Other people's records about them, the sharing and the person's own data go in one
    transaction: a failure part way leaves everything in place, and forgetting can be tried again.

    Args:
        repo: The saved data.
        actor: Who is asking: only the person themselves.
        profile_id: The person's id.

    Returns:
        What was removed.

    Raises:
        NotAllowed: it is someone else's data.
        StoreError: There is no profile with this id, or a file could not be read or written.
    """
    require_own(actor, profile_id, "their data")
    profile = repo.get_profile(profile_id)
    if profile is None:
        raise StoreError(
            f"No profile with this id ({profile_id}) is saved, so there is nothing to delete."
        )
    with repo.transaction(people=[profile_id]):  # all of it or, if anything fails, none
        own_records = sum(len(docs) for docs in repo.export_person(profile_id)["records"].values())
        held = _remove_held_by_others(repo, actor, profile_id)
        _forget_sharing(repo, profile_id, actor.email or profile.email)
        repo.delete_person(profile_id)
        # A mentor who added them as a mentee while this ran would otherwise keep that record.
        late = _remove_held_by_others(repo, actor, profile_id)
        repo.put_shared(DeletionNote(deleted_at=now or utc_now()))  # that a deletion happened; nothing of whose
    holders = tuple(dict.fromkeys(h.holder_name for h in [*held, *late]))
    return ForgetResult(
        name=profile.name,
        own_records=own_records,
        others_records=sum(h.count for h in [*held, *late]),
        holders=holders,
    )


def _forget_sharing(repo: store.Repository, profile_id: str, email: str) -> None:
    """Their mentorships and line managements (either side), the proposals they sent, and their name in what
    others' records say."""
    theirs = _mentorships_of(repo, profile_id, email)
    for m in theirs:
        if m.mentor_id == profile_id and m.mentee_id:
            for proposal in repo.list(ProposedAction, m.mentee_id):
                if proposal.mentorship_id == m.id:
                    repo.remove(ProposedAction, m.mentee_id, proposal.id)
    repo.remove_shared(Mentorship, [m.id for m in theirs])
    teams.forget_person(repo, profile_id, email)
    line_management.forget_person(repo, profile_id, email)
    audit.forget_who(repo, profile_id, {ref.id for ref in repo.list_profiles()})


def _remove_held_by_others(repo: store.Repository, actor: Actor, profile_id: str) -> list[HeldByOther]:
    held = held_by_others(repo, actor, profile_id)
    for holder in held:
        for mentee in holder.mentees:
            mentoring.remove_mentee_records(repo, holder.holder_id, mentee.id)
    return held



