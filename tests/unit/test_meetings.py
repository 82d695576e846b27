"""Meetings with a time, a place or link and a repeat: read from what was typed, said in words, kept with records."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from pydantic import ValidationError

from planner.domain import conversation_drafts, meetings
from planner.domain.models import Conversation, ConversationDraft, DraftMeeting, Meeting
from planner.errors import PlannerError
from planner.store.documents import from_document, to_document

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAY = date(2027, 1, 12)  # a Tuesday
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d"


# --- The time as typed -------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), [
    ("10:00", time(10)), ("10", time(10)), ("9.30", time(9, 30)), ("0930", time(9, 30)), ("14:30", time(14, 30)),
    ("2:30pm", time(14, 30)), ("2.30 PM", time(14, 30)), ("10am", time(10)), ("10 a.m.", time(10)),
    ("12pm", time(12)), ("12am", time(0)), ("midday", time(12)), (" 17:05 ", time(17, 5)),
])
def test_a_time_is_read_however_people_write_it(typed, meant):
    assert meetings.parse_time(typed) == meant


def test_no_time_is_a_meeting_that_lasts_all_day():
    assert meetings.parse_time("") is None and meetings.parse_time("   ") is None


@pytest.mark.parametrize("typed", ["25:00", "10:75", "13pm", "0am", "ten o'clock", "10:0", "10-30", "1O:00", "9:30:00"])
def test_a_badly_typed_time_is_refused_in_plain_words_that_quote_it(typed):
    with pytest.raises(PlannerError, match="is not a time of day: write it like 10:00 or 2:30pm") as refused:
        meetings.parse_time(typed)
    assert f"'{typed}'" in str(refused.value)


# --- The meeting's own rules -------------------------------------------------------------------


def test_a_place_that_is_only_a_web_address_is_kept_as_the_link():
    meeting = Meeting(on=DAY, place=TEAMS)
    assert (meeting.place, meeting.link) == ("", TEAMS)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://files.example.gov.uk/x", "msteams:/l/meetup-join/x",
                                  "teams.microsoft.com/l/meetup-join/x", "www.example.gov.uk", "https://", "https://a b"])
def test_a_link_that_is_not_a_web_address_is_refused_as_the_link_or_the_place(link):
    for where in ({"link": link}, {"place": link}):
        with pytest.raises(ValidationError, match="starts with https:// or http://"):
            Meeting(on=DAY, **where)


def test_rooms_and_addresses_are_places():
    for place in ("Room 4.12", "10 South Colonnade, London E14 4PU", "Library: 3rd floor", "MS Teams",
                  f"Teams: {TEAMS}"):
        assert Meeting(on=DAY, place=place).place == place


def test_a_repeat_that_ends_before_the_meeting_is_refused_and_an_end_without_a_repeat_is_dropped():
    with pytest.raises(ValidationError, match="repeat cannot end before the meeting"):
        Meeting(on=DAY, repeat="monthly", repeat_until=date(2027, 1, 11))
    assert Meeting(on=DAY, repeat="monthly", repeat_until=DAY).repeat_until == DAY
    assert Meeting(on=DAY, repeat="none", repeat_until=date(2020, 1, 1)).repeat_until is None


def test_a_repeat_with_no_end_lasts_a_year_of_meetings():
    assert meetings.last_day(Meeting(on=DAY, repeat="weekly")) == date(2028, 1, 11)
    assert meetings.last_day(Meeting(on=date(2028, 2, 29), repeat="monthly")) == date(2029, 2, 28)
    assert meetings.last_day(Meeting(on=DAY, repeat="weekly", repeat_until=date(2027, 3, 1))) == date(2027, 3, 1)
    assert meetings.last_day(Meeting(on=DAY)) is None


def test_the_length_is_counted_in_real_minutes_across_the_clock_change():
    # On 28 March 2027 the clocks go forward at 1am: two hours from half past midnight end at half past three.
    meeting = Meeting(on=date(2027, 3, 28), at=time(0, 30), minutes=120)
    assert meetings.ends(meeting).time() == time(3, 30)
    assert meetings.ends(meeting).astimezone(UTC) - meetings.starts(meeting).astimezone(UTC) == (
        datetime(2027, 1, 1, 2, tzinfo=UTC) - datetime(2027, 1, 1, tzinfo=UTC))


# --- In words -----------------------------------------------------------------------------------


def test_a_meeting_in_words_has_its_day_time_place_link_and_repeat():
    meeting = Meeting(on=DAY, at=time(10), minutes=60, place="Room 4.12", link=TEAMS, repeat="monthly",
                      repeat_until=date(2027, 12, 14))
    assert meetings.in_words(meeting) == (
        f"Tuesday 12 January 2027, 10am to 11am, Room 4.12 or {TEAMS}, every month until 14 December 2027")


@pytest.mark.parametrize(("repeat", "said"), [
    ("weekly", "every week"), ("fortnightly", "every 2 weeks"), ("monthly", "every month"),
    ("quarterly", "every 3 months"),
])
def test_each_repeat_is_said_with_the_day_it_ends(repeat, said):
    assert meetings.in_words(Meeting(on=DAY, at=time(14, 30), minutes=45, repeat=repeat)) == (
        f"Tuesday 12 January 2027, 2:30pm to 3:15pm, {said} until 11 January 2028")


def test_a_meeting_without_a_time_is_all_day():
    assert meetings.in_words(Meeting(on=DAY, place="Room 4.12")) == "Tuesday 12 January 2027, all day, Room 4.12"


def test_a_record_agreed_by_its_day_alone_says_the_day_as_before():
    record = Conversation(profile_id="m", mentee_id="p", held_on=date(2026, 12, 1), next_meeting=DAY)
    assert meetings.next_meeting_words(record) == "12 January 2027"
    assert meetings.next_meeting_of(record) == Meeting(on=DAY)
    none = record.model_copy(update={"next_meeting": None})
    assert meetings.next_meeting_words(none) == "" and meetings.next_meeting_of(none) is None


# --- Typed beside the day -----------------------------------------------------------------------


def test_nothing_typed_beside_the_day_is_no_details():
    assert meetings.from_typed(DAY, None) is None
    assert meetings.from_typed(DAY, DraftMeeting()) is None
    assert meetings.from_typed(None, DraftMeeting()) is None


def test_what_was_typed_becomes_the_meeting_and_back():
    typed = DraftMeeting(at="2:30pm", minutes=90, place="Room 4.12", link=TEAMS, repeat="quarterly")
    meeting = meetings.from_typed(DAY, typed)
    assert meeting == Meeting(on=DAY, at=time(14, 30), minutes=90, place="Room 4.12", link=TEAMS,
                              repeat="quarterly")
    assert meetings.as_typed(meeting) == typed.model_copy(update={"at": "14:30"})
    assert meetings.as_typed(None) == DraftMeeting()


def test_a_time_place_or_repeat_without_a_day_is_refused():
    with pytest.raises(PlannerError, match="no date: choose its date"):
        meetings.from_typed(None, DraftMeeting(place="Room 4.12"))


def test_every_problem_typed_is_said_at_once():
    with pytest.raises(PlannerError) as refused:
        meetings.from_typed(DAY, DraftMeeting(at="25:00", link="ftp://x.example"))
    said = str(refused.value)
    assert "'25:00' is not a time of day" in said and "starts with https:// or http://" in said
    with pytest.raises(PlannerError, match="cannot end before the meeting"):
        meetings.from_typed(DAY, DraftMeeting(repeat="weekly", repeat_until=date(2027, 1, 1)))


# --- Kept with the conversation ---------------------------------------------------------------


def _draft() -> ConversationDraft:
    return ConversationDraft(id="priya", profile_id="alex", mentee_id="priya", held_on=date(2026, 12, 1),
                             participants="Alex Morgan, Priya Shah")


def test_the_draft_keeps_what_each_box_beside_the_day_shows_and_forgets_them_when_emptied():
    draft = conversation_drafts.with_typed(_draft(), NOW, next_meeting=DAY, meeting={"at": "10:00"})
    draft = conversation_drafts.with_typed(draft, NOW, meeting={"place": "Room 4.12", "repeat": "monthly"})
    assert draft.next_meeting_details == DraftMeeting(at="10:00", place="Room 4.12", repeat="monthly")
    assert conversation_drafts.with_typed(draft, NOW, meeting={"place": "Room 4.12"}) is draft  # nothing changed
    emptied = conversation_drafts.with_typed(draft, NOW, meeting={"at": "", "place": "", "repeat": "none"})
    assert emptied.next_meeting_details is None


def test_a_badly_typed_time_is_kept_in_the_draft_as_typed_and_the_record_is_refused():
    draft = conversation_drafts.with_typed(_draft(), NOW, next_meeting=DAY, meeting={"at": "half ten"})
    assert draft.next_meeting_details.at == "half ten"  # nothing typed is lost
    with pytest.raises(PlannerError, match="'half ten' is not a time of day"):
        conversation_drafts.as_conversation(draft, NOW)


def test_the_record_keeps_the_meeting_typed_in_its_draft():
    draft = conversation_drafts.with_typed(_draft(), NOW, next_meeting=DAY,
                                           meeting={"at": "10:00", "place": "Room 4.12", "repeat": "monthly"})
    record = conversation_drafts.as_conversation(draft, NOW)
    assert record.next_meeting == DAY
    assert record.next_meeting_details == Meeting(on=DAY, at=time(10), place="Room 4.12", repeat="monthly")


def test_a_records_meeting_details_are_for_its_next_meeting_day():
    with pytest.raises(ValidationError, match="must be for the day of the next meeting"):
        Conversation(profile_id="m", mentee_id="p", held_on=date(2026, 12, 1), next_meeting=date(2027, 2, 1),
                     next_meeting_details=Meeting(on=DAY))


def test_records_and_drafts_saved_before_meetings_had_times_read_unchanged_and_write_only_an_empty_addition():
    saved_record = {"schema_version": 1, "id": "c1", "profile_id": "m", "mentee_id": "p", "held_on": "2026-12-01",
                    "participants": ["Alex Morgan"], "agenda": [], "actions": [], "next_meeting": "2027-01-12",
                    "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}
    saved_draft = {"schema_version": 1, "id": "p", "profile_id": "m", "mentee_id": "p", "held_on": "2026-12-01",
                   "participants": "Alex Morgan", "agenda": [], "actions": [], "next_meeting": "2027-01-12",
                   "updated_at": "2026-12-01T09:00:00Z"}
    record = from_document(Conversation, saved_record)
    draft = from_document(ConversationDraft, saved_draft)
    assert record.next_meeting == draft.next_meeting == DAY
    assert record.next_meeting_details is None and draft.next_meeting_details is None
    assert meetings.next_meeting_words(record) == "12 January 2027"
    assert to_document(record) == saved_record | {"next_meeting_details": None}
    assert to_document(draft) == saved_draft | {"next_meeting_details": None}
