"""In a real browser: a mentor with two mentees keeps each one's conversation form apart, and loses none of it."""

import re
import time
from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from planner import store
from planner.domain.models import Assessment, Conversation, ConversationDraft, Mentee, Profile, Rating
from tests.browser.conftest import Server, choose_option, go_to, leave_box, settle

pytestmark = pytest.mark.browser

SECRET = "CONFIDENTIAL: Priya is thinking of leaving"


@pytest.fixture(scope="module")
def mentoring(tmp_path_factory):
    """A server where Alex Morgan, a Grade 7 head of knowledge management, mentors Priya Shah and Tom Okafor."""
    data_dir = tmp_path_factory.mktemp("mentoring") / "data"
    repo = store.open_repository(data_dir)
    alex = Profile(name="Alex Morgan", current_grade="G7", current_role="Head of knowledge management")
    priya = Profile(name="Priya Shah", current_grade="HEO", target_grade="SEO")
    tom = Profile(name="Tom Okafor", current_grade="EO", target_grade="HEO")
    repo.save_profiles([alex, priya, tom])
    for person, score in ((priya, 1), (tom, 2)):
        repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 1),
                            ratings={code: Rating(score=score) for code in ("1.1.1", "1.1.2", "2.1.1", "2.1.4")}))
        repo.put(Mentee(profile_id=alex.id, mentee_profile_id=person.id, name=person.name, source="local"))
    running = Server(data_dir)
    yield running, alex
    running.stop()


def _choose_mentee(page, name: str) -> None:
    """Choose the mentee and wait until their own form is drawn.

    The heading "Record the conversation" is on every mentee's form, so it says nothing of whose form
    the page shows: until the run of the choice has drawn it, the boxes are the last mentee's. Who
    took part names the mentee on their own form only (it starts as the mentor and them).
    """
    choose_option(page, page.get_by_role("combobox", name="Mentee"), f"{name} (this installation)")
    expect(page.get_by_role("textbox", name="Who took part")).to_have_value(re.compile(re.escape(name)),
                                                                          timeout=30_000)
    settle(page)


def _type(page, box, text: str) -> None:
    if box.input_value() == text:
        return  # kept already (an earlier test's draft): leaving the box would send nothing
    box.fill(text)
    leave_box(page, box)  # leaving the box sends what it holds


def _first_notes(page):
    return page.get_by_label("Notes on point 1", exact=False).first


def _saved_record(server, alex, mentee_name: str) -> Conversation:
    repo = store.open_repository(server.data_dir)
    (mentee,) = [m for m in repo.list(Mentee, alex.id) if m.name == mentee_name]
    records = [c for c in repo.list(Conversation, alex.id) if c.mentee_id == mentee.id]
    assert records, f"no record of {mentee_name} was saved"
    return max(records, key=lambda c: c.created_at)


def _stored_draft(server, alex, mentee_name: str) -> ConversationDraft | None:
    """The mentor's draft for this mentee as the store holds it now."""
    repo = store.open_repository(server.data_dir)
    (mentee,) = [m for m in repo.list(Mentee, alex.id) if m.name == mentee_name]
    return repo.get(ConversationDraft, alex.id, mentee.id)


def _expect_priyas_notes(page, server, alex) -> None:
    try:
        expect(_first_notes(page)).to_have_value(SECRET, timeout=30_000)
    except AssertionError as lost:
        # Whether the store lost the words or the page did not draw them: two different faults.
        draft = _stored_draft(server, alex, "Priya Shah")
        held = "none" if draft is None else draft.model_dump_json()
        raise AssertionError(f"{lost}\nPriya's draft in the store: {held}") from lost


def _wait_until_kept(server, alex, mentee_name: str, text: str) -> None:
    """Wait until the mentor's draft for this mentee in the store holds the text (the box's change has been run).

    On a busy machine the run a box's change starts can begin after the browser looks idle; a link followed
    before that run has even begun is a race in the browser, not what these tests are about.
    """
    for _ in range(100):
        draft = _stored_draft(server, alex, mentee_name)
        if draft is not None and text in draft.model_dump_json():
            return
        time.sleep(0.1)
    raise AssertionError(f"what was typed for {mentee_name} was never kept in the draft")


def _open_priyas_form(page, server, alex) -> None:
    page.goto(f"{server.url}/?profile={alex.id}")
    settle(page)
    go_to(page, "Conversations")
    _choose_mentee(page, "Priya Shah")
    who = page.get_by_role("textbox", name="Who took part")
    _type(page, who, "Alex Morgan, Priya Shah, Dana (HR business partner)")
    _type(page, _first_notes(page), SECRET)
    _wait_until_kept(server, alex, "Priya Shah", SECRET)


def test_conversation_notes_are_kept_after_a_visit_to_mentees_and_a_reload(mentoring, page):
    server, alex = mentoring
    _open_priyas_form(page, server, alex)
    go_to(page, "Mentees")
    go_to(page, "Conversations")
    page.get_by_role("heading", name="Record the conversation").wait_for()
    _expect_priyas_notes(page, server, alex)
    page.reload()
    settle(page)
    page.get_by_role("heading", name="Record the conversation").wait_for()
    _expect_priyas_notes(page, server, alex)  # the heading is drawn before the boxes
    assert page.get_by_role("textbox", name="Who took part").input_value() == (
        "Alex Morgan, Priya Shah, Dana (HR business partner)")


def test_a_mentor_switches_between_two_mentees_and_each_record_holds_only_that_mentees_words(mentoring, page):
    server, alex = mentoring
    _open_priyas_form(page, server, alex)

    # Tom's form holds none of Priya's words, and his saved record lists only him and his mentor.
    _choose_mentee(page, "Tom Okafor")
    assert page.get_by_role("textbox", name="Who took part").input_value() == "Alex Morgan, Tom Okafor"
    boxes = page.get_by_role("textbox")
    assert not any("Priya" in boxes.nth(n).input_value() for n in range(boxes.count()))
    _type(page, _first_notes(page), "Tom wants to lead the records review.")
    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()
    toms = _saved_record(server, alex, "Tom Okafor")
    assert toms.participants == ["Alex Morgan", "Tom Okafor"]
    assert toms.agenda[0].notes == "Tom wants to lead the records review."
    assert "Priya" not in toms.model_dump_json() and "CONFIDENTIAL" not in toms.model_dump_json()

    # Back on Priya, her form is as she left it; her record holds her words only.
    _choose_mentee(page, "Priya Shah")
    _expect_priyas_notes(page, server, alex)
    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()
    priyas = _saved_record(server, alex, "Priya Shah")
    assert priyas.participants == ["Alex Morgan", "Priya Shah", "Dana (HR business partner)"]
    assert priyas.agenda[0].notes == SECRET
    assert "Tom" not in priyas.model_dump_json()
    # Saved, the form starts again (the browser may draw the emptied box a moment after the message).
    expect(_first_notes(page)).to_have_value("", timeout=30_000)


def _agenda_cell(page, row: int, column: int, text: str) -> None:
    """Type into a cell of the agenda table (a canvas grid) as a person would: select, move with the keys, type."""
    grid = page.locator("[data-testid='stDataFrame']").first
    # In the middle of the window: at its top edge, the app's header would cover the first row.
    grid.evaluate("element => element.scrollIntoView({block: 'center'})")
    grid.locator("canvas").first.wait_for()
    box = None
    while box != grid.bounding_box():  # the page may still be moving after the scroll
        box = grid.bounding_box()
        page.wait_for_timeout(200)
    for _ in range(10):
        # The Order cell of the first point (after the row picker). A click that lands while the
        # grid is still being drawn only focuses its canvas, so it is tried again until the grid
        # has moved the focus to the chosen cell (a cell of its accessible table).
        page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)
        try:
            page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'TD'",
                                   timeout=2_000)
            break
        except PlaywrightTimeoutError:
            if page.locator(".gdg-input").count():
                page.keyboard.press("Escape")  # a click on the chosen cell opened its editor
    else:
        raise AssertionError("the agenda table never took the click")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the chosen cell's editor
    editor = page.locator(".gdg-input").first
    editor.wait_for()
    editor.fill(text)
    page.keyboard.press("Enter")  # keep the value
    settle(page)


def test_notes_follow_their_point_when_it_is_moved_and_an_added_point_is_saved(mentoring, page):
    server, alex = mentoring
    page.goto(f"{server.url}/?profile={alex.id}")
    settle(page)
    go_to(page, "Conversations")
    _choose_mentee(page, "Priya Shah")
    _type(page, _first_notes(page), "Note on the first point")
    _type(page, page.get_by_label("Notes on point 2", exact=False).first, "Note on the second point")
    labels = [box.get_attribute("aria-label") or "" for box in page.get_by_test_id("stTextArea").locator("textarea").all()]
    drafted = [label.split(": ", 1)[1] for label in labels if label.startswith("Notes on point")]
    assert len(drafted) >= 2

    _agenda_cell(page, 0, 0, "99")  # point 1 is taken last
    page.get_by_label(f"Notes on point {len(drafted)}", exact=False).first.wait_for()
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.hover()
    grid.get_by_role("button", name="Add row").or_(
        page.get_by_test_id("stElementToolbar").get_by_role("button", name="Add row").first).first.click()
    settle(page)
    _agenda_cell(page, len(drafted), 1, "The secondment to the Cabinet Office")
    added = page.get_by_label(f"Notes on point {len(drafted) + 1}", exact=False).first
    _type(page, added, "Priya would like to apply in the spring.")
    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()

    record = _saved_record(server, alex, "Priya Shah")
    notes = {p.title: p.notes for p in record.agenda}
    assert notes[drafted[0]] == "Note on the first point" and notes[drafted[1]] == "Note on the second point"
    assert [p.title for p in record.agenda] == [*drafted[1:], drafted[0], "The secondment to the Cabinet Office"]
    assert (record.agenda[-1].kind, record.agenda[-1].notes) == ("other", "Priya would like to apply in the spring.")
