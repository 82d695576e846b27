"""A conversation record in progress: kept per mentee as it is written, and turned into a record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from planner.domain import meetings
from planner.domain.models import (
    AgendaPoint,
    AgreedAction,
    Conversation,
    ConversationDraft,
    DraftAction,
    DraftMeeting,
    DraftPoint,
    new_id,
)
from planner.errors import PlannerError, describe_invalid

ACTION_DUE_AFTER = timedelta(days=60)
"""An agreed action is due this long after the conversation unless the mentor says otherwise."""


def start(mentor_id: str, mentor_name: str, mentee_id: str, mentee_name: str, points: list[AgendaPoint],
          today: date, now: datetime) -> ConversationDraft:
    """A new draft for one mentee: the drafted agenda, both names, and one empty action row.

    Args:
        mentor_id: the mentor's profile id.
        mentor_name: the mentor's name, as a participant.
        mentee_id: the mentee's id (the draft is kept under it).
        mentee_name: the mentee's name, as a participant and the action's owner.
        points: the drafted agenda (`mentoring.agenda`).
        today: the day the draft is started (the conversation's date until changed).
        now: the time of starting.
    """
    return ConversationDraft(
        id=mentee_id, profile_id=mentor_id, mentee_id=mentee_id, held_on=today,
        participants=f"{mentor_name}, {mentee_name}",
        agenda=[_as_draft_point(p) for p in points],
        actions=[DraftAction(owner=mentee_name, due=today + ACTION_DUE_AFTER)],
        updated_at=now,
    )


def _as_draft_point(point: AgendaPoint) -> DraftPoint:
    return DraftPoint(id=point.id, title=point.title, kind=point.kind, detail=point.detail,
                      questions=list(point.questions), notes=point.notes)


def redrafted(draft: ConversationDraft, points: list[AgendaPoint], now: datetime) -> ConversationDraft:
    """The draft with a freshly drafted agenda; notes written on a point drafted again, and points the
    mentor added, are kept."""
    notes = {p.id: p.notes for p in draft.agenda}
    fresh = [_as_draft_point(p).model_copy(update={"notes": notes.get(p.id, "")}) for p in points]
    fresh_ids = {p.id for p in fresh}
    added = [p for p in draft.agenda if p.kind == "other" and p.id not in fresh_ids]
    return draft.model_copy(update={"agenda": fresh + added, "updated_at": now})


def _text(value: Any) -> str:
    # A data editor gives None or NaN for an empty cell.
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _order(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def with_agenda_rows(draft: ConversationDraft, rows: list[Mapping[str, Any]], now: datetime) -> ConversationDraft:
    """The draft with the agenda as the mentor edited it, in the order they gave.

    Each row is a point as the agenda table shows it: "Id" (None for a row the mentor added),
    "Order", "Point", "Detail" and "Questions" (one a line). A point keeps its id, kind and
    notes whatever its order; an added point is of kind "other", and is kept even while empty,
    so the table keeps the row the mentor has just added. A point given the same order as
    another goes before it (it was moved there).

    Raises:
        PlannerError: a point is too long to keep.
    """
    held = {p.id: (n, p) for n, p in enumerate(draft.agenda, start=1)}
    placed = []
    for index, row in enumerate(rows):
        before = held.get(row.get("Id") or "")
        title, detail = _text(row.get("Point")), _text(row.get("Detail"))
        questions = [q.strip() for q in _text(row.get("Questions")).splitlines() if q.strip()]
        fields = dict(title=title, detail=detail, questions=questions)
        try:
            if before is None:
                point = DraftPoint(id=new_id(), kind="other", **fields)
            else:
                point = DraftPoint.model_validate(before[1].model_dump() | fields)
        except ValidationError as exc:
            raise PlannerError(f"The agenda could not be kept. {describe_invalid(exc)}") from None
        position = float(before[0]) if before else float(len(held) + index + 1)
        order = _order(row.get("Order"))
        moved = order is not None and order != position
        placed.append(((order if order is not None else position), 0 if moved else 1, index, point))
    placed.sort(key=lambda p: p[:3])
    agenda = [p[3] for p in placed]
    if agenda == draft.agenda:
        return draft
    return draft.model_copy(update={"agenda": agenda, "updated_at": now})


def with_action_rows(draft: ConversationDraft, rows: list[Mapping[str, Any]], now: datetime) -> ConversationDraft:
    """The draft with the agreed actions as the mentor edited them.

    Each row is "Id" (None for an added row), "Objective", "Indicators", "Owner" and "Due" (a
    date or None). An added row is kept even while empty, as in `with_agenda_rows`.

    Raises:
        PlannerError: an action is too long to keep.
    """
    held = {a.id for a in draft.actions}
    actions = []
    for row in rows:
        fields = dict(objective=_text(row.get("Objective")), indicators=_text(row.get("Indicators")),
                      owner=_text(row.get("Owner")), due=row.get("Due"))
        known = row.get("Id") in held
        try:
            actions.append(DraftAction(id=row["Id"] if known else new_id(), **fields))
        except ValidationError as exc:
            raise PlannerError(f"The agreed actions could not be kept. {describe_invalid(exc)}") from None
    if actions == draft.actions:
        return draft
    return draft.model_copy(update={"actions": actions, "updated_at": now})


def with_typed(draft: ConversationDraft, now: datetime, *, held_on: date | None = None,
               participants: str | None = None, next_meeting: Any = ...,
               notes: Mapping[str, str] | None = None,
               meeting: Mapping[str, Any] | None = None) -> ConversationDraft:
    """The draft keeping what the boxes show; the same draft when nothing changed.

    Only what is given is changed: `None` for held_on or participants, and `...` for the next
    meeting (whose box may be empty on purpose), mean the box is not on screen. Notes are by
    point id; notes for a point no longer on the agenda are ignored. `meeting` holds what the
    next meeting's other boxes show, by DraftMeeting field (time as typed, minutes, place, link,
    repeat, repeat_until); those not given keep what the draft has.

    Raises:
        PlannerError: something is too long to keep.
    """
    update: dict[str, Any] = {}
    if held_on is not None and held_on != draft.held_on:
        update["held_on"] = held_on
    if participants is not None and participants.strip() != draft.participants:
        update["participants"] = participants.strip()
    if next_meeting is not ... and next_meeting != draft.next_meeting:
        update["next_meeting"] = next_meeting
    if meeting:
        had = draft.next_meeting_details or DraftMeeting()
        try:
            typed = DraftMeeting.model_validate(had.model_dump() | dict(meeting))
        except ValidationError as exc:
            raise PlannerError(f"What you typed could not be kept. {describe_invalid(exc)}") from None
        if typed != had:
            update["next_meeting_details"] = None if typed == DraftMeeting() else typed
    if notes:
        agenda = [p.model_copy(update={"notes": notes[p.id].strip()})
                  if p.id in notes and notes[p.id].strip() != p.notes else p for p in draft.agenda]
        if agenda != draft.agenda:
            update["agenda"] = agenda
    if not update:
        return draft
    try:
        return ConversationDraft.model_validate(draft.model_dump() | update | {"updated_at": now})
    except ValidationError as exc:
        raise PlannerError(f"What you typed could not be kept. {describe_invalid(exc)}") from None


def as_conversation(draft: ConversationDraft, now: datetime) -> Conversation:
    """The record the draft holds, for `mentoring.check_conversation` and saving.

    Participants are the names separated by commas; points without a title and actions
    without an objective are left out, unless something was written under them. The next
    meeting keeps its time, place, link and repeat (meetings.from_typed).

    Raises:
        PlannerError: a point has notes but no title, an action has details but no objective,
            the next meeting's time, link or repeat is not one (or is given without its day),
            or something does not fit the record.
    """
    problems = []
    try:
        next_meeting = meetings.from_typed(draft.next_meeting, draft.next_meeting_details)
    except PlannerError as exc:
        problems.append(str(exc))
    for n, point in enumerate(draft.agenda, start=1):
        if not point.title and (point.notes or point.detail):
            problems.append(f"Point {n} has notes or detail but no title: give it a title, or delete it.")
    for n, action in enumerate(draft.actions, start=1):
        if not action.objective and action.indicators:
            problems.append(f"Action {n} names indicators but has no objective: write its objective, or "
                            f"delete the row.")
    if problems:
        raise PlannerError(" ".join(problems))
    try:
        return Conversation(
            profile_id=draft.profile_id, mentee_id=draft.mentee_id, held_on=draft.held_on or now.date(),
            participants=[p.strip() for p in draft.participants.split(",") if p.strip()],
            agenda=[AgendaPoint(id=p.id, title=p.title, kind=p.kind, detail=p.detail, questions=p.questions,
                                notes=p.notes) for p in draft.agenda if p.title],
            actions=[AgreedAction(objective=a.objective,
                                  indicators=[c.strip() for c in a.indicators.split(",") if c.strip()],
                                  owner=a.owner, due=a.due, plan_item_id=a.id)
                     for a in draft.actions if a.objective],
            next_meeting=draft.next_meeting, next_meeting_details=next_meeting, created_at=now, updated_at=now,
        )
    except ValidationError as exc:
        raise PlannerError(describe_invalid(exc)) from None
