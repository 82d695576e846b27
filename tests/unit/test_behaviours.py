"""Success Profiles behaviours: the data file, the level each grade is assessed at, and a person's STAR examples."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, datetime

import pytest

from planner import store
from planner.domain import behaviours
from planner.domain.models import BehaviourExample, Profile
from planner.errors import DataFileError, PlannerError
from planner.io import shipped
from planner.services import behaviour_examples
from planner.services.acting import Actor

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def behaviour_set():
    return shipped.load_behaviours()


def test_the_data_file_has_the_nine_behaviours_in_order_each_described_at_five_levels(behaviour_set):
    assert [(b.id, b.name) for b in behaviour_set.behaviours] == list(behaviours.BEHAVIOURS.items())
    for behaviour in behaviour_set.behaviours:
        assert [lv.level for lv in behaviour.levels] == [1, 2, 3, 4, 5], behaviour.id
        for lv in behaviour.levels:
            sentences = re.split(r"(?<=\.) (?=[A-Z])", lv.description)
            assert 1 <= len(sentences) <= 3 and lv.description.endswith("."), (behaviour.id, lv.level)
        assert len({lv.description for lv in behaviour.levels}) == 5, behaviour.id  # each level its own words
    assert [lv.grades for lv in behaviour_set.levels] == [
        "AA and AO", "EO", "HEO and SEO", "Grade 7 and Grade 6", "Senior Civil Service"]


def test_the_data_file_says_what_it_summarises_and_under_which_licence(behaviour_set):
    source = behaviour_set.source
    assert "summary" in source and "Success Profiles Behaviours" in source
    assert "Crown copyright" in source and "Open Government Licence" in source


def test_every_grade_on_the_ladder_is_assessed_at_a_behaviour_level(grades):
    levels = {code: behaviours.level_for_grade(code) for code in grades.codes}
    assert levels == {"AA": 1, "AO": 1, "EO": 2, "HEO": 3, "SEO": 3, "G7": 4, "G6": 4,
                      "SCS1": 5, "SCS2": 5, "SCS3": 5, "SCS4": 5}
    assert behaviours.level_for_grade("XG9") is None


def test_the_behaviours_expected_at_heo_are_the_nine_at_level_3(behaviour_set):
    expected = behaviours.expected_at(behaviour_set, "HEO")
    assert [e.behaviour_id for e in expected] == list(behaviours.BEHAVIOURS)
    assert {e.level for e in expected} == {3} and expected[0].level_label == "level 3 (HEO and SEO)"
    leadership = next(e for e in expected if e.behaviour_id == "leadership")
    assert leadership.description == behaviour_set.behaviour("leadership").at(3)
    chosen = behaviours.expected_at(behaviour_set, "G7", ["working-together", "leadership"])
    assert [e.behaviour_id for e in chosen] == ["leadership", "working-together"]  # Success Profiles order
    assert chosen[0].description == behaviour_set.behaviour("leadership").at(4)


def test_a_grade_success_profiles_does_not_place_is_said_in_plain_words(behaviour_set):
    with pytest.raises(PlannerError, match="no behaviour level for the grade 'XG9'"):
        behaviours.expected_at(behaviour_set, "XG9")


@pytest.mark.parametrize(("chosen", "message"), [
    ([], "Choose at least one behaviour"),
    (["leadership", "resilience"], "'resilience' is not one of them"),
    (list(behaviours.BEHAVIOURS) + ["leadership"], "Choose each behaviour once: there are nine"),
])
def test_choosing_no_unknown_or_more_than_the_nine_behaviours_is_refused(chosen, message):
    with pytest.raises(PlannerError, match=re.escape(message)):
        behaviours.chosen_behaviours(chosen)


def _broken_copy(tmp_path, change) -> os.PathLike:
    folder = tmp_path / "data"
    folder.mkdir()
    document = json.loads((shipped.DATA_DIR / shipped.BEHAVIOURS_FILE).read_text(encoding="utf-8"))
    change(document)
    (folder / shipped.BEHAVIOURS_FILE).write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_a_behaviour_missing_a_level_is_refused_naming_the_file_the_record_and_the_field(tmp_path):
    folder = _broken_copy(tmp_path, lambda d: d["behaviours"][3]["levels"].pop(2))
    with pytest.raises(DataFileError) as caught:
        shipped.load_behaviours(folder)
    message = str(caught.value)
    assert "behaviours.json" in message and "record behaviours[3] (leadership), field 'levels'" in message
    assert "levels 1 to 5 in order, not [1, 2, 4, 5]" in message


def test_a_misnamed_or_missing_behaviour_is_refused_naming_what_is_wrong(tmp_path):
    folder = _broken_copy(tmp_path, lambda d: d["behaviours"][0].update(name="Big Picture"))
    with pytest.raises(DataFileError, match=r"behaviours\[0\] \(seeing-the-big-picture\), field 'name'.*"
                                            r"is called 'Seeing the Big Picture'"):
        shipped.load_behaviours(folder)
    shutil.rmtree(tmp_path / "data")
    folder = _broken_copy(tmp_path, lambda d: d["behaviours"].pop())
    with pytest.raises(DataFileError, match="the nine Success Profiles behaviours, each once, in the order"):
        shipped.load_behaviours(folder)


def test_the_data_file_is_read_again_once_it_is_edited(tmp_path):
    folder = _broken_copy(tmp_path, lambda d: None)
    first = shipped.load_behaviours(folder)
    assert shipped.load_behaviours(folder) == first
    path = folder / shipped.BEHAVIOURS_FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    document["title"] = "Success Profiles, as edited"
    path.write_text(json.dumps(document), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert shipped.load_behaviours(folder).title == "Success Profiles, as edited"


def test_the_table_of_expected_behaviours_says_which_have_written_examples(behaviour_set):
    written = BehaviourExample(profile_id="p", behaviour="leadership")
    written = written.model_copy(update={"evidence": written.evidence.model_copy(update={"situation": "A review"})})
    empty = BehaviourExample(profile_id="p", behaviour="working-together")
    rows = behaviours.expected_rows(behaviours.expected_at(behaviour_set, "EO"), [written, written, empty])
    by_name = {row["Behaviour"]: row for row in rows}
    assert len(rows) == 9 and by_name["Leadership"]["Your STAR examples"] == "2 examples"
    assert by_name["Working Together"]["Your STAR examples"] == "None yet"  # started, nothing written
    assert by_name["Leadership"]["What it asks at level 2"] == behaviour_set.behaviour("leadership").at(2)


# --- A person's STAR examples, through the service -------------------------------------------------


@pytest.fixture
def people(repo):
    ada = Profile(name="Ada", current_grade="HEO", target_grade="SEO")
    bob = Profile(name="Bob", current_grade="EO")
    for person in (ada, bob):
        repo.save_profile(person)
    return Actor.of(ada), Actor.of(bob)


def test_a_person_adds_changes_and_deletes_their_own_examples(repo, people):
    ada, _ = people
    example = behaviour_examples.add(repo, ada, "leadership", NOW)
    assert behaviour_examples.examples_of(repo, ada) == [example]
    changed = behaviour_examples.change(repo, ada, example.id, {"title": "Records review", "situation": " A team "},
                                        NOW)
    assert (changed.title, changed.evidence.situation) == ("Records review", "A team")
    assert behaviour_examples.examples_of(repo, ada) == [changed]
    assert behaviour_examples.change(repo, ada, example.id, {"situation": "A team"}, NOW) == changed  # unchanged
    behaviour_examples.delete(repo, ada, example.id)
    assert behaviour_examples.examples_of(repo, ada) == []


def test_nobody_reaches_another_persons_example_by_its_id(repo, people):
    ada, bob = people
    example = behaviour_examples.add(repo, ada, "leadership", NOW)
    with pytest.raises(PlannerError, match="no longer saved"):
        behaviour_examples.change(repo, bob, example.id, {"situation": "Mine now"}, NOW)
    with pytest.raises(PlannerError, match="no longer saved"):
        behaviour_examples.delete(repo, bob, example.id)
    assert behaviour_examples.examples_of(repo, bob) == []
    assert repo.list(BehaviourExample, ada.profile_id) == [example]


def test_an_example_for_an_unknown_behaviour_or_too_long_is_refused_in_words(repo, people):
    ada, _ = people
    with pytest.raises(PlannerError, match="'resilience' is not one of the nine"):
        behaviour_examples.add(repo, ada, "resilience", NOW)
    example = behaviour_examples.add(repo, ada, "leadership", NOW)
    with pytest.raises(PlannerError, match="The result is too long: use 5,000 characters or fewer."):
        behaviour_examples.change(repo, ada, example.id, {"result": "x" * 5001}, NOW)
    with pytest.raises(PlannerError, match="no part called colour"):
        behaviour_examples.change(repo, ada, example.id, {"colour": "red"}, NOW)
    assert repo.list(BehaviourExample, ada.profile_id) == [example]


def test_examples_are_kept_in_every_store(backend):
    ada = Actor("id-ada", "Ada")
    backend.repo.save_profile(Profile(id="id-ada", name="Ada", current_grade="HEO"))
    example = behaviour_examples.add(backend.repo, ada, "delivering-at-pace", NOW)
    behaviour_examples.change(backend.repo, ada, example.id, {"action": "Set the priorities"}, NOW)
    again = backend.reopen()
    [kept] = behaviour_examples.examples_of(again, ada)
    assert kept.evidence.action == "Set the priorities" and store.PERSON_TABLES[BehaviourExample] == \
        "behaviour_examples"
