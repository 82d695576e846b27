"""Mentoring rules: self and mentor ratings compared, an agenda from what matters, agreed actions.

Nothing here reads or writes: planner.services.conversations reads the store and calls these rules
(and planner.domain.mentees holds the rules about mentees themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.domain import agreed_actions, assessment, plan, wording
from planner.domain.assessment import Ratings, Target
from planner.domain.models import (
    ActivitySource,
    AgendaPoint,
    Assessment,
    Conversation,
    Framework,
    Mentee,
    PlanItem,
)
from planner.errors import PlannerError

FLAG_AT = 2
"""A difference of this many points or more between self and mentor is flagged for discussion."""


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
                wording.one_decimal(sum(d.self_score or 0 for d in both) / len(both)) if both else None,
                wording.one_decimal(sum(d.mentor_score or 0 for d in both) / len(both)) if both else None,
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


# --- Saving a record -------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedRecord:
    """A saved record, and what it did to a local mentee's plan."""

    conversation: Conversation
    already_saved: bool = False
    added: int = 0
    changed: int = 0
    proposed: int = 0
    """On a server, the agreed actions sent to the mentee as proposals for their plan."""


def check_own_record(mentor_id: str, mentee: Mentee, conversation: Conversation) -> None:
    """Refuse a record that is not the mentor's own, or not about this mentee.

    Raises:
        PlannerError: the record or the mentee belongs to another mentor, or the record is about someone else.
    """
    if conversation.profile_id != mentor_id or mentee.profile_id != mentor_id:
        raise PlannerError("A record of a conversation can be changed only by the mentor who made it.")
    if conversation.mentee_id != mentee.id:
        raise PlannerError(f"This record is not about {mentee.name}. Nothing was saved.")


def record_to_save(conversation: Conversation, before: Conversation | None, saved: list[Conversation],
                   now: datetime, fw: Framework) -> Conversation | SavedRecord:
    """The record as it is to be saved, or the saved one when it says nothing new.

    Saving the same record again replaces it (the same id); a new record that says exactly what a
    saved one says is not added a second time. Changed actions carry when they changed.

    Args:
        conversation: the record as the form or the edit left it.
        before: the saved record of the same id, if any.
        saved: the mentor's saved records.
        now: the time of saving.
        fw: the framework the actions' indicators come from.

    Returns:
        The checked record to save, or a SavedRecord (already_saved) when nothing is to be written.

    Raises:
        PlannerError: there is nothing to record, or the record breaks a rule.
    """
    if before is None:
        same = next((c for c in saved if agreed_actions.same_record(c, conversation)), None)
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
    return check_conversation(Conversation.model_validate(record.model_dump()), fw, now.date())
