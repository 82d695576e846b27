"""The Mentees and Sharing pages on a server: asking, accepting and ending, through AppTest."""

from __future__ import annotations

from datetime import UTC, date, datetime

from planner.domain.models import Conversation, Mentorship, Profile
from planner.services import consent
from planner.services.acting import Actor
from tests.app.conftest import button, open_signed_in, profile_id_of, texts

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


def _person(repo, login: str) -> Actor:
    actor = Actor.on_server(profile_id_of(login), login.capitalize(), f"{login}@example.gov.uk", admin=False)
    repo.save_profile(Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade="HEO"))
    return actor


def test_a_mentee_asks_on_sharing_and_the_mentor_accepts_on_mentees(data_dir, repo):
    _person(repo, "ada"), _person(repo, "grace")
    ada_page = open_signed_in("pages/sharing.py", "ada")
    ada_page.text_input(key="ask_mentor_email").input("grace@example.gov.uk")
    button(ada_page, "Ask them").click()
    ada_page.run()
    assert "Asked grace@example.gov.uk" in texts(ada_page).replace("\u2060", "")  # a word joiner stops a link

    grace_page = open_signed_in("pages/mentees.py", "grace")
    assert "People asking you to be their mentor" in texts(grace_page)
    button(grace_page, "Accept").click()
    grace_page.run()

    assert "You are now the mentor of Ada" in texts(grace_page)
    assert [m.status for m in repo.list_shared(Mentorship)] == ["active"]


def test_a_mentor_is_told_when_a_mentee_stopped_sharing_and_may_remove_their_notes(data_dir, repo):
    ada, grace = _person(repo, "ada"), _person(repo, "grace")
    asked = consent.ask_mentor(repo, ada, grace.email, NOW)
    consent.accept(repo, grace, asked.id, NOW)
    repo.add(Conversation(profile_id=grace.profile_id, mentee_id=asked.id, held_on=date(2026, 12, 1)))
    consent.end(repo, ada, asked.id, NOW)

    at = open_signed_in("pages/mentees.py", "grace")
    assert "stopped the mentorship" in texts(at) and "ended by Ada" in texts(at)
    button(at, "Remove my records about them").click()
    at.run()

    assert repo.list(Conversation, grace.profile_id) == []
    assert "stopped the mentorship" not in texts(at)


def test_nobody_is_added_as_a_mentee_from_the_list_of_people_on_a_server(data_dir, repo):
    _person(repo, "ada"), _person(repo, "grace")

    at = open_signed_in("pages/mentees.py", "grace")

    assert not [box for box in at.selectbox if box.key == "mentees_local_pick"]
    assert "Ada" not in texts(at)
