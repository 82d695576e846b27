"""Meetings with a time, a place or link and a repeat: the conversation's next meeting, and the plan's calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from planner.domain import meetings, wording
from planner.domain.models import (
    Assessment,
    Conversation,
    ConversationDraft,
    DraftMeeting,
    Meeting,
    Mentee,
    PdpDetails,
    PlanItem,
    Profile,
    Rating,
)
from planner.services import consent
from planner.services.acting import Actor
from tests.app.conftest import button, open_page, open_signed_in, profile_id_of, texts

TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"
NEXT = date.today() + timedelta(days=14)
UNTIL = date.today() + timedelta(days=180)


@pytest.fixture
def two_mentees(repo, fw):
    """Alex Morgan, a Grade 7 mentor, with two mentees on this installation: Priya Shah and Tom Okafor."""
    alex = Profile(name="Alex Morgan", current_grade="G7", current_role="Head of knowledge management")
    priya = Profile(name="Priya Shah", current_grade="HEO", target_grade="SEO")
    tom = Profile(name="Tom Okafor", current_grade="EO", target_grade="HEO")
    repo.save_profiles([alex, priya, tom])
    mentees = []
    for person in (priya, tom):
        repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 1),
                            ratings={i.code: Rating(score=1) for i in fw.indicators if i.level <= 2}))
        mentee = Mentee(profile_id=alex.id, mentee_profile_id=person.id, name=person.name, source="local")
        repo.put(mentee)
        mentees.append(mentee)
    return alex, *mentees


def _box(at, kind: str, name: str, mentee_id: str):
    """One of the next meeting's boxes for this mentee: 'next' (the day), 'next_time', 'next_place' and so on."""
    return getattr(at, kind)(key=f"conv_{name}_{mentee_id}")


def _errors(at) -> list[str]:
    """The error messages shown, as a person reads them (without the marks that keep typed text from being markup)."""
    return [e.value.replace("\\", "").replace("\u2060", "") for e in at.error]


def _choose(at, mentee: Mentee):
    at.selectbox(key="mentoring_mentee_choice").select(mentee.id).run()
    return at


def _fill_in_the_next_meeting(at, mentee: Mentee, *, at_time="10:00", link=TEAMS) -> None:
    """A note on the first point (so there is something to record), and the next meeting in every box."""
    next(t for t in at.text_area if t.label.startswith("Notes on point 1:")).input("We meet monthly.").run()
    _box(at, "date_input", "next", mentee.id).set_value(NEXT).run()
    _box(at, "text_input", "next_time", mentee.id).input(at_time).run()
    _box(at, "number_input", "next_minutes", mentee.id).set_value(60).run()
    _box(at, "text_input", "next_place", mentee.id).input("Room 4.12").run()
    _box(at, "text_input", "next_link", mentee.id).input(link).run()
    _box(at, "selectbox", "next_repeat", mentee.id).select("monthly").run()
    _box(at, "date_input", "next_until", mentee.id).set_value(UNTIL).run()


def _shows_the_meeting(at, mentee: Mentee) -> None:
    assert _box(at, "date_input", "next", mentee.id).value == NEXT
    assert _box(at, "text_input", "next_time", mentee.id).value == "10:00"
    assert _box(at, "number_input", "next_minutes", mentee.id).value == 60
    assert _box(at, "text_input", "next_place", mentee.id).value == "Room 4.12"
    assert _box(at, "text_input", "next_link", mentee.id).value == TEAMS
    assert _box(at, "selectbox", "next_repeat", mentee.id).value == "monthly"
    assert _box(at, "date_input", "next_until", mentee.id).value == UNTIL


def test_a_mentor_gives_the_next_meeting_a_time_place_and_monthly_repeat_kept_until_the_record_is_saved(
        data_dir, repo, two_mentees, downloads):
    alex, priya, tom = two_mentees
    at = _choose(open_page("pages/conversations.py", profile_id=alex.id), priya)
    _fill_in_the_next_meeting(at, priya)
    assert not at.error, [e.value for e in at.error]

    # Each box is kept in Priya's draft as it is left.
    draft = repo.get(ConversationDraft, alex.id, priya.id)
    assert draft.next_meeting == NEXT
    assert draft.next_meeting_details == DraftMeeting(at="10:00", minutes=60, place="Room 4.12", link=TEAMS,
                                                      repeat="monthly", repeat_until=UNTIL)

    # Tom's form has none of it; back on Priya, after leaving the page, and in a fresh session, it is all there.
    _choose(at, tom)
    assert _box(at, "date_input", "next", tom.id).value is None
    assert _box(at, "text_input", "next_place", tom.id).value == ""
    assert _box(at, "selectbox", "next_repeat", tom.id).value == "none"
    _shows_the_meeting(_choose(at, priya), priya)
    at.switch_page("pages/mentees.py").run()
    at.switch_page("pages/conversations.py").run()
    _shows_the_meeting(at, priya)
    fresh = _choose(open_page("pages/conversations.py", profile_id=alex.id), priya)
    _shows_the_meeting(fresh, priya)

    button(fresh, "Save the record").click().run()
    assert not fresh.error, [e.value for e in fresh.error]
    (record,) = repo.list(Conversation, alex.id)
    assert record.next_meeting == NEXT
    assert record.next_meeting_details == Meeting(on=NEXT, at=time(10), minutes=60, place="Room 4.12", link=TEAMS,
                                                  repeat="monthly", repeat_until=UNTIL)
    assert repo.get(ConversationDraft, alex.id, priya.id) is None

    # The record shows the meeting in words.
    said = (f"Next meeting: {NEXT:%A} {wording.long_date(NEXT)}, 10am to 11am, Room 4.12 or {TEAMS}, "
            f"every month until {wording.long_date(UNTIL)}")
    assert said in texts(fresh)

    # Its calendar file has the meeting at its time in UK time, its place, link and repeat.
    ics = downloads.of(fresh, f"conv_{record.id}_ics")
    assert f"DTSTART;TZID=Europe/London:{NEXT:%Y%m%d}T100000" in ics.text
    assert "BEGIN:VTIMEZONE" in ics.text and "TZID:Europe/London" in ics.text
    (event,) = Calendar.from_ical(ics.data).walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["MONTHLY"] and event["RRULE"]["UNTIL"][0].date() in (UNTIL, UNTIL + timedelta(1))
    assert str(event["LOCATION"]) == f"Room 4.12 or {TEAMS}" and str(event["URL"]) == TEAMS


@pytest.mark.parametrize(("box", "kind", "typed", "said"), [
    ("next_time", "text_input", "25:00", "The meeting's time '25:00' is not a time of day"),
    ("next_time", "text_input", "half ten", "The meeting's time 'half ten' is not a time of day"),
    ("next_link", "text_input", "ftp://files.example.gov.uk/meeting", "starts with https:// or http://"),
    ("next_link", "text_input", "javascript:alert(1)", "starts with https:// or http://"),
    ("next_until", "date_input", NEXT - timedelta(days=1), "repeat cannot end before the meeting"),
])
def test_a_bad_time_link_or_end_of_repeat_gets_a_plain_message_and_nothing_is_saved(
        data_dir, repo, two_mentees, box, kind, typed, said):
    alex, priya, _ = two_mentees
    at = _choose(open_page("pages/conversations.py", profile_id=alex.id), priya)
    next(t for t in at.text_area if t.label.startswith("Notes on point 1:")).input("We meet weekly.").run()
    _box(at, "date_input", "next", priya.id).set_value(NEXT).run()
    _box(at, "selectbox", "next_repeat", priya.id).select("weekly").run()
    widget = _box(at, kind, box, priya.id)
    (widget.input(typed) if kind == "text_input" else widget.set_value(typed)).run()

    # Said under the boxes at once, and kept in the draft as typed so nothing is lost.
    assert any(said in e for e in _errors(at)), _errors(at)
    assert repo.get(ConversationDraft, alex.id, priya.id).next_meeting_details is not None

    button(at, "Save the record").click().run()
    assert any(e.startswith("The record was not saved.") and said in e for e in _errors(at)), _errors(at)
    assert repo.list(Conversation, alex.id) == []


def test_a_time_place_or_repeat_without_a_day_is_refused_when_saving(data_dir, repo, two_mentees):
    alex, priya, _ = two_mentees
    at = _choose(open_page("pages/conversations.py", profile_id=alex.id), priya)
    next(t for t in at.text_area if t.label.startswith("Notes on point 1:")).input("We meet soon.").run()
    _box(at, "text_input", "next_place", priya.id).input("Room 4.12").run()
    button(at, "Save the record").click().run()
    assert any("no date: choose its date" in e for e in _errors(at)), _errors(at)
    assert repo.list(Conversation, alex.id) == []


def test_the_meeting_of_a_saved_record_is_changed_and_a_bad_change_leaves_it_as_it_was(data_dir, repo, two_mentees):
    alex, priya, _ = two_mentees
    meeting = Meeting(on=NEXT, at=time(10), place="Room 4.12", repeat="monthly")
    record = Conversation(profile_id=alex.id, mentee_id=priya.id, held_on=date.today(), next_meeting=NEXT,
                          next_meeting_details=meeting)
    repo.add(record)
    at = _choose(open_page("pages/conversations.py", profile_id=alex.id), priya)
    assert f"Next meeting: {meetings.in_words(meeting)}" in texts(at)
    button(at, "Edit this record").click().run()
    prefix = f"conv_{record.id}_edit_next"
    assert at.text_input(key=f"{prefix}_time").value == "10:00"

    at.text_input(key=f"{prefix}_link").input("www.teams.example/meeting").run()
    button(at, "Save the changes").click().run()
    assert any(e.startswith("The changes were not saved.") and "https://" in e for e in _errors(at)), _errors(at)
    assert repo.get(Conversation, alex.id, record.id).next_meeting_details == meeting

    at.text_input(key=f"{prefix}_link").input(TEAMS).run()
    at.text_input(key=f"{prefix}_time").input("2:30pm").run()
    button(at, "Save the changes").click().run()
    assert not at.error, [e.value for e in at.error]
    changed = repo.get(Conversation, alex.id, record.id).next_meeting_details
    assert changed == meeting.model_copy(update={"at": time(14, 30), "link": TEAMS})


def test_on_a_server_the_mentor_keeps_the_meeting_with_the_record_and_the_mentee_gets_the_actions_to_answer(
        data_dir, repo, downloads):
    people = {}
    for login in ("ada", "grace"):
        actor = Actor.on_server(profile_id_of(login), login.capitalize(), f"{login}@example.gov.uk", admin=False)
        repo.save_profile(Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade="HEO"))
        people[login] = actor
    now = datetime.now(UTC)
    asked = consent.ask_mentor(repo, people["ada"], people["grace"].email, now)
    consent.accept(repo, people["grace"], asked.id, now)

    at = open_signed_in("pages/conversations.py", "grace")
    _fill_in_the_next_meeting(at, Mentee(id=asked.id, profile_id="", mentee_profile_id="", name="Ada",
                                         source="consent"))
    at.session_state[f"conv_actions_{asked.id}"] = {
        "edited_rows": {0: {"Objective": "Shadow the FOI officer"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "Save the record").click().run()
    assert not at.error, [e.value for e in at.error]

    (record,) = repo.list(Conversation, people["grace"].profile_id)
    assert record.next_meeting_details is not None and record.next_meeting_details.place == "Room 4.12"
    assert f"DTSTART;TZID=Europe/London:{NEXT:%Y%m%d}T100000" in downloads.of(at, f"conv_{record.id}_ics").text
    # The mentee answers the agreed action on their own plan, as before.
    assert [p.item.objective for p in consent.proposals(repo, people["ada"])] == ["Shadow the FOI officer"]


def test_my_plans_calendar_has_the_review_meetings_kept_with_the_plans_details(data_dir, repo, person, downloads):
    repo.put(PlanItem(profile_id=person.id, objective="Run a records-review workshop", target_date=NEXT))
    review = Meeting(on=NEXT, at=time(14), minutes=30, place="Room 4.12", link=TEAMS, repeat="quarterly")
    repo.put(PdpDetails(profile_id=person.id, line_manager="Rhian Evans", review_meetings=[review]))

    at = open_page("pages/plan.py", profile_id=person.id)
    ics = downloads.of(at, "plan_download_ics")

    assert f"DTSTART;TZID=Europe/London:{NEXT:%Y%m%d}T140000" in ics.text
    events = {str(e["UID"]): e for e in Calendar.from_ical(ics.data).walk("VEVENT")}
    meeting = events[f"{person.id}-review-meeting-1@kim-pathways"]
    assert meeting["RRULE"]["FREQ"] == ["MONTHLY"] and meeting["RRULE"]["INTERVAL"] == [3]
    assert str(meeting["LOCATION"]) == f"Room 4.12 or {TEAMS}" and str(meeting["URL"]) == TEAMS
    assert "Rhian Evans" in str(meeting["DESCRIPTION"])
    assert any(str(e["SUMMARY"]).startswith("Target: Run a records-review workshop") for e in events.values())
