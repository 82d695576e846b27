"""Calendar files (iCalendar): open plan items' target and review dates, the plan's review meetings, and a
conversation's next meeting.

A day to mark is built by all_day_event: an all-day, free-time event with a stable UID (so importing
the file again updates it) and a reminder. A meeting is built by meeting_event: the same all-day
event when it has no time, else an event from its start to its end in UK time (Europe/London, whose
VTIMEZONE file_bytes writes into the file, so calendars place it right across the clock change), with
its place and link, and its repeat as an RRULE.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from planner.domain import meetings, plan, wording
from planner.domain.models import Meeting, PdpDetails, PlanItem, Repeat

PRODID = "-//KIM Pathways//PDP//EN"
UID_DOMAIN = "kim-pathways"
REMIND_BEFORE = {"target": timedelta(days=7), "review": timedelta(days=1)}
"""How long before each kind of plan date its reminder shows."""

REVIEW_MEETING = "Review of the development plan"

REPEAT_RULES: dict[Repeat, dict[str, Any]] = {
    "weekly": {"freq": "weekly"},
    "fortnightly": {"freq": "weekly", "interval": 2},
    "monthly": {"freq": "monthly"},
    "quarterly": {"freq": "monthly", "interval": 3},
}
"""The RRULE of each repeat, before its UNTIL."""

TIME_ZONE = "Europe/London"

_SUMMARY_LIMIT = 120


def new_calendar(prodid: str, name: str) -> Any:
    """An empty calendar to publish, named as calendar apps show it."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def all_day_event(uid: str, day: date, summary: str, description: str, category: str,
                  remind_before: timedelta, now: datetime) -> Any:
    """One all-day event that marks the day without blocking it, with a reminder shown before it.

    Args:
        uid: the event's id before "@kim-pathways"; the same id updates the event when imported again.
        day: the day of the event.
        summary: the event's title.
        description: its notes.
        category: its category, such as "Personal development plan".
        remind_before: how long before the day the reminder shows.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.
    """
    return _event(uid, day, day + timedelta(days=1), summary, description, category, remind_before, now,
                  busy=False)  # a reminder, not a meeting: the day stays free


def meeting_event(uid: str, meeting: Meeting, summary: str, description: str, category: str,
                  remind_before: timedelta, now: datetime) -> Any:
    """One meeting as an event: at its time in UK time, or all day; with its place, link and repeat.

    A meeting with a time takes up its time (DTSTART and DTEND with TZID=Europe/London: put file_bytes'
    VTIMEZONE in the file); one without is an all-day event, as all_day_event makes. The place, the
    link or both are its LOCATION, and the link its URL too; a repeat is its RRULE, until the meeting's
    last day (meetings.last_day).

    Args:
        uid: the event's id before "@kim-pathways"; the same id updates the event when imported again.
        meeting: the meeting.
        summary: the event's title.
        description: its notes.
        category: its category, such as "Development conversation".
        remind_before: how long before the (each) meeting its reminder shows.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.
    """
    start, end = meetings.starts(meeting), meetings.ends(meeting)
    if start is None or end is None:
        event = all_day_event(uid, meeting.on, summary, description, category, remind_before, now)
    else:
        event = _event(uid, start, end, summary, description, category, remind_before, now, busy=True)
    if meetings.where(meeting):
        event.add("location", meetings.where(meeting))
    if meeting.link:
        event.add("url", meeting.link)
    last = meetings.last_day(meeting)
    if last is not None:
        # UNTIL is a date for an all-day event and a UTC time for a timed one (RFC 5545): here the end of the last day.
        until = last if start is None else datetime.combine(last, time(23, 59, 59), wording.UK_TIME).astimezone(UTC)
        event.add("rrule", REPEAT_RULES[meeting.repeat] | {"until": until})
    return event


def _event(uid: str, start: date | datetime, end: date | datetime, summary: str, description: str, category: str,
           remind_before: timedelta, now: datetime, *, busy: bool) -> Any:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "OPAQUE" if busy else "TRANSPARENT")
    event.add("categories", [category])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -remind_before)
    event.add_component(alarm)
    return event


def uk_time_zone() -> Any:
    """Europe/London as a VTIMEZONE: GMT, and BST from 1am GMT on the last Sunday of March to 1am GMT on the
    last Sunday of October (the rule since 1996, checked against the tz database by the tests), as Outlook and
    Google write it: the rule repeats every year, so it stays right for any meeting whatever its date."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TIME_ZONE)
    summer = TimezoneDaylight()
    summer.add("dtstart", datetime(1996, 3, 31, 1, 0))  # local time before the change: 1am GMT
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("tzname", "BST")
    winter = TimezoneStandard()
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))  # 2am BST
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    winter.add("tzname", "GMT")
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def file_bytes(calendar: Any) -> bytes:
    """The calendar file's bytes, with the UK time zone first when an event has a time (calendars read it
    before the events that name it); a file of all-day events only is written as it always was."""
    timed = any(isinstance(event["DTSTART"].dt, datetime) for event in calendar.walk("VEVENT"))
    if timed and not calendar.walk("VTIMEZONE"):
        calendar.subcomponents.insert(0, uk_time_zone())
    return bytes(calendar.to_ical())


def plan_ics(items: list[PlanItem], person: str, now: datetime, details: PdpDetails | None = None) -> bytes:
    """The target and review dates of open plan items as all-day calendar events, and the plan's review meetings.

    Args:
        items: the plan's items; done and dropped items are left out.
        person: whose plan it is, for the calendar's name and the events' descriptions.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.
        details: the plan's line-manager details, whose review meetings become events (with their
            time, place and repeat), if any are kept.

    Returns:
        An iCalendar (.ics) file's bytes. Each event has a stable UID (item id, kind of date
        and "@kim-pathways"; for a review meeting, the person's id and its place in the list),
        so importing the file again updates events rather than duplicating them, and a
        reminder: 7 days before a target date, 1 day before a review or a review meeting.
    """
    calendar = new_calendar(PRODID, f"Development plan: {person}")
    for item in plan.ordered(items):
        if item.status not in plan.OPEN_STATUSES:
            continue
        for kind, label, day in (("target", "Target", item.target_date),
                                 ("review", "Review", item.review_date)):
            if day is None:
                continue
            calendar.add_component(all_day_event(
                f"{item.id}-{kind}", day, f"{label}: {_one_line(item.objective)}", _description(item, person, kind),
                "Personal development plan", REMIND_BEFORE[kind], now,
            ))
    if details is not None:
        with_whom = f" with {details.line_manager}" if details.line_manager else ""
        for number, meeting in enumerate(details.review_meetings, start=1):
            calendar.add_component(meeting_event(
                f"{details.profile_id}-review-meeting-{number}", meeting, f"{REVIEW_MEETING}: {person}",
                f"A review of the personal development plan of {person}{with_whom}: {meetings.in_words(meeting)}.\n"
                "From KIM Pathways.", "Personal development plan", REMIND_BEFORE["review"], now,
            ))
    return file_bytes(calendar)


def _description(item: PlanItem, person: str, kind: str) -> str:
    lines = [f"Objective: {item.objective}"]
    lines.append(f"Indicators: {', '.join(item.indicators) if item.indicators else 'none'}")
    if item.activity_title:
        lines.append(f"Activity: {item.activity_title} ({plan.SOURCE_LABELS[item.activity_source]})")
    if item.owner:
        lines.append(f"Owner: {item.owner}")
    lines.append(f"Status: {plan.STATUS_LABELS[item.status]}")
    if kind == "review" and item.target_date:
        lines.append(f"Target date: {wording.long_date(item.target_date)}")
    lines.append(f"From the personal development plan of {person} (KIM Pathways).")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"
