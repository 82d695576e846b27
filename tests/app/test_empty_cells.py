"""Every table a person reads shows an empty cell as blank, never as 'None'."""

import pandas as pd
import pytest

from tests.app.conftest import open_page

PAGES = ["pages/gaps.py", "pages/plan.py", "pages/careers.py", "pages/recommend.py", "pages/external.py",
         "pages/framework.py", "pages/assess.py", "pages/home.py", "pages/profile.py", "pages/jobspec.py",
         "pages/curriculum.py", "pages/settings.py"]


def _none_cells(frame: pd.DataFrame) -> list[tuple[str, object]]:
    found = []
    for column in frame.columns:
        for value in frame[column]:
            if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "None":
                found.append((column, value))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_no_table_on_the_page_shows_none_for_a_person_with_ratings_and_a_plan(
        page, data_dir, repo, rated_person, make_plan_item):
    repo.put(make_plan_item(rated_person.id))  # no target date, no review date, no evidence
    repo.put(make_plan_item(rated_person.id, objective="Write the retention schedule", indicators=[], position=1))
    at = open_page(page, profile_id=rated_person.id)
    assert not at.exception
    # Tables to read, not to edit: an editable date cell holds no date as an empty value for its picker.
    frames = [df.value for df in [*at.dataframe, *at.get("arrow_data_frame")] if not df.proto.editing_mode]
    problems = {str(list(f.columns)): _none_cells(f) for f in frames if isinstance(f, pd.DataFrame)}
    assert not {k: v for k, v in problems.items() if v}, problems


@pytest.mark.parametrize("page", ["pages/mentees.py", "pages/conversations.py", "pages/team.py"])
def test_no_table_of_a_mentor_or_a_lead_shows_none(page, data_dir, repo, rated_person, make_plan_item):
    from planner.domain.models import Conversation, Mentee, MentorRating, Profile, Rating

    mentor = Profile(name="Jo Bloggs", current_grade="G7")
    repo.save_profile(mentor)
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local")
    repo.put(mentee)
    repo.put(make_plan_item(rated_person.id))  # no dates
    repo.put(MentorRating(profile_id=mentor.id, mentee_id=mentee.id, taken_on=rated_person.created_at.date(),
                          ratings={"1.1.1": Rating(score=2)}))  # no comment
    repo.put(Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=rated_person.created_at.date(),
                          participants=[mentor.name, rated_person.name]))
    at = open_page(page, profile_id=mentor.id)
    assert not at.exception
    frames = [df.value for df in [*at.dataframe, *at.get("arrow_data_frame")] if not df.proto.editing_mode]
    problems = {str(list(f.columns)): _none_cells(f) for f in frames if isinstance(f, pd.DataFrame)}
    assert not {k: v for k, v in problems.items() if v}, problems
