"""The mentor's pages speak about the mentee and stay usable; the mentee sees the mentor's view on Gaps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.domain.models import Conversation, Mentee, MentorRating, Profile, Rating
from planner.services import mentoring as mentoring_service
from planner.services.acting import Actor
from tests.app.conftest import open_page, texts

NOW = datetime.now(UTC)


@pytest.fixture
def mentor(repo):
    profile = Profile(name="Alex Morgan", current_grade="G7", current_role="Head of knowledge management")
    repo.save_profile(profile)
    return profile


@pytest.fixture
def mentee(repo, mentor, rated_person):
    record = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name,
                    source="local")
    repo.put(record)
    return record


def test_refusing_a_mentee_already_added_leaves_the_rest_of_the_mentees_page(data_dir, repo, mentor, mentee,
                                                                              rated_person):
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    at.selectbox(key="mentees_local_pick").select(rated_person.id)
    at.button(key="mentees_add_local").click().run()
    assert any("is already one of your mentees" in e.value for e in at.error)
    headers = [h.value for h in at.header]
    assert "Your ratings of them" in headers
    assert any(b.label == "Save my ratings" for b in at.button)


def test_the_mentors_page_speaks_about_the_mentee_not_to_the_mentor(data_dir, repo, mentor, mentee, rated_person):
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    shown = texts(at)
    assert "Ada Lovelace meets Level 2 in all three skills." in shown
    assert "You meet" not in shown and " you need " not in shown


def test_the_mentors_page_averages_only_the_indicators_both_rated(data_dir, repo, mentor, mentee, rated_person, fw):
    level_one = [i.code for i in fw.indicators_for(level=1, skill=1)][:2]  # the mentee rated both 3
    repo.add(MentorRating(profile_id=mentor.id, mentee_id=mentee.id, taken_on=date(2026, 11, 1),
                          ratings={level_one[0]: Rating(score=1), level_one[1]: Rating(score=2)}))
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    skills = at.dataframe[0].value
    first = skills.iloc[0]
    assert first["Indicators both rated"] == 2
    assert (first["Self (average)"], first["Mentor (average)"]) == ("3.0", "1.5")
    assert skills.iloc[1]["Self (average)"] == "Not compared"


def _import_mentors_file(repo, mentor, mentee, rated_person, fw, ratings, comment=""):
    rating = MentorRating(profile_id=mentor.id, mentee_id=mentee.id, taken_on=date(2026, 11, 1),
                          ratings=ratings, comment=comment)
    conversation = Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=date(2026, 11, 1))
    data = mentoring_service.return_file(mentor.name, mentee, [rating], conversation, fw, NOW)
    message = mentoring_service.import_return(repo, Actor.of(rated_person), mentoring_service.read_return(data), NOW)
    assert message.startswith("Added 1 set of ratings from Alex Morgan")


def test_the_mentee_sees_the_mentors_ratings_and_comments_beside_her_own_on_gaps(data_dir, repo, mentor, mentee,
                                                                                 rated_person, fw):
    # The mentee rated 3.1.1 as 4 and 3.3.1 as 1 in her latest assessment.
    _import_mentors_file(repo, mentor, mentee, rated_person, fw,
                         {"3.1.1": Rating(score=2, comment="I would like to see this with a new team"),
                          "3.3.1": Rating(score=1)},
                         comment="A strong year: build the evidence for Level 3.")
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    assert "Your mentor's view" in [h.value for h in at.header]
    shown = texts(at)
    assert "Alex Morgan" in shown and "A strong year: build the evidence for Level 3." in shown
    table = next(df.value for df in at.dataframe if "Mentor's comment" in df.value.columns)
    row = table.set_index("Code").loc["3.1.1"]
    assert (row["Your rating"], row["Mentor's rating"]) == ("4 Expert", "2 Developing")
    assert row["Mentor's comment"] == "I would like to see this with a new team"


def test_the_gaps_page_without_a_mentors_ratings_says_how_to_get_them(data_dir, repo, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    assert "Your mentor's view" in [h.value for h in at.header]
    assert "No mentor has rated you yet" in texts(at)
    assert not any("Mentor's comment" in df.value.columns for df in at.dataframe)
