"""Mentoring: self and mentor ratings compared, an agenda from what matters, and agreed actions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from planner import store
from planner.domain import agreed_actions, assessment, plan, wording
from planner.domain.assessment import Ratings, Target
from planner.domain.models import (
    MAX_NAME,
    SCHEMA_VERSION,
    ActivitySource,
    AgendaPoint,
    Assessment,
    Conversation,
    ConversationDraft,
    Framework,
    Mentee,
    MentorFileImport,
    MentorRating,
    PlanItem,
    Profile,
)
from planner.errors import PlannerError
from planner.io import bundle as bundle_module

FLAG_AT = 2
"""A difference of this many points or more between self and mentor is flagged for discussion."""

RETURN_FORMAT = "kim-pathways-mentor-return"
_NOT_A_RETURN = "The file is not a KIM Pathways file from a mentor"

GROW = {
    "gap": [
        "Goal: what would meeting this indicator look like in your work?",
        "Reality: where do you use it now, and what gets in the way?",
        "Options: what could you do, who could you learn from, what could you read?",
        "Way forward: what will you do first, and by when?",
    ],
    "difference": [
        "Goal: what does meeting this indicator look like to each of us?",
        "Reality: what examples led to your rating, and to mine?",
        "Options: what evidence would settle it, and how could you gather it?",
        "Way forward: what will we each look for before we next meet?",
    ],
    "overdue": [
        "Goal: is this objective still the right one?",
        "Reality: what has happened so far, and what is in the way?",
        "Options: could it be made smaller, moved, or done with help?",
        "Way forward: what is the new date, and what is the first step?",
    ],
    "change": [
        "Goal: what do you want to build on?",
        "Reality: what made the difference since last time?",
        "Options: where else could you use it?",
        "Way forward: how will you keep it going?",
    ],
}


@dataclass(frozen=True)
class Difference:
    code: str
    self_score: int | None
    mentor_score: int | None

    @property
    def gap(self) -> int | None:
        """Mentor minus self; None if either has not rated the indicator."""
        if self.self_score is None or self.mentor_score is None:
            return None
        return self.mentor_score - self.self_score

    @property
    def flagged(self) -> bool:
        return self.gap is not None and abs(self.gap) >= FLAG_AT


@dataclass(frozen=True)
class SkillComparison:
    """Self and mentor averages in one skill, over only the indicators both have rated."""

    skill: int
    self_average: float | None
    mentor_average: float | None
    flagged: int
    both_rated: int = 0
    """How many indicators of the skill both rated: the averages are over these alone."""


def compare(fw: Framework, self_ratings: Ratings, mentor_ratings: Ratings) -> list[Difference]:
    """Self and mentor rating side by side for every indicator either has rated, in framework order."""
    return [
        Difference(
            ind.code,
            self_ratings[ind.code].score if ind.code in self_ratings else None,
            mentor_ratings[ind.code].score if ind.code in mentor_ratings else None,
        )
        for ind in fw.indicators
        if ind.code in self_ratings or ind.code in mentor_ratings
    ]


def by_skill(fw: Framework, differences: list[Difference]) -> list[SkillComparison]:
    """Average self and mentor ratings per skill, and how many indicators are flagged in each.

    Both averages are taken over the same indicators, those both have rated: an average of 12
    self ratings beside one of the mentor's 2 would compare different things. Averages are
    rounded by wording.one_decimal, so every page and document shows the same figure.
    """
    result = []
    for skill in fw.skills:
        mine = [d for d in differences if fw.indicator(d.code).skill == skill.number]
        both = [d for d in mine if d.gap is not None]
        result.append(
            SkillComparison(
                skill.number,
                wording.one_decimal(sum(d.self_score for d in both) / len(both)) if both else None,
                wording.one_decimal(sum(d.mentor_score for d in both) / len(both)) if both else None,
                sum(d.flagged for d in mine),
                len(both),
            )
        )
    return result


def agenda(
    fw: Framework,
    self_ratings: Ratings,
    mentor_ratings: Ratings,
    target: Target,
    items: list[PlanItem],
    snapshots: list[Assessment],
    today: date,
    max_gaps: int = 3,
) -> list[AgendaPoint]:
    """A draft agenda: flagged differences, the largest gaps, overdue items and recent change.

    Each point comes with open questions in the GROW order (goal, reality, options, way
    forward). The mentor can reorder and edit the points before the meeting. A point's id
    says what it is about (`gap-2.1.4`), so drafting again finds the notes already written.

    Args:
        fw: the framework.
        self_ratings: the mentee's latest self-assessment.
        mentor_ratings: the mentor's ratings of the mentee (may be empty).
        target: the mentee's target level per skill.
        items: the mentee's plan items.
        snapshots: the mentee's self-assessments, any order.
        today: the date of preparing the agenda, for overdue items.
        max_gaps: how many of the largest gaps to include.
    """
    points: list[AgendaPoint] = []
    for d in compare(fw, self_ratings, mentor_ratings):
        if d.flagged:
            points.append(AgendaPoint(
                id=f"difference-{d.code}",
                title=f"{d.code}: rated differently (self {d.self_score}, mentor {d.mentor_score})",
                kind="difference", detail=fw.indicator(d.code).statement, questions=GROW["difference"]))
    found = assessment.gaps(fw, self_ratings, target)
    flagged_codes = {p.title.split(":")[0] for p in points}
    largest = sorted(found, key=lambda g: (-g.shortfall, g.indicator.level, g.code))
    for gap in [g for g in largest if g.code not in flagged_codes][:max_gaps]:
        points.append(AgendaPoint(
            id=f"gap-{gap.code}",
            title=f"{gap.code}: a gap of {wording.counted(gap.shortfall, 'point')} ({gap.rating_label})",
            kind="gap", detail=gap.indicator.statement, questions=GROW["gap"]))
    for item in plan.ordered(items):
        if plan.is_overdue(item, today):
            points.append(AgendaPoint(
                id=f"overdue-{item.id}",
                title=f"Overdue: {plan.shorten(item.objective, 80)}",
                kind="overdue", detail=f"Target date {wording.long_date(item.target_date)}", questions=GROW["overdue"]))
    own = assessment.latest_first([a for a in snapshots if a.assessor == "self"])
    if len(own) >= 2:
        diff = assessment.difference(own[1], own[0])
        moved = [c.code for c in diff.improved] + [c.code for c in diff.newly_rated if (c.after or 0) >= 3]
        if moved or diff.fell_back:
            detail = []
            if moved:
                detail.append("Improved or newly rated: " + ", ".join(moved))
            if diff.fell_back:
                detail.append("Fell back: " + ", ".join(c.code for c in diff.fell_back))
            points.append(AgendaPoint(
                id="change",
                title=f"What changed since {wording.long_date(own[1].taken_on)}", kind="change",
                detail=". ".join(detail) + ".", questions=GROW["change"]))
    return points


def actions_as_plan_items(conversation: Conversation, mentee_profile_id: str, mentor_name: str,
                          fw: Framework, now: datetime, first_position: int = 0) -> list[PlanItem]:
    """The agreed actions as plan items for the mentee, marked as agreed with the mentor.

    Each keeps the action's id, so sending the same record twice never adds an item twice, and
    carries when the mentor last changed it, so a changed action updates the mentee's item.
    """
    items = []
    for n, action in enumerate(conversation.actions):
        item = plan.new_item(
            fw, profile_id=mentee_profile_id, objective=action.objective, indicators=action.indicators,
            activity_title=agreed_actions.title(mentor_name, conversation.held_on, action.changed_at),
            source=ActivitySource.MENTOR, owner=action.owner, target_date=action.due,
            position=first_position + n, now=action.changed_at or conversation.created_at,
        )
        items.append(item.model_copy(update={"id": action.plan_item_id, "created_at": conversation.created_at,
                                             "mentor_changed_at": action.changed_at}))
    return items


def check_conversation(conversation: Conversation, fw: Framework, today: date) -> Conversation:
    """Check a conversation record before it is saved.

    Raises:
        PlannerError: a date is absurd, an action has no objective or an unknown indicator.
    """
    problems = []
    if conversation.held_on > today:
        problems.append("The date of the conversation cannot be in the future.")
    if conversation.next_meeting and conversation.next_meeting < conversation.held_on:
        problems.append("The next meeting must be after this one.")
    codes = set(fw.codes)
    for n, action in enumerate(conversation.actions, start=1):
        unknown = [c for c in action.indicators if c not in codes]
        if unknown:
            problems.append(f"Action {n} names indicators that do not exist: {', '.join(unknown)}.")
        if action.due and action.due < conversation.held_on:
            problems.append(f"Action {n} is due before the conversation took place.")
    if problems:
        raise PlannerError(" ".join(problems))
    return conversation


# --- Mentees ---------------------------------------------------------------------------------


def mentee_from_share(data: bytes, mentor_id: str, existing: list[Mentee], now: datetime) -> Mentee:
    """A mentee from the share file a mentee exported (their plan file), kept apart from the mentor's data.

    A newer share file replaces the older one of the same person (keeping the mentee's id so
    the mentor's ratings and conversations stay linked); an older or equal one is refused.

    Raises:
        PlannerError: the file cannot be read, is the mentor's own, or is not newer than the one held.
    """
    shared = bundle_module.read_bundle(data)
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
        raise PlannerError(f"{before.name} is already a mentee from this installation: their latest data is read directly.")
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


def view(mentee: Mentee, repo: store.Repository) -> MenteeView:
    """The mentee's profile, assessments and plan: read live for a local mentee, from the share file otherwise.

    Raises:
        PlannerError: a local mentee's profile no longer exists.
    """
    if mentee.source == "share":
        return MenteeView(mentee.shared_profile, list(mentee.shared_assessments), list(mentee.shared_plan_items))
    profile = repo.get_profile(mentee.mentee_profile_id)
    if profile is None:
        raise PlannerError(f"{mentee.name}'s profile is no longer in this installation. Remove them from your mentees.")
    return MenteeView(profile, repo.list(Assessment, profile.id), repo.list(PlanItem, profile.id))


# --- Back to the mentee ----------------------------------------------------------------------


def mentor_assessment(rating: MentorRating, mentee_profile_id: str, mentor_name: str) -> Assessment:
    """The mentor's ratings as an assessment snapshot of the mentee whose assessor is the mentor."""
    return Assessment(
        id=rating.id, profile_id=mentee_profile_id, assessor="mentor", assessor_name=mentor_name,
        taken_on=rating.taken_on, created_at=rating.created_at, ratings=rating.ratings, comment=rating.comment,
    )


def return_file(mentor_name: str, mentee: Mentee, ratings: list[MentorRating], conversation: Conversation,
                fw: Framework, now: datetime) -> bytes:
    """The file a mentor sends back: their ratings and the agreed actions, for the mentee to import."""
    assessments = [mentor_assessment(r, mentee.mentee_profile_id, mentor_name) for r in ratings]
    items = actions_as_plan_items(conversation, mentee.mentee_profile_id, mentor_name, fw, now)
    document = {
        "format": RETURN_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "mentor": mentor_name,
        "mentee_profile_id": mentee.mentee_profile_id,
        "held_on": conversation.held_on.isoformat(),
        "next_meeting": conversation.next_meeting.isoformat() if conversation.next_meeting else None,
        "assessments": [store.to_document(a) for a in assessments],
        "plan_items": [store.to_document(i) for i in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class MentorReturn:
    mentor: str
    mentee_profile_id: str
    held_on: date | None = None
    assessments: list[Assessment] = field(default_factory=list)
    plan_items: list[PlanItem] = field(default_factory=list)


def read_return(data: bytes) -> MentorReturn:
    """Read and check a mentor's file without saving anything.

    Raises:
        PlannerError: the file is empty, broken, of another kind or version, or a record is not valid.
    """
    document = bundle_module.open_document(data, RETURN_FORMAT, _NOT_A_RETURN, "mentor's record")
    mentee_id = document.get("mentee_profile_id")
    if not isinstance(mentee_id, str) or not mentee_id:
        raise PlannerError(f"{_NOT_A_RETURN}: it does not say whose it is.")
    mentor = str(document.get("mentor") or "your mentor")[:MAX_NAME]
    records: dict[str, list] = {}
    for key, model_cls, noun in (("assessments", Assessment, "assessment"), ("plan_items", PlanItem, "action")):
        docs = document.get(key, [])
        if not isinstance(docs, list):
            raise PlannerError(f"The file has a problem: its {noun}s are not a list.")
        records[key] = []
        for n, doc in enumerate(docs, start=1):
            if not isinstance(doc, dict):
                raise PlannerError(f"The file has a problem in {noun} {n}: it is not a record.")
            try:
                record = store.from_document(model_cls, doc)
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


def import_return(repo: store.Repository, profile_id: str, received: MentorReturn, now: datetime) -> str:
    """Add a mentor's ratings and agreed actions to the mentee's own data, and note the import.

    An agreed action already in the plan is not added again: if the mentor changed it since, its
    objective, indicators, owner and due date are updated (and its activity says when); what the
    mentee did with it (status, evidence, review date) is kept. Nothing else is overwritten.

    Returns:
        What happened, in a sentence fit to show the person.

    Raises:
        PlannerError: the file is for someone else.
    """
    if received.mentee_profile_id != profile_id:
        raise PlannerError(
            "This file from a mentor is for another profile. Choose the profile it was made for, then import it."
        )
    have_assessments = {a.id for a in repo.list(Assessment, profile_id)}
    new_assessments = [a for a in received.assessments if a.id not in have_assessments]
    merged = agreed_actions.merge(repo.list(PlanItem, profile_id), received.plan_items, now)
    receipt = MentorFileImport(profile_id=profile_id, mentor=received.mentor, held_on=received.held_on,
                               imported_at=now, added_actions=len(merged.added),
                               changed_actions=len(merged.changed), added_ratings=len(new_assessments))
    repo.put_many([*new_assessments, *merged.records, receipt])
    if not new_assessments and not merged.records:
        return "Nothing new: everything in this file is already saved."
    said = []
    if new_assessments or merged.added:
        said.append(f"Added {_count(len(new_assessments), 'set')} of ratings from {received.mentor} "
                    f"and {_count(len(merged.added), 'agreed action')} to your plan.")
    if merged.changed:
        said.append(f"{_count(len(merged.changed), 'agreed action')} changed by {received.mentor} "
                    f"{'was' if len(merged.changed) == 1 else 'were'} updated in your plan; what you "
                    "recorded against them is kept.")
    return " ".join(said)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def last_import(repo: store.Repository, profile_id: str) -> MentorFileImport | None:
    """The latest file from a mentor that this person imported, or None."""
    imports = repo.list(MentorFileImport, profile_id)
    return max(imports, key=lambda i: i.imported_at) if imports else None


# --- Saving, changing and deleting a record --------------------------------------------------


@dataclass(frozen=True)
class SavedRecord:
    """A saved record, and what it did to a local mentee's plan."""

    conversation: Conversation
    already_saved: bool = False
    added: int = 0
    changed: int = 0


def _own_record(mentor: Profile, mentee: Mentee, conversation: Conversation) -> None:
    if conversation.profile_id != mentor.id or mentee.profile_id != mentor.id:
        raise PlannerError("A record of a conversation can be changed only by the mentor who made it.")
    if conversation.mentee_id != mentee.id:
        raise PlannerError(f"This record is not about {mentee.name}. Nothing was saved.")


def save_conversation(repo: store.Repository, mentor: Profile, mentee: Mentee, conversation: Conversation,
                      now: datetime, *, fw: Framework) -> SavedRecord:
    """Save a new record or the mentor's changes to one, and for a local mentee update their plan.

    Saving the same record again replaces it (the same id); a new record that says exactly what a
    saved one says is not added a second time. Agreed actions keep their plan items, so the mentee
    receives each action once. The mentor's writes and the mentee's are made together: if the
    second fails, the first is undone.

    Args:
        repo: the store.
        mentor: who is acting; only the mentor who made a record may change it.
        mentee: the mentee the record is about.
        conversation: the record as the form or the edit left it.
        now: the time of saving.
        fw: the framework the actions' indicators come from.

    Raises:
        PlannerError: the record is someone else's or about another mentee, or breaks a rule.
    """
    _own_record(mentor, mentee, conversation)
    before = repo.get(Conversation, mentor.id, conversation.id)
    if before is None:
        same = next((c for c in repo.list(Conversation, mentor.id) if agreed_actions.same_record(c, conversation)),
                    None)
        if same is not None:
            return SavedRecord(same, already_saved=True)
        if not conversation.actions and not any(p.notes.strip() for p in conversation.agenda):
            raise PlannerError("There is nothing to record yet: write notes on a point or agree an action.")
        record = conversation.model_copy(update={"created_at": now, "updated_at": now, "actions": [
            a.model_copy(update={"changed_at": None}) for a in conversation.actions]})
    else:
        if agreed_actions.same_record(before, conversation):
            return SavedRecord(before, already_saved=True)
        record = conversation.model_copy(update={
            "created_at": before.created_at, "updated_at": now,
            "actions": agreed_actions.carried_forward(before, conversation, now)})
    record = check_conversation(Conversation.model_validate(record.model_dump()), fw, now.date())
    merged = agreed_actions.Merge()
    received: list = []
    if mentee.source == "local":
        # Same installation: the actions and the mentor's latest ratings reach the mentee's plan at once.
        items = actions_as_plan_items(record, mentee.mentee_profile_id, mentor.name, fw, now)
        merged = agreed_actions.merge(repo.list(PlanItem, mentee.mentee_profile_id), items, now)
        received = list(merged.records)
        ratings = [r for r in repo.list(MentorRating, mentor.id) if r.mentee_id == mentee.id]
        if ratings:
            latest = max(ratings, key=lambda r: (r.taken_on, r.created_at))
            if repo.get(Assessment, mentee.mentee_profile_id, latest.id) is None:
                received.append(mentor_assessment(latest, mentee.mentee_profile_id, mentor.name))
    repo.put(record)
    try:
        repo.put_many(received)
    except Exception:
        if before is None:
            repo.remove(Conversation, mentor.id, record.id)
        else:
            repo.put(before)
        raise
    return SavedRecord(record, added=len(merged.added), changed=len(merged.changed))


def delete_conversation(repo: store.Repository, mentor: Profile, conversation_id: str) -> Conversation:
    """Delete a record of the mentor's; what already reached a mentee's plan stays theirs.

    Raises:
        PlannerError: the record is not one of this mentor's.
    """
    record = repo.get(Conversation, mentor.id, conversation_id)
    if record is None or record.profile_id != mentor.id:
        raise PlannerError("A record of a conversation can be deleted only by the mentor who made it.")
    repo.remove(Conversation, mentor.id, conversation_id)
    return record


def forget_mentee(repo: store.Repository, mentor_id: str, mentee_id: str) -> None:
    """Remove a mentee with the mentor's ratings and conversation records about them.

    The mentee's own data (their profile, assessments and plan) is not touched.
    """
    doomed = [
        (model, record.id)
        for model in (MentorRating, Conversation)
        for record in repo.list(model, mentor_id)
        if record.mentee_id == mentee_id
    ]
    for model, record_id in doomed:
        repo.remove(model, mentor_id, record_id)
    repo.remove(ConversationDraft, mentor_id, mentee_id)  # its id is the mentee's
    repo.remove(Mentee, mentor_id, mentee_id)
