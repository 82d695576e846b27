"""Open plan items' target and review dates as an iCalendar file, with reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from planner.documents import layout
from planner.domain import plan
from planner.domain.models import PlanItem

PRODID = "-//KIM Pathways//PDP//EN"
UID_DOMAIN = "kim-pathways"
REMIND_BEFORE = {"target": timedelta(days=7), "review": timedelta(days=1)}
"""How long before each kind of date its reminder shows."""

_SUMMARY_LIMIT = 120


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
    from icalendar import Alarm, Calendar, Event

    stamp = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Development plan: {person}")

    for item in plan.ordered(items):
        if item.status not in plan.OPEN_STATUSES:
            continue
        for kind, label, day in (("target", "Target", item.target_date),
                                 ("review", "Review", item.review_date)):
            if day is None:
                continue
            summary = f"{label}: {_one_line(item.objective)}"
            event = Event()
            event.add("uid", f"{item.id}-{kind}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", summary)
            event.add("description", _description(item, person, kind))
            event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
            event.add("categories", ["Personal development plan"])
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -REMIND_BEFORE[kind])
            event.add_component(alarm)
            calendar.add_component(event)
    return calendar.to_ical()


def _description(item: PlanItem, person: str, kind: str) -> str:
    lines = [f"Objective: {item.objective}"]
    lines.append(f"Indicators: {', '.join(item.indicators) if item.indicators else 'none'}")
    if item.activity_title:
        lines.append(f"Activity: {item.activity_title} ({plan.SOURCE_LABELS[item.activity_source]})")
    if item.owner:
        lines.append(f"Owner: {item.owner}")
    lines.append(f"Status: {plan.STATUS_LABELS[item.status]}")
    if kind == "review" and item.target_date:
        lines.append(f"Target date: {layout.long_date(item.target_date)}")
    lines.append(f"From the personal development plan of {person} (KIM Pathways).")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"
