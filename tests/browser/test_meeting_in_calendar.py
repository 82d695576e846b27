"""In a real browser: a mentor gives the next meeting a time, place and repeat, finds it kept after a reload, saves
the record and downloads the meeting for a calendar."""

import time
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from planner import store
from planner.domain.models import Assessment, Conversation, ConversationDraft, Mentee, Profile, Rating
from tests.browser.conftest import Server, choose_option, go_to, settle, shot

pytestmark = pytest.mark.browser

NEXT = date.today() + timedelta(days=21)
UNTIL = date.today() + timedelta(days=200)


@pytest.fixture(scope="module")
def mentoring(tmp_path_factory):
    """A server where Alex Morgan mentors Priya Shah, who uses the same installation."""
    data_dir = tmp_path_factory.mktemp("meetings") / "data"
    repo = store.open_repository(data_dir)
    alex = Profile(name="Alex Morgan", current_grade="G7", current_role="Head of knowledge management")
    priya = Profile(name="Priya Shah", current_grade="HEO", target_grade="SEO")
    repo.save_profiles([alex, priya])
    repo.add(Assessment(profile_id=priya.id, taken_on=date(2026, 10, 1),
                        ratings={code: Rating(score=1) for code in ("1.1.1", "1.1.2", "2.1.1", "2.1.4")}))
    mentee = Mentee(profile_id=alex.id, mentee_profile_id=priya.id, name=priya.name, source="local")
    repo.put(mentee)
    running = Server(data_dir)
    yield running, alex, mentee
    running.stop()


def _type(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Tab")  # leaving the box sends what it holds
    settle(page)


def _type_date(page, label: str, day: date) -> None:
    """Type a day into a date box as a person does: day, month and year segments in turn, then leave it."""
    page.get_by_role("spinbutton", name=f"day, {label}", exact=True).click()
    page.keyboard.type(day.strftime("%d%m%Y"))  # each segment moves on to the next when it is full
    page.get_by_role("heading", name="Record the conversation").click()  # leaving the box sends the day
    settle(page)


def _date_shown(page, label: str) -> str:
    return page.get_by_role("group", name=label, exact=True).inner_text().replace("\n", "")


def _wait_until_kept(server, alex, mentee, what) -> ConversationDraft:
    """Wait until the mentor's draft in the store satisfies `what` (the last box's change has been run)."""
    for _ in range(100):
        draft = store.open_repository(server.data_dir).get(ConversationDraft, alex.id, mentee.id)
        if draft is not None and what(draft):
            return draft
        time.sleep(0.1)
    raise AssertionError(f"what was typed was never kept in the draft: {draft}")


def _open_the_form(page, server, alex) -> None:
    page.goto(f"{server.url}/?profile={alex.id}")
    settle(page)
    go_to(page, "Conversations")
    page.get_by_role("heading", name="Record the conversation").wait_for()


def test_a_mentor_sets_the_next_meeting_finds_it_after_a_reload_saves_it_and_downloads_it(mentoring, page):
    server, alex, mentee = mentoring
    _open_the_form(page, server, alex)
    notes = page.get_by_label("Notes on point 1", exact=False).first
    notes.fill("Priya will lead the records review; we meet monthly.")
    notes.press("Tab")
    settle(page)

    _type_date(page, "Next meeting (optional)", NEXT)
    _type(page, "Time (optional)", "2:30pm")
    _type(page, "Length in minutes", "45")
    _type(page, "Place (optional)", "Room 4.12, 10 South Colonnade")
    choose_option(page, page.get_by_role("combobox", name="Repeats"), "Every month")
    _type_date(page, "Repeat until (optional)", UNTIL)
    _wait_until_kept(server, alex, mentee, lambda d: d.next_meeting_details is not None
                     and d.next_meeting_details.repeat_until == UNTIL)

    shot(page, "63-next-meeting-with-a-time")
    page.reload()
    settle(page)
    page.get_by_role("heading", name="Record the conversation").wait_for()
    assert _date_shown(page, "Next meeting (optional)") == NEXT.strftime("%d/%m/%Y")
    assert page.get_by_label("Time (optional)", exact=True).input_value() == "2:30pm"
    assert page.get_by_label("Length in minutes", exact=True).input_value() == "45"
    assert page.get_by_label("Place (optional)", exact=True).input_value() == "Room 4.12, 10 South Colonnade"
    assert _date_shown(page, "Repeat until (optional)") == UNTIL.strftime("%d/%m/%Y")
    assert page.get_by_role("combobox", name="Repeats").input_value() == "Every month"

    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()
    (record,) = store.open_repository(server.data_dir).list(Conversation, alex.id)
    assert record.next_meeting == NEXT
    details = record.next_meeting_details
    assert (details.at.hour, details.at.minute, details.minutes) == (14, 30, 45)
    assert (details.place, details.repeat, details.repeat_until) == ("Room 4.12, 10 South Colonnade", "monthly", UNTIL)
    page.get_by_text("2:30pm to 3:15pm, Room 4.12, 10 South Colonnade, every month until", exact=False).wait_for()

    with page.expect_download() as caught:
        page.get_by_role("button", name="Next meeting (.ics)").click()
    data = open(caught.value.path(), "rb").read()
    assert f"DTSTART;TZID=Europe/London:{NEXT:%Y%m%d}T143000".encode() in data
    assert f"DTEND;TZID=Europe/London:{NEXT:%Y%m%d}T151500".encode() in data
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["MONTHLY"]
    assert str(event["LOCATION"]) == "Room 4.12, 10 South Colonnade"
    assert Calendar.from_ical(data).walk("VTIMEZONE")
