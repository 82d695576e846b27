"""Behaviour examples: the behaviours expected at a person's target grade and their STAR examples; and the
behaviours expected at the next step of a route on Career paths."""

from __future__ import annotations

from planner.domain import behaviours
from planner.domain.models import BehaviourExample, Profile
from planner.io import shipped
from tests.app.conftest import open_page, open_signed_in, profile_id_of, texts

PAGE = "pages/behaviours.py"


def _box(example_id: str, field: str) -> str:
    return f"behaviour_example:{example_id}:{field}"


def _table(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_the_behaviours_expected_at_the_target_grade_are_shown_at_its_level(data_dir, person):
    at = open_page(PAGE, profile_id=person.id)  # an HEO aiming for SEO
    assert not at.exception and not at.error
    assert "Behaviours expected at SEO" in [h.value for h in at.header]
    assert "each behaviour is assessed at level 3 (HEO and SEO)" in texts(at)
    table = _table(at, "What it asks at level 3")
    assert list(table["Behaviour"]) == list(behaviours.BEHAVIOURS.values())
    assert list(table["What it asks at level 3"]) == [b.at(3) for b in shipped.load_behaviours().behaviours]
    assert set(table["Your STAR examples"]) == {"None yet"}
    assert [e.label for e in at.expander] == list(behaviours.BEHAVIOURS.values())
    assert "Open Government Licence" in texts(at)


def test_without_a_target_grade_the_current_grades_behaviours_are_shown(data_dir, repo):
    person = Profile(name="Eira", current_grade="G7")
    repo.save_profile(person)
    at = open_page(PAGE, profile_id=person.id)
    assert "Behaviours expected at G7" in [h.value for h in at.header]
    assert "you have not chosen a target grade" in texts(at)
    assert "What it asks at level 4" in _table(at, "Behaviour").columns


def test_a_person_adds_writes_changes_and_deletes_an_example_and_what_they_type_is_kept(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    at.button(key="behaviour_add_leadership").click().run()
    [example] = repo.list(BehaviourExample, person.id)
    assert example.behaviour == "leadership" and "Added an example for Leadership" in texts(at)
    at.text_input(key=_box(example.id, "title")).input("Records review").run()
    at.text_area(key=_box(example.id, "situation")).input("Our records had no retention schedule.").run()
    at.text_area(key=_box(example.id, "action")).input("I led a review with six teams.").run()
    [kept] = repo.list(BehaviourExample, person.id)
    assert (kept.title, kept.evidence.situation, kept.evidence.action) == (
        "Records review", "Our records had no retention schedule.", "I led a review with six teams.")

    again = open_page(PAGE, profile_id=person.id)  # a reload, or another day
    assert again.text_area(key=_box(example.id, "situation")).value == "Our records had no retention schedule."
    row = _table(again, "Your STAR examples").set_index("Behaviour").loc["Leadership"]
    assert row["Your STAR examples"] == "1 example"
    again.text_area(key=_box(example.id, "situation")).input("Nobody knew what to keep.").run()
    assert repo.list(BehaviourExample, person.id)[0].evidence.situation == "Nobody knew what to keep."

    again.button(key=f"behaviour_delete_{example.id}").click().run()
    assert "cannot be got back" in texts(again) and repo.list(BehaviourExample, person.id)
    again.button(key=f"behaviour_delete_no_{example.id}").click().run()
    assert repo.list(BehaviourExample, person.id)
    again.button(key=f"behaviour_delete_{example.id}").click().run()
    again.button(key=f"behaviour_delete_yes_{example.id}").click().run()
    assert repo.list(BehaviourExample, person.id) == [] and "Deleted the example for Leadership" in texts(again)
    assert not [t for t in again.text_area if t.key.startswith("behaviour_example:")]


def test_what_a_box_holds_when_the_person_follows_a_link_is_kept(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    at.button(key="behaviour_add_working-together").click().run()
    [example] = repo.list(BehaviourExample, person.id)
    # The box's value reached the server, but a click on another page's link interrupted the run before the
    # box's on_change was called: the router keeps it on the next run, whichever page that is.
    at.session_state[_box(example.id, "result")] = "The teams now share one file plan."
    at.switch_page("pages/framework.py")
    at.run()
    assert repo.list(BehaviourExample, person.id)[0].evidence.result == "The teams now share one file plan."


def test_on_a_server_a_person_sees_and_changes_only_their_own_examples(data_dir, repo):
    alice, bob = profile_id_of("alice"), profile_id_of("bob")
    for pid, name in ((alice, "Alice"), (bob, "Bob")):
        repo.save_profile(Profile(id=pid, name=name, current_grade="EO", target_grade="HEO"))
    repo.add(BehaviourExample(profile_id=bob, behaviour="leadership", title="Bob's own"))
    at = open_signed_in(PAGE, "alice")
    assert not at.exception and not at.error
    assert "Bob's own" not in [t.value for t in at.text_input]
    at.button(key="behaviour_add_leadership").click().run()
    [mine] = repo.list(BehaviourExample, alice)
    at.text_input(key=_box(mine.id, "title")).input("Alice's own").run()
    assert [e.title for e in repo.list(BehaviourExample, bob)] == ["Bob's own"]
    assert [e.title for e in repo.list(BehaviourExample, alice)] == ["Alice's own"]


def test_career_paths_shows_the_behaviours_expected_at_the_next_step_and_which_have_examples(data_dir, repo):
    person = Profile(name="Ffion", current_grade="EO", current_role="Records manager", target_grade="HEO",
                     target_role="Records manager")
    repo.save_profile(person)
    example = BehaviourExample(profile_id=person.id, behaviour="delivering-at-pace")
    repo.add(example.model_copy(update={"evidence": example.evidence.model_copy(update={"task": "Clear the backlog"})}))
    at = open_page("pages/careers.py", profile_id=person.id)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Behaviours expected at HEO" in [s.value for s in at.subheader]
    table = _table(at, "What it asks at level 3").set_index("Behaviour")
    assert len(table) == 9
    assert table.loc["Delivering at Pace", "Your STAR examples"] == "1 example"
    assert table.loc["Leadership", "Your STAR examples"] == "None yet"
    assert table.loc["Leadership", "What it asks at level 3"] == shipped.load_behaviours().behaviour("leadership").at(3)
