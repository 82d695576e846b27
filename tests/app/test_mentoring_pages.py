"""Mentoring pages: add mentees, rate them, compare, draft an agenda, record a conversation."""

from datetime import date, datetime, timedelta, timezone

import pytest

from planner import mentoring
from planner.export import bundle
from planner.models import Assessment, Conversation, Mentee, MentorRating, PlanItem, Profile, Rating
from tests.app.conftest import button, edit_cells, open_page, texts

NOW = datetime.now(timezone.utc)


@pytest.fixture
def mentor(repo):
    profile = Profile(name="Jo Bloggs", current_grade="G7", current_role="Knowledge manager")
    repo.save_profile(profile)
    return profile


def test_a_mentor_adds_a_local_mentee_and_sees_their_standing(data_dir, repo, mentor, rated_person):
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    at.selectbox(key="mentees_local_pick").select(rated_person.id)
    at.button(key="mentees_add_local").click().run()
    assert [m.name for m in repo.list(Mentee, mentor.id)] == ["Ada Lovelace"]
    assert "Ada Lovelace meets Level 2 in all three skills." in texts(at)  # about the mentee, not the mentor


def test_the_mentors_ratings_are_saved_and_compared_with_flags(data_dir, repo, mentor, rated_person):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local"))
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    # row 0 is 1.1.1 (self 3): mentor says 1, a difference of 2
    edit_cells(at, "mentees_rating_editor", {0: {"Your rating": "1 Aware", "Your comment": "Not seen it yet"},
                                             1: {"Your rating": "3 Competent"}})
    button(at, "Save my ratings").click().run()
    saved = repo.list(MentorRating, mentor.id)
    assert len(saved) == 1 and saved[0].ratings["1.1.1"].score == 1
    assert saved[0].ratings["1.1.1"].comment == "Not seen it yet"
    assert any("1 indicator differs by 2 points or more" in w.value and "1.1.1" in w.value for w in at.warning)


def _share_of(person, exported, objective="Objective from the mentee"):
    return bundle.export_bundle(person, [Assessment(profile_id=person.id, taken_on=date(2026, 10, 1),
                                                    ratings={"1.1.1": Rating(score=3)})],
                                [PlanItem(profile_id=person.id, objective=objective)], exported)


def test_a_share_file_adds_a_mentee_and_a_newer_one_replaces_it(data_dir, repo, mentor):
    other = Profile(name="Ceri Jones", current_grade="EO", target_grade="HEO")
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    at.file_uploader(key="mentees_share_file").upload("ceri.json", _share_of(other, NOW - timedelta(days=2)),
                                                      "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert [m.name for m in repo.list(Mentee, mentor.id)] == ["Ceri Jones"]
    assert repo.list_profiles() and other.id not in {r.id for r in repo.list_profiles()}  # kept apart

    at.file_uploader(key="mentees_share_file").upload("ceri.json", _share_of(other, NOW, "A newer objective"),
                                                      "application/json").run()
    at.button(key="mentees_add_share").click().run()
    mentees = repo.list(Mentee, mentor.id)
    assert len(mentees) == 1 and mentees[0].shared_plan_items[0].objective == "A newer objective"

    at.file_uploader(key="mentees_share_file").upload("old.json", _share_of(other, NOW - timedelta(days=9)),
                                                      "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert any("not newer than the one you have" in e.value for e in at.error)


def test_a_share_file_says_the_time_it_was_exported_so_two_of_one_day_differ(data_dir, repo, mentor):
    other = Profile(name="Ceri Jones", current_grade="EO", target_grade="HEO")
    exported = datetime(2026, 11, 30, 14, 5, tzinfo=timezone.utc)  # 2:05pm in London in winter
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    at.file_uploader(key="mentees_share_file").upload("ceri.json", _share_of(other, exported),
                                                      "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert "From a share file exported on 30 November 2026 at 2:05pm." in texts(at)


def test_a_broken_share_file_is_refused(data_dir, repo, mentor):
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    at.file_uploader(key="mentees_share_file").upload("x.json", b"not json", "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert any("not valid JSON" in e.value for e in at.error)
    assert repo.list(Mentee, mentor.id) == []


def test_the_agenda_is_drafted_with_grow_questions(data_dir, repo, mentor, rated_person):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local"))
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    agenda = at.data_editor[0].value
    assert len(agenda) >= 3
    assert agenda["Questions"].str.startswith("Goal").all()
    assert any("What changed since" in p for p in agenda["Point"])


def test_recording_a_conversation_puts_the_agreed_actions_in_a_local_mentees_plan(data_dir, repo, mentor,
                                                                                  rated_person):
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local")
    repo.put(mentee)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    at.session_state["conv_actions"] = {
        "edited_rows": {0: {"Objective": "Shadow the FOI officer for two weeks", "Indicators": "2.3.2"}},
        "added_rows": [{"Objective": "Present at the KIM network", "Indicators": "3.1.2", "Owner": "Ada"}],
        "deleted_rows": [],
    }
    at.text_area(key="conv_notes_1").input("We agreed the evidence is thin.")
    button(at, "Save the record").click().run()

    assert not at.error, [e.value for e in at.error]
    saved = repo.list(Conversation, mentor.id)
    assert len(saved) == 1 and len(saved[0].actions) == 2
    assert saved[0].agenda[0].notes == "We agreed the evidence is thin."
    objectives = {i.objective for i in repo.list(PlanItem, rated_person.id)}
    assert {"Shadow the FOI officer for two weeks", "Present at the KIM network"} <= objectives
    assert "with 2 agreed actions" in texts(at)


def test_the_mentee_imports_the_mentors_file_on_their_plan_page(data_dir, repo, mentor, rated_person, fw):
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="share")
    from planner.models import AgreedAction

    conversation = Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=date.today(),
                                actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
    data = mentoring.return_file("Jo Bloggs", mentee, [], conversation, fw, NOW)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.file_uploader(key="plan_mentor_file").upload("from-jo.json", data, "application/json").run()
    at.button(key="plan_mentor_import").click().run()
    assert "1 agreed action to your plan" in texts(at)
    assert "Write a KIM blog post" in {i.objective for i in repo.list(PlanItem, rated_person.id)}


def _local_mentee(repo, mentor, person):
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=person.id, name=person.name, source="local")
    repo.put(mentee)
    return mentee


def _agree_one_action(at):
    at.session_state["conv_actions"] = {
        "edited_rows": {0: {"Objective": "Shadow the FOI officer for two weeks", "Indicators": "2.3.2"}},
        "added_rows": [], "deleted_rows": [],
    }


def test_saving_the_record_twice_keeps_one_record_and_one_plan_item(data_dir, repo, mentor, rated_person):
    _local_mentee(repo, mentor, rated_person)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _agree_one_action(at)
    button(at, "Save the record").click().run()
    _agree_one_action(at)  # the same form, clicked again
    button(at, "Save the record").click().run()
    assert not at.error, [e.value for e in at.error]
    assert len(repo.list(Conversation, mentor.id)) == 1
    shadowing = [i for i in repo.list(PlanItem, rated_person.id) if i.objective.startswith("Shadow the FOI")]
    assert len(shadowing) == 1


def test_the_mentor_edits_a_record_and_the_local_mentees_item_says_it_changed(data_dir, repo, mentor, rated_person):
    _local_mentee(repo, mentor, rated_person)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _agree_one_action(at)
    button(at, "Save the record").click().run()
    record = repo.list(Conversation, mentor.id)[0]
    at.button(key=f"conv_{record.id}_edit").click().run()
    at.session_state[f"conv_{record.id}_edit_actions"] = {
        "edited_rows": {0: {"Objective": "Shadow the FOI officer for three weeks"}}, "added_rows": [],
        "deleted_rows": []}
    at.button(key=f"conv_{record.id}_edit_save").click().run()
    assert not at.error, [e.value for e in at.error]
    saved = repo.list(Conversation, mentor.id)
    assert len(saved) == 1 and saved[0].actions[0].objective == "Shadow the FOI officer for three weeks"
    items = [i for i in repo.list(PlanItem, rated_person.id) if i.objective.startswith("Shadow the FOI")]
    assert [i.objective for i in items] == ["Shadow the FOI officer for three weeks"]
    assert "changed by Jo Bloggs on" in items[0].activity_title


def test_the_mentor_deletes_a_record_after_confirming(data_dir, repo, mentor, rated_person):
    _local_mentee(repo, mentor, rated_person)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _agree_one_action(at)
    button(at, "Save the record").click().run()
    record = repo.list(Conversation, mentor.id)[0]
    at.button(key=f"conv_{record.id}_delete").click().run()
    assert len(repo.list(Conversation, mentor.id)) == 1  # asked first
    at.button(key=f"conv_{record.id}_delete_yes").click().run()
    assert repo.list(Conversation, mentor.id) == []
    assert "Deleted the record" in texts(at)


def test_my_plan_says_which_file_to_send_a_mentor_and_when_one_was_last_imported(data_dir, repo, mentor,
                                                                                  rated_person, fw):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "From a share file" in texts(at) and "Not yet" in texts(at)
    assert at.download_button(key="plan_share_for_mentor") is not None
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="share")
    from planner.models import AgreedAction

    conversation = Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=date.today(),
                                actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
    data = mentoring.return_file("Jo Bloggs", mentee, [], conversation, fw, NOW)
    at.file_uploader(key="plan_mentor_file").upload("from-jo.json", data, "application/json").run()
    at.button(key="plan_mentor_import").click().run()
    assert "Last imported on" in texts(at) and "from Jo Bloggs" in texts(at)
