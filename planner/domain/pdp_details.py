"""The line manager's part of a PDP: what a department's template asks beside the objectives, checked and in words.

Support needed from the manager, the cost and time they approve, the review meetings and the manager's
comments (models.PdpDetails), and the sign-off: a line manager's, recorded on a department's server
(models.PlanSignOff), or lines to sign by hand or type on a printed or shared copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ValidationError

from planner.domain import meetings, wording
from planner.domain.models import DraftMeeting, Meeting, PdpDetails, PlanSignOff
from planner.errors import PlannerError, describe_invalid

TEXT_FIELDS: dict[str, str] = {
    "line_manager": "Your line manager's name",
    "support_needed": "Support you need from your line manager",
    "cost": "Cost to approve",
    "time_needed": "Time needed to approve",
    "manager_comments": "Your line manager's comments",
}
"""The details typed as text, by PdpDetails field, with the label each box has."""

NOTHING_SAVED = "Nothing was saved."
NO_DAY = "it has a time, length, place, link or repeat but no date: choose its date."


def with_changes(current: PdpDetails | None, profile_id: str, changes: Mapping[str, str], now: datetime) -> PdpDetails:
    """The details with some of their text changed, checked whole.

    Args:
        current: the details saved so far (None: none yet).
        profile_id: whose plan.
        changes: new text by field of TEXT_FIELDS.
        now: when they change.

    Raises:
        PlannerError: a field is not one of TEXT_FIELDS, or a text is too long (the message says which, and that
            nothing was saved).
    """
    unknown = sorted(set(changes) - set(TEXT_FIELDS))
    if unknown:
        raise PlannerError(f"The plan's details have no {', '.join(unknown)}. {NOTHING_SAVED}")
    start = current.model_dump() if current is not None else {"profile_id": profile_id}
    try:
        return PdpDetails.model_validate(start | dict(changes) | {"profile_id": profile_id, "updated_at": now})
    except ValidationError as exc:
        raise PlannerError(f"{describe_invalid(exc)} {NOTHING_SAVED}") from None


def review_meetings(typed: Sequence[tuple[date | None, DraftMeeting]]) -> list[Meeting]:
    """The review meetings as typed, each a day with its time (or all day), length, place, link and repeat.

    Args:
        typed: each meeting's day and the rest as typed, in the order shown.

    Returns:
        The meetings in the order typed (one with nothing typed, not even a day, is left out).

    Raises:
        PlannerError: every meeting that is not one, by its number, in plain words, and that nothing was saved.
    """
    found: list[Meeting] = []
    problems: list[str] = []
    for number, (on, rest) in enumerate(typed, start=1):
        try:
            found += [meeting] if (meeting := _meeting(on, rest)) is not None else []
        except PlannerError as exc:
            problems.append(f"Review meeting {number}: {exc}")
    if problems:
        raise PlannerError(f"{' '.join(problems)} {NOTHING_SAVED}")
    return found


def _meeting(on: date | None, rest: DraftMeeting) -> Meeting | None:
    if on is None:
        if rest == DraftMeeting():
            return None
        raise PlannerError(NO_DAY)
    return meetings.from_typed(on, rest) or Meeting(on=on)


def meeting_words(meeting: Meeting) -> str:
    """A review meeting in plain words: 'Tuesday 12 January 2027, 10am to 11am (60 minutes), Room 4.12, every
    month until 11 January 2028' ('all day' without a time; 'does not repeat' for a single meeting)."""
    start, end = meetings.starts(meeting), meetings.ends(meeting)
    parts = [f"{meeting.on:%A} {wording.long_date(meeting.on)}",
             "all day" if start is None or end is None else
             f"{wording.clock(start.time())} to {wording.clock(end.time())} "
             f"({wording.counted(meeting.minutes, 'minute')})"]
    parts += [meetings.where(meeting)] if meetings.where(meeting) else []
    repeat = meetings.REPEAT_CHOICES[meeting.repeat].lower()
    if meeting.repeat != "none":
        repeat += f" until {wording.long_date(meetings.last_day(meeting))}"
    return ", ".join([*parts, repeat])


@dataclass(frozen=True)
class LineManagerPart:
    """The line manager's part of a PDP as words, ready for any format."""

    manager: str = ""
    """The line manager's name ('' when not given)."""
    support_needed: str = ""
    cost: str = ""
    time_needed: str = ""
    review_meetings: tuple[str, ...] = ()
    """Each review meeting in plain words, in order of its day."""
    manager_comments: str = ""
    signed: SignedOff | None = None
    """The latest sign-off recorded on a department's server; None: not signed there (lines to sign instead)."""


@dataclass(frozen=True)
class SignedOff:
    """A line manager's sign-off of the plan, as words."""

    sentence: str
    """'Signed off by Sam Lee on 2 December 2026 at 2:05pm.'"""
    comment: str
    objectives: tuple[str, ...]
    """The plan's objectives as they were signed."""
    changed_since: bool
    """Whether the plan's objectives are no longer those signed."""


def line_manager_part(details: PdpDetails | None, sign_offs: Iterable[PlanSignOff],
                      objectives_now: Sequence[str]) -> LineManagerPart:
    """The line manager's part of a PDP, from what is saved.

    Args:
        details: the plan's details the person typed (None: none yet).
        sign_offs: the line manager's sign-offs of the plan (a department's server records them).
        objectives_now: the plan's objectives as a sign-off keeps them (in order, dropped ones left out), to tell
            whether the plan changed since it was signed.
    """
    latest = max(sign_offs, key=lambda s: s.signed_at, default=None)
    signed = None if latest is None else SignedOff(
        sentence=f"Signed off by {latest.manager_name} on {wording.moment(latest.signed_at)}.",
        comment=latest.comment.strip(),
        objectives=tuple(latest.objectives),
        changed_since=list(objectives_now) != list(latest.objectives),
    )
    if details is None:
        return LineManagerPart(signed=signed)
    return LineManagerPart(
        manager=details.line_manager, support_needed=details.support_needed, cost=details.cost,
        time_needed=details.time_needed,
        review_meetings=tuple(meeting_words(m) for m in sorted(details.review_meetings, key=lambda m: m.on)),
        manager_comments=details.manager_comments, signed=signed,
    )
