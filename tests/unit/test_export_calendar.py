"""Open plan items' dates, review meetings and meetings with a time, place and repeat as iCalendar files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from planner.documents import calendar
from planner.domain.models import ItemStatus, Meeting, PdpDetails
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


# --- Meetings with a time, a place and a repeat --------------------------------------------------

LONDON = ZoneInfo("Europe/London")
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d"


def _meeting_file(meeting: Meeting) -> bytes:
    cal = calendar.new_calendar("-//KIM Pathways//Test//EN", "Meetings")
    cal.add_component(calendar.meeting_event("m1", meeting, "Development conversation", "Notes", "Mentoring",
                                             timedelta(days=1), NOW))
    return calendar.file_bytes(cal)


def _one_event(data: bytes):
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    return event


def test_a_meeting_with_a_time_runs_from_its_start_to_its_end_in_uk_time():
    data = _meeting_file(Meeting(on=date(2027, 1, 12), at=time(10), minutes=90))
    event = _one_event(data)
    assert b"DTSTART;TZID=Europe/London:20270112T100000" in data
    assert b"DTEND;TZID=Europe/London:20270112T113000" in data
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt == datetime(2027, 1, 12, 10, 0, tzinfo=LONDON)
    assert event["DTEND"].dt == datetime(2027, 1, 12, 11, 30, tzinfo=LONDON)
    assert str(event["TRANSP"]) == "OPAQUE"  # a meeting takes up its time
    assert str(event["UID"]) == "m1@kim-pathways"


def test_the_file_says_what_uk_time_is_before_the_events_that_use_it():
    parsed = Calendar.from_ical(_meeting_file(Meeting(on=date(2027, 1, 12), at=time(10))))
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE", "VEVENT"]
    (zone,) = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


@pytest.mark.parametrize(("day", "at", "in_utc"), [
    (date(2027, 3, 27), time(10), datetime(2027, 3, 27, 10, tzinfo=UTC)),  # the Saturday before the clocks go forward
    (date(2027, 3, 28), time(10), datetime(2027, 3, 28, 9, tzinfo=UTC)),  # the Sunday they do: BST
    (date(2027, 10, 30), time(10), datetime(2027, 10, 30, 9, tzinfo=UTC)),  # the Saturday before they go back
    (date(2027, 10, 31), time(10), datetime(2027, 10, 31, 10, tzinfo=UTC)),  # GMT again
    (date(2027, 3, 28), time(3), datetime(2027, 3, 28, 2, tzinfo=UTC)),  # just after the change
    (date(2027, 10, 31), time(0, 30), datetime(2027, 10, 30, 23, 30, tzinfo=UTC)),  # just before it
    (date(2041, 7, 1), time(9), datetime(2041, 7, 1, 8, tzinfo=UTC)),  # long after 2038: the rule repeats
])
def test_the_time_zone_in_the_file_places_meetings_right_either_side_of_the_clock_change(day, at, in_utc):
    # Read as a calendar reads it: the event's wall-clock time in the file's own VTIMEZONE (not Python's tz data).
    data = _meeting_file(Meeting(on=day, at=at))
    zone = Calendar.from_ical(data).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    start = _one_event(data)["DTSTART"].dt
    assert start.replace(tzinfo=None) == datetime.combine(day, at)
    assert start.replace(tzinfo=zone).astimezone(UTC) == in_utc
    assert start.astimezone(UTC) == in_utc


def test_the_time_zone_in_the_file_agrees_with_the_tz_database_every_hour_of_the_clock_change_days():
    zone = calendar.uk_time_zone().to_tz(lookup_tzid=False)
    for year in range(2026, 2040):
        for month in (3, 10):
            last_sunday = max(date(year, month, d) for d in range(25, 32) if date(year, month, d).weekday() == 6)
            for hour in range(24):
                # By the moment (in UTC), as the hour the clocks skip or repeat names no one moment.
                moment = datetime.combine(last_sunday, time(hour, 30), tzinfo=UTC)
                assert moment.astimezone(zone).utcoffset() == moment.astimezone(LONDON).utcoffset(), moment


def test_a_weekly_meeting_stays_at_its_time_on_the_clock_after_the_clocks_go_forward():
    from dateutil.rrule import rrulestr

    event = _one_event(_meeting_file(Meeting(on=date(2027, 3, 16), at=time(10), repeat="weekly",
                                             repeat_until=date(2027, 4, 6))))
    start = event["DTSTART"].dt
    occurrences = list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    assert [o.date() for o in occurrences] == [date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30),
                                               date(2027, 4, 6)]
    assert {o.time() for o in occurrences} == {time(10)}
    assert [o.astimezone(UTC).hour for o in occurrences] == [10, 10, 9, 9]


@pytest.mark.parametrize(("repeat", "rule"), [
    ("weekly", "FREQ=WEEKLY;UNTIL=20270601T225959Z"),
    ("fortnightly", "FREQ=WEEKLY;UNTIL=20270601T225959Z;INTERVAL=2"),
    ("monthly", "FREQ=MONTHLY;UNTIL=20270601T225959Z"),
    ("quarterly", "FREQ=MONTHLY;UNTIL=20270601T225959Z;INTERVAL=3"),
])
def test_each_repeat_is_its_rrule_until_the_end_of_its_last_day(repeat, rule):
    data = _meeting_file(Meeting(on=date(2027, 1, 12), at=time(10), repeat=repeat, repeat_until=date(2027, 6, 1)))
    assert f"RRULE:{rule}".encode() in data
    recur = _one_event(data)["RRULE"]
    assert recur["FREQ"] == [{"weekly": "WEEKLY", "fortnightly": "WEEKLY"}.get(repeat, "MONTHLY")]
    assert recur.get("INTERVAL", [1]) == [{"fortnightly": 2, "quarterly": 3}.get(repeat, 1)]
    # 23:59:59 on 1 June in London (BST) is 22:59:59 in UTC, as RFC 5545 asks of a timed event's UNTIL.
    assert recur["UNTIL"] == [datetime(2027, 6, 1, 22, 59, 59, tzinfo=UTC)]


def test_a_repeat_without_an_end_lasts_a_year_and_one_all_day_ends_on_a_date():
    timed = _one_event(_meeting_file(Meeting(on=date(2027, 1, 12), at=time(10), repeat="monthly")))
    assert timed["RRULE"]["UNTIL"] == [datetime(2028, 1, 11, 23, 59, 59, tzinfo=UTC)]
    all_day = _one_event(_meeting_file(Meeting(on=date(2027, 1, 12), repeat="quarterly")))
    assert all_day["RRULE"]["UNTIL"] == [date(2028, 1, 11)] and all_day["RRULE"]["INTERVAL"] == [3]


def test_a_meeting_that_does_not_repeat_has_no_rrule():
    assert "RRULE" not in _one_event(_meeting_file(Meeting(on=date(2027, 1, 12), at=time(10))))


@pytest.mark.parametrize(("place", "link", "location", "url"), [
    ("Room 4.12", "", "Room 4.12", None),
    ("", TEAMS, TEAMS, TEAMS),
    ("Room 4.12", TEAMS, f"Room 4.12 or {TEAMS}", TEAMS),
    ("", "", None, None),
])
def test_a_place_is_the_location_and_a_link_is_the_url_and_the_location(place, link, location, url):
    event = _one_event(_meeting_file(Meeting(on=date(2027, 1, 12), at=time(10), place=place, link=link)))
    assert (str(event["LOCATION"]) if "LOCATION" in event else None) == location
    assert (str(event["URL"]) if "URL" in event else None) == url


def test_a_meeting_without_a_time_is_the_same_all_day_event_as_before_and_needs_no_time_zone():
    data = _meeting_file(Meeting(on=date(2027, 1, 12)))
    before = calendar.all_day_event("m1", date(2027, 1, 12), "Development conversation", "Notes", "Mentoring",
                                    timedelta(days=1), NOW)
    event = _one_event(data)
    assert event.to_ical() == before.to_ical()
    assert type(event["DTSTART"].dt) is date and event["DTSTART"].params.get("VALUE") == "DATE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert b"VTIMEZONE" not in data


def test_a_plan_without_review_meetings_writes_the_same_file_as_before(items):
    no_reviews = PdpDetails(profile_id="siany", line_manager="Rhian Evans")
    assert calendar.plan_ics(items, "Siân", NOW, no_reviews) == calendar.plan_ics(items, "Siân", NOW)
    assert b"VTIMEZONE" not in calendar.plan_ics(items, "Siân", NOW)


def test_the_plans_review_meetings_are_events_at_their_time_with_stable_uids(items):
    details = PdpDetails(profile_id="siany", line_manager="Rhian Evans", review_meetings=[
        Meeting(on=date(2027, 1, 12), at=time(14), minutes=30, place="Room 4.12", repeat="quarterly"),
        Meeting(on=date(2027, 6, 30)),
    ])
    data = calendar.plan_ics(items, "Siân", NOW, details)
    parsed, events = _events(data)
    reviews = {str(e["UID"]): e for e in events if str(e["SUMMARY"]).startswith(calendar.REVIEW_MEETING)}
    assert set(reviews) == {"siany-review-meeting-1@kim-pathways", "siany-review-meeting-2@kim-pathways"}
    first, second = reviews["siany-review-meeting-1@kim-pathways"], reviews["siany-review-meeting-2@kim-pathways"]
    assert first["DTSTART"].dt == datetime(2027, 1, 12, 14, tzinfo=LONDON)
    assert first["DTEND"].dt == datetime(2027, 1, 12, 14, 30, tzinfo=LONDON)
    assert str(first["LOCATION"]) == "Room 4.12" and first["RRULE"]["INTERVAL"] == [3]
    assert "Rhian Evans" in str(first["DESCRIPTION"]) and "Siân" in str(first["SUMMARY"])
    assert second["DTSTART"].dt == date(2027, 6, 30)
    assert parsed.walk("VTIMEZONE") and b"DTSTART;TZID=Europe/London:20270112T140000" in data
    # The plan's own dates are still there, unchanged.
    assert len(events) - len(reviews) == len(_events(calendar.plan_ics(items, "Siân", NOW))[1])
    _, again = _events(calendar.plan_ics(items, "Siân", NOW + timedelta(days=3), details))
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in again]
