"""Meetings with a time, a place or link and a repeat: read from what was typed, said in words, and their days.

A meeting's day and time are UK time (Europe/London), as people agree them; planner.documents.calendar
writes them into calendar files with that time zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from pydantic import ValidationError

from planner.domain import wording
from planner.domain.models import Conversation, DraftMeeting, Meeting, Repeat
from planner.errors import PlannerError, describe_invalid

REPEAT_CHOICES: dict[Repeat, str] = {
    "none": "Does not repeat",
    "weekly": "Every week",
    "fortnightly": "Every 2 weeks",
    "monthly": "Every month",
    "quarterly": "Every 3 months",
}
"""Each repeat as a person chooses it."""

NO_DAY = ("The next meeting has a time, place, link or repeat but no date: choose its date, or clear "
          "the time, place, link and repeat.")

_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$")
_NAMED_TIMES = {"midday": time(12), "noon": time(12), "midnight": time(0)}


def parse_time(text: str) -> time | None:
    """The time of day typed, such as '10:00', '14.30', '2:30pm', '10am' or 'midday'; None when empty (all day).

    Raises:
        PlannerError: what was typed is not a time of day (the message quotes it and shows how to write one).
    """
    written = "".join(text.lower().split())
    if not written:
        return None
    if written in _NAMED_TIMES:
        return _NAMED_TIMES[written]
    match = _TIME.match(written)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        half = (match.group(3) or "").replace(".", "")
        if half and 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if half == "pm" else 0), minute)
        if not half and hour < 24 and minute < 60:
            return time(hour, minute)
    raise PlannerError(f"The meeting's time '{text.strip()}' is not a time of day: write it like 10:00 or "
                       "2:30pm, or leave it empty for a meeting that lasts all day.")


def typed_time(value: time | None) -> str:
    """A time as its box shows it to be changed, such as '14:30'; '' for all day."""
    return "" if value is None else f"{value:%H:%M}"


def from_typed(on: date | None, typed: DraftMeeting | None) -> Meeting | None:
    """The meeting typed beside a day; None when nothing but the day was given (only the day is known).

    Args:
        on: the day of the meeting, if one was chosen.
        typed: its time, length, place, link and repeat as typed.

    Raises:
        PlannerError: a time, place, link or repeat was given without a day, the time is not a time of
            day, the link is not a web address, or the repeat ends before the meeting. Every problem found
            is said, in plain words.
    """
    if typed is None or typed == DraftMeeting():
        return None
    if on is None:
        raise PlannerError(NO_DAY)
    problems = []
    try:
        at = parse_time(typed.at)
    except PlannerError as exc:
        problems.append(str(exc))
        at = None
    try:
        meeting = Meeting(on=on, at=at, minutes=typed.minutes, place=typed.place, link=typed.link,
                          repeat=typed.repeat, repeat_until=typed.repeat_until)
    except ValidationError as exc:
        problems.append(_plainly(exc))
    if problems:
        raise PlannerError(" ".join(problems))
    return meeting


def _plainly(exc: ValidationError) -> str:
    # The meeting's own rules say what to do in a sentence; other refusals (too long) are described by field.
    own = [str(e["msg"]).removeprefix("Value error, ") for e in exc.errors() if e["type"] == "value_error"]
    return " ".join(own) or describe_invalid(exc)


def as_typed(meeting: Meeting | None) -> DraftMeeting:
    """A saved meeting's time, length, place, link and repeat as their boxes show them to be changed."""
    if meeting is None:
        return DraftMeeting()
    return DraftMeeting(at=typed_time(meeting.at), minutes=meeting.minutes, place=meeting.place, link=meeting.link,
                        repeat=meeting.repeat, repeat_until=meeting.repeat_until)


def last_day(meeting: Meeting) -> date | None:
    """The last day a repeating meeting may fall on: the end chosen, or else a year of meetings; None if it does
    not repeat."""
    if meeting.repeat == "none":
        return None
    if meeting.repeat_until is not None:
        return meeting.repeat_until
    try:
        a_year_on = meeting.on.replace(year=meeting.on.year + 1)
    except ValueError:  # 29 February
        a_year_on = meeting.on.replace(year=meeting.on.year + 1, day=28) + timedelta(days=1)
    return a_year_on - timedelta(days=1)


def starts(meeting: Meeting) -> datetime | None:
    """When the (first) meeting starts, in UK time; None for a meeting that lasts all day."""
    return None if meeting.at is None else datetime.combine(meeting.on, meeting.at, tzinfo=wording.UK_TIME)


def ends(meeting: Meeting) -> datetime | None:
    """When the (first) meeting ends, in UK time (its length counted in real minutes, across a clock change too)."""
    start = starts(meeting)
    if start is None:
        return None
    return (start.astimezone(UTC) + timedelta(minutes=meeting.minutes)).astimezone(wording.UK_TIME)


def where(meeting: Meeting) -> str:
    """Where to go or what to open: 'Room 4.12', 'https://…', or 'Room 4.12 or https://…'; '' if neither is given."""
    return " or ".join(part for part in (meeting.place, meeting.link) if part)


_REPEATS_IN_WORDS: dict[Repeat, str] = {
    "weekly": "every week", "fortnightly": "every 2 weeks", "monthly": "every month", "quarterly": "every 3 months",
}


def in_words(meeting: Meeting) -> str:
    """The meeting in a line: 'Tuesday 12 January 2027, 10am to 11am, Room 4.12 or https://…, every month until
    11 January 2028' ('all day' for a meeting without a time)."""
    start, end = starts(meeting), ends(meeting)
    parts = [f"{meeting.on:%A} {wording.long_date(meeting.on)}",
             "all day" if start is None or end is None
             else f"{wording.clock(start.time())} to {wording.clock(end.time())}"]
    if where(meeting):
        parts.append(where(meeting))
    if meeting.repeat != "none":
        parts.append(f"{_REPEATS_IN_WORDS[meeting.repeat]} until {wording.long_date(last_day(meeting))}")
    return ", ".join(parts)


def next_meeting_of(conversation: Conversation) -> Meeting | None:
    """The next meeting a record agreed: with its time and place when they were given, else its day alone."""
    if conversation.next_meeting_details is not None:
        return conversation.next_meeting_details
    return None if conversation.next_meeting is None else Meeting(on=conversation.next_meeting)


def next_meeting_words(conversation: Conversation) -> str:
    """The next meeting as a record shows it: in_words when its time or place was given, else its date ('' for none)."""
    if conversation.next_meeting_details is not None:
        return in_words(conversation.next_meeting_details)
    return wording.long_date(conversation.next_meeting)
