"""Calendar files (iCalendar): open plan items' target and review dates, and a conversation's next meeting.

Every event is built by one function, all_day_event: an all-day, free-time event with a stable
UID (so importing the file again updates it) and a reminder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner.domain import plan, wording
from planner.domain.models import PlanItem

PRODID = "-//KIM Pathways//PDP//EN"
UID_DOMAIN = "kim-pathways"
REMIND_BEFORE = {"target": timedelta(days=7), "review": timedelta(days=1)}
"""How long before each kind of plan date its reminder shows."""

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
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    event.add("categories", [category])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -remind_before)
    event.add_component(alarm)
    return event


def plan_ics(items: list[PlanItem], person: str, now: datetime) -> bytes:
    """The target and review dates of open plan items as all-day calendar events.

    Args:
        items: the plan's items; done and dropped items are left out.
        person: whose plan it is, for the calendar's name and the events' descriptions.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.

    Returns:
        An iCalendar (.ics) file's bytes. Each event has a stable UID (item id, kind of date
        and "@kim-pathways"), so importing the file again updates events rather than
        duplicating them, and a reminder: 7 days before a target date, 1 day before a review.
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
    return bytes(calendar.to_ical())


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
