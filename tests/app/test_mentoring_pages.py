"""Mentoring pages: add mentees, rate them, compare, draft an agenda, record a conversation."""

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain.models import Assessment, Conversation, Mentee, MentorRating, PlanItem, Profile, Rating
from planner.io import bundle
from planner.services import mentoring as mentoring_service
from tests.app.conftest import button, edit_cells, open_page, texts

NOW = datetime.now(UTC)


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
    exported = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)  # 2:05pm in London in winter
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
    at = _edit_table(at, _actions_editor(at),
                     edited={0: {"Objective": "Shadow the FOI officer for two weeks", "Indicators": "2.3.2"}},
                     added=[{"Objective": "Present at the KIM network", "Indicators": "3.1.2", "Owner": "Ada"}])
    _notes_box(at, 1).input("We agreed the evidence is thin.")
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
    from planner.domain.models import AgreedAction

    conversation = Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=date.today(),
                                actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
    data = mentoring_service.return_file("Jo Bloggs", mentee, [], conversation, fw, NOW)
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
    """Write one agreed action in the form's actions table (its first, empty row)."""
    return _edit_table(at, _actions_editor(at), edited={
        0: {"Objective": "Shadow the FOI officer for two weeks", "Indicators": "2.3.2"}})


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


def test_the_records_downloads_carry_the_mentors_overall_comment(data_dir, repo, mentor, rated_person, monkeypatch):
    from planner.documents import downloads

    mentee = _local_mentee(repo, mentor, rated_person)
    repo.put(MentorRating(profile_id=mentor.id, mentee_id=mentee.id, taken_on=date(2026, 11, 1),
                          ratings={"1.1.1": Rating(score=2)}, comment="Strong on records, new to FOI."))
    built = []
    real = downloads.RecordDownloads

    def recording(*args, **kwargs):
        files = real(*args, **kwargs)
        built.append(files.mentor_comment)
        return files

    monkeypatch.setattr(downloads, "RecordDownloads", recording)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    at = _agree_one_action(at)
    button(at, "Save the record").click().run()
    assert not at.error, [e.value for e in at.error]
    assert built and set(built) == {"Strong on records, new to FOI."}


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
                                                                                  rated_person, fw, downloads):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "From a share file" in texts(at) and "Not yet" in texts(at)
    shared = bundle.read_bundle(downloads.of(at, "plan_share_for_mentor").data)
    assert shared.profile.id == rated_person.id and len(shared.assessments) == 2
    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="share")
    from planner.domain.models import AgreedAction

    conversation = Conversation(profile_id=mentor.id, mentee_id=mentee.id, held_on=date.today(),
                                actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
    data = mentoring_service.return_file("Jo Bloggs", mentee, [], conversation, fw, NOW)
    at.file_uploader(key="plan_mentor_file").upload("from-jo.json", data, "application/json").run()
    at.button(key="plan_mentor_import").click().run()
    assert "Last imported on" in texts(at) and "from Jo Bloggs" in texts(at)
# --- The conversation form: kept as a draft, one per mentee --------------------------------------


@pytest.fixture
def two_mentees(repo, fw):
    """Alex Morgan, a Grade 7 mentor, with two mentees on this installation: Priya Shah and Tom Okafor."""
    alex = Profile(name="Alex Morgan", current_grade="G7", current_role="Head of knowledge management")
    priya = Profile(name="Priya Shah", current_grade="HEO", target_grade="SEO")
    tom = Profile(name="Tom Okafor", current_grade="EO", target_grade="HEO")
    for person in (alex, priya, tom):
        repo.save_profile(person)
    for person, score in ((priya, 1), (tom, 2)):
        repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 1),
                            ratings={i.code: Rating(score=score) for i in fw.indicators if i.level <= 2}))
    mentees = {}
    for person in (priya, tom):
        mentee = Mentee(profile_id=alex.id, mentee_profile_id=person.id, name=person.name, source="local")
        repo.put(mentee)
        mentees[person.name.split()[0].lower()] = mentee
    return alex, mentees["priya"], mentees["tom"]


def _notes_box(at, number: int):
    boxes = [t for t in at.text_area if t.label.startswith(f"Notes on point {number}:")]
    assert boxes, f"no notes box for point {number}; boxes: {[t.label for t in at.text_area]}"
    return boxes[0]


def _participants_box(at):
    (box,) = [t for t in at.text_input if t.label == "Who took part"]
    return box


def _agenda_editor(at):
    return at.data_editor[0]


def _actions_editor(at):
    return at.data_editor[1]


def _edit_table(at, editor, edited=None, added=None, deleted=None):
    at.session_state[editor.key] = {"edited_rows": edited or {}, "added_rows": added or [],
                                    "deleted_rows": deleted or []}
    return at.run()


def test_conversation_notes_are_still_there_after_a_visit_to_mentees_and_back(data_dir, repo, mentor, rated_person):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local"))
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _notes_box(at, 1).input("Evidence is thin; look for examples.").run()
    _participants_box(at).input("Jo Bloggs, Ada Lovelace, Sam the coach").run()
    at.switch_page("pages/mentees.py").run()
    at.switch_page("pages/conversations.py").run()
    assert _notes_box(at, 1).value == "Evidence is thin; look for examples."
    assert _participants_box(at).value == "Jo Bloggs, Ada Lovelace, Sam the coach"


def test_an_agenda_point_added_in_the_last_row_is_saved_with_the_kind_other(data_dir, repo, mentor, rated_person):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local"))
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    drafted = len(_agenda_editor(at).value)
    at = _edit_table(at, _agenda_editor(at), added=[{"Point": "The secondment to the Cabinet Office"}])
    _notes_box(at, drafted + 1).input("Ada would like to apply in the spring.").run()
    button(at, "Save the record").click().run()

    assert not at.error, [e.value for e in at.error]
    (saved,) = repo.list(Conversation, mentor.id)
    added = saved.agenda[-1]
    assert (added.title, added.kind, added.notes) == ("The secondment to the Cabinet Office", "other",
                                                      "Ada would like to apply in the spring.")
    assert len(saved.agenda) == drafted + 1


def test_notes_stay_with_their_point_when_the_agenda_is_reordered(data_dir, repo, mentor, rated_person):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local"))
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    titles = list(_agenda_editor(at).value["Point"])
    first, second = titles[0], titles[1]
    _notes_box(at, 1).input(f"Note about {first}").run()
    _notes_box(at, 2).input(f"Note about {second}").run()
    at = _edit_table(at, _agenda_editor(at), edited={0: {"Order": 99}})
    # Whatever the screen now shows first, each box is labelled with the point its note is about.
    for box in at.text_area:
        if box.label.startswith("Notes on point") and box.value:
            assert box.value == f"Note about {box.label.split(': ', 1)[1].replace(chr(92), '')}"
    button(at, "Save the record").click().run()

    assert not at.error, [e.value for e in at.error]
    (saved,) = repo.list(Conversation, mentor.id)
    notes = {p.title: p.notes for p in saved.agenda}
    assert notes[first] == f"Note about {first}" and notes[second] == f"Note about {second}"
    assert saved.agenda[-1].title == first  # order 99 takes it to the end
    assert [p.title for p in saved.agenda][0] == second


def test_switching_mentee_never_carries_one_mentees_form_into_the_others(data_dir, repo, two_mentees):
    alex, priya, tom = two_mentees
    at = open_page("pages/conversations.py", profile_id=alex.id)
    at.selectbox(key="mentoring_mentee_choice").select(priya.id).run()
    # Priya's form, with text in every field.
    _participants_box(at).input("Alex Morgan, Priya Shah, Dana (HR business partner)").run()
    _notes_box(at, 1).input("CONFIDENTIAL: Priya is thinking of leaving").run()
    at = _edit_table(at, _actions_editor(at), edited={0: {"Objective": "Priya: talk to the careers adviser",
                                                          "Indicators": "1.1.1", "Owner": "Priya Shah"}})
    at.date_input(key=next(d.key for d in at.date_input if d.label == "Next meeting (optional)")).set_value(
        date.today() + timedelta(days=14)).run()

    # Tom's form is Tom's alone.
    at.selectbox(key="mentoring_mentee_choice").select(tom.id).run()
    assert _participants_box(at).value == "Alex Morgan, Tom Okafor"
    assert not any("Priya" in box.value for box in at.text_area)
    assert not any("Priya" in str(v) for v in _actions_editor(at).value["Objective"])
    assert next(d.value for d in at.date_input if d.label == "Next meeting (optional)") is None
    _notes_box(at, 1).input("Tom wants to lead the records review.").run()
    at = _edit_table(at, _actions_editor(at), edited={0: {"Objective": "Tom: lead the records review"}})
    button(at, "Save the record").click().run()
    assert not at.error, [e.value for e in at.error]

    (toms,) = [c for c in repo.list(Conversation, alex.id) if c.mentee_id == tom.id]
    words = toms.model_dump_json()
    assert toms.participants == ["Alex Morgan", "Tom Okafor"]
    assert "Priya" not in words and "CONFIDENTIAL" not in words and "Dana" not in words
    assert [a.objective for a in toms.actions] == ["Tom: lead the records review"]
    assert toms.agenda[0].notes == "Tom wants to lead the records review." and toms.next_meeting is None

    # Back on Priya, her form is as she left it, and her record holds only her words.
    at.selectbox(key="mentoring_mentee_choice").select(priya.id).run()
    assert _notes_box(at, 1).value == "CONFIDENTIAL: Priya is thinking of leaving"
    button(at, "Save the record").click().run()
    assert not at.error, [e.value for e in at.error]
    (priyas,) = [c for c in repo.list(Conversation, alex.id) if c.mentee_id == priya.id]
    assert priyas.participants == ["Alex Morgan", "Priya Shah", "Dana (HR business partner)"]
    assert priyas.agenda[0].notes == "CONFIDENTIAL: Priya is thinking of leaving"
    assert [a.objective for a in priyas.actions] == ["Priya: talk to the careers adviser"]
    assert priyas.next_meeting == date.today() + timedelta(days=14)
    assert "Tom" not in priyas.model_dump_json()


def test_a_saved_or_discarded_draft_leaves_the_form_empty_again(data_dir, repo, mentor, rated_person):
    from planner.domain.models import ConversationDraft

    mentee = Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name, source="local")
    repo.put(mentee)
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _notes_box(at, 1).input("To throw away").run()
    assert repo.get(ConversationDraft, mentor.id, mentee.id).agenda[0].notes == "To throw away"
    button(at, "Discard this draft").click().run()
    assert repo.get(ConversationDraft, mentor.id, mentee.id) is None
    assert _notes_box(at, 1).value == ""

    _notes_box(at, 1).input("To keep in the record").run()
    button(at, "Save the record").click().run()
    assert [c.agenda[0].notes for c in repo.list(Conversation, mentor.id)] == ["To keep in the record"]
    assert repo.get(ConversationDraft, mentor.id, mentee.id) is None
    assert _notes_box(at, 1).value == ""
