"""Deleting everything on the profile page leaves nothing of the person in the data folder."""

from planner.domain.models import Conversation, Mentee, MentorRating
from tests.app.conftest import open_page, texts
from tests.conftest import DISTINCTIVE_NAME, files_naming


def test_deleting_all_their_data_removes_what_mentors_held_and_leaves_no_trace_in_the_folder(
    data_dir, repo, make_known_to_others
):
    scene = make_known_to_others(repo)
    assert files_naming(data_dir, scene.person.id, DISTINCTIVE_NAME)

    at = open_page("pages/profile.py", profile_id=scene.person.id)
    at.checkbox(key="profile_delete_confirm").check().run()
    at.button(key="profile_delete").click().run()

    assert not at.exception
    shown = texts(at)
    assert f"Deleted the profile of {DISTINCTIVE_NAME}" in shown
    assert "and 5 records other people held about you" in shown
    assert at.session_state["profile_id"] is None
    assert files_naming(data_dir, scene.person.id, DISTINCTIVE_NAME) == {}
    assert [ref.name for ref in repo.list_profiles()] == ["Bob Builder", "Grace Hopper", "Ida Wells"]
    assert repo.list(Mentee, scene.grace.id) == [scene.grace_mentee_bob]
    assert repo.list(MentorRating, scene.grace.id) == [scene.grace_rating_of_bob]
    assert repo.list(Conversation, scene.grace.id) == [scene.grace_conversation_with_bob]


def test_the_page_says_that_what_mentors_keep_is_downloaded_and_deleted_too(data_dir, repo, make_known_to_others):
    scene = make_known_to_others(repo)

    at = open_page("pages/profile.py", profile_id=scene.person.id)

    assert not at.exception
    assert "what mentors who use this installation keep about you" in texts(at)
    assert at.button(key="profile_delete").disabled
