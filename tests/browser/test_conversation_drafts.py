"""In a real browser: a mentor with two mentees keeps each one's conversation form apart, and loses none of it."""

from datetime import date

import pytest

from planner import store
from planner.models import Assessment, Conversation, Mentee, Profile, Rating
from tests.browser.conftest import Server, choose_option, go_to, settle

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
    choose_option(page, page.get_by_role("combobox", name="Mentee"), f"{name} (this installation)")
    page.get_by_role("heading", name="Record the conversation").wait_for()


def _type(page, box, text: str) -> None:
    box.fill(text)
    box.press("Tab")  # leaving the box sends what it holds
    settle(page)


def _first_notes(page):
    return page.get_by_label("Notes on point 1", exact=False).first


def _saved_record(server, alex, mentee_name: str) -> Conversation:
    repo = store.open_repository(server.data_dir)
    (mentee,) = [m for m in repo.list(Mentee, alex.id) if m.name == mentee_name]
    (record,) = [c for c in repo.list(Conversation, alex.id) if c.mentee_id == mentee.id]
    return record


def _open_priyas_form(page, server, alex) -> None:
    page.goto(f"{server.url}/?profile={alex.id}")
    settle(page)
    go_to(page, "Conversations")
    _choose_mentee(page, "Priya Shah")
    who = page.get_by_role("textbox", name="Who took part")
    _type(page, who, "Alex Morgan, Priya Shah, Dana (HR business partner)")
    _type(page, _first_notes(page), SECRET)


def test_conversation_notes_are_kept_after_a_visit_to_mentees_and_a_reload(mentoring, page):
    server, alex = mentoring
    _open_priyas_form(page, server, alex)
    go_to(page, "Mentees")
    go_to(page, "Conversations")
    page.get_by_role("heading", name="Record the conversation").wait_for()
    assert _first_notes(page).input_value() == SECRET
    page.reload()
    settle(page)
    page.get_by_role("heading", name="Record the conversation").wait_for()
    assert _first_notes(page).input_value() == SECRET
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
    assert _first_notes(page).input_value() == SECRET
    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()
    priyas = _saved_record(server, alex, "Priya Shah")
    assert priyas.participants == ["Alex Morgan", "Priya Shah", "Dana (HR business partner)"]
    assert priyas.agenda[0].notes == SECRET
    assert "Tom" not in priyas.model_dump_json()
    # Saved, the form starts again.
    assert _first_notes(page).input_value() == ""
