"""Open plan items' dates as an iCalendar file with reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from planner.documents import calendar
from planner.domain.models import ItemStatus
from tests.unit.export_fixtures import NOW, plan_items


@pytest.fixture
def items():
    return plan_items("siany", 6)


def _events(data: bytes):
    parsed = Calendar.from_ical(data)
    return parsed, [c for c in parsed.walk("VEVENT")]


def test_one_event_per_date_of_each_open_item(items):
    parsed, events = _events(calendar.plan_ics(items, "Siân", NOW))
    open_items = [i for i in items if i.status in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)]
    assert len(events) == 2 * len(open_items)
    assert str(parsed["PRODID"]) == "-//KIM Pathways//PDP//EN"
    assert str(parsed["VERSION"]) == "2.0"


def test_done_and_dropped_items_are_left_out(items):
    _, events = _events(calendar.plan_ics(items, "Siân", NOW))
    uids = {str(e["UID"]) for e in events}
    for item in items:
        if item.status in (ItemStatus.DONE, ItemStatus.DROPPED):
            assert f"{item.id}-target@kim-pathways" not in uids


def test_events_are_all_day_with_the_item_dates(items):
    _, events = _events(calendar.plan_ics(items, "Siân", NOW))
    first = items[0]
    by_uid = {str(e["UID"]): e for e in events}
    target = by_uid[f"{first.id}-target@kim-pathways"]
    review = by_uid[f"{first.id}-review@kim-pathways"]
    assert target["DTSTART"].dt == first.target_date
    assert type(target["DTSTART"].dt) is date
    assert target["DTSTART"].params.get("VALUE") == "DATE"
    assert target["DTEND"].dt == first.target_date + timedelta(days=1)
    assert review["DTSTART"].dt == first.review_date
    assert str(target["SUMMARY"]) == f"Target: {first.objective}"
    assert str(review["SUMMARY"]) == f"Review: {first.objective}"


def test_every_event_has_a_display_reminder_a_week_before_targets_and_a_day_before_reviews(items):
    _, events = _events(calendar.plan_ics(items, "Siân", NOW))
    for event in events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        expected = timedelta(days=-7) if str(event["SUMMARY"]).startswith("Target") else timedelta(days=-1)
        assert alarms[0]["TRIGGER"].dt == expected


def test_uids_are_unique_and_stable_between_exports(items):
    _, first = _events(calendar.plan_ics(items, "Siân", NOW))
    _, again = _events(calendar.plan_ics(items, "Siân", NOW + timedelta(days=3)))
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in again]


def test_the_stamp_is_the_time_given_in_utc(items):
    from zoneinfo import ZoneInfo

    london = datetime(2025, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    _, events = _events(calendar.plan_ics(items, "Siân", london))
    assert events[0]["DTSTAMP"].dt == datetime(2025, 7, 1, 9, 0, tzinfo=UTC)


def test_the_description_lists_indicators_and_activity(items):
    _, events = _events(calendar.plan_ics(items, "Siân Llŷr", NOW))
    description = str(events[0]["DESCRIPTION"])
    assert "Indicators: 2.1.3, 2.2.1" in description
    assert "Activity: Records management fundamentals (KIM curriculum)" in description
    assert "Siân Llŷr" in description


def test_items_without_dates_make_no_events(items):
    undated = [i.model_copy(update={"target_date": None, "review_date": None}) for i in items]
    _, events = _events(calendar.plan_ics(undated, "Siân", NOW))
    assert events == []
