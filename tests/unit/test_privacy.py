"""Everything held about a person, and forgetting them: their own file and other people's records."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from planner import store
from planner.domain.models import Conversation, Mentee, MentorRating, PlanItem
from planner.errors import StoreError
from planner.services import privacy
from planner.services.acting import Actor, NotAllowed
from planner.store.tinydb_store import TinyDBRepository
from tests.conftest import DISTINCTIVE_NAME, files_naming

NOW = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
MENTORING_TABLES = [store.PERSON_TABLES[kind] for kind in (Mentee, MentorRating, Conversation)]


def _counts(records: dict[str, list]) -> dict[str, int]:
    return {table: len(docs) for table, docs in records.items()}


# --- Everything about a person --------------------------------------------------------------


def test_the_export_holds_every_kind_of_their_own_records(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    exported = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)

    assert exported["profile"]["name"] == DISTINCTIVE_NAME
    # Every kind of record has its list, empty unless this scene saved some of it (so a kind added later
    # is checked too, without this test naming it).
    assert _counts(exported["records"]) == {table: 0 for table in store.PERSON_TABLES.values()} | {
        "assessments": 2, "drafts": 1, "plan_items": 2, "mentees": 2, "mentor_ratings": 1, "conversations": 1,
    }
    assert set(exported["records"]) == set(store.PERSON_TABLES.values())
    assert all(doc["profile_id"] == scene.person.id for docs in exported["records"].values() for doc in docs)


def test_the_export_names_each_mentor_who_holds_records_about_them_apart_from_their_own(
    repo, make_known_to_others
):
    scene = make_known_to_others(repo)

    held = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)["held_by_others"]

    assert "in their own files" in held["note"]
    assert [(h["held_by"], h["as"], _counts(h["records"])) for h in held["holders"]] == [
        ({"profile_id": scene.grace.id, "name": "Grace Hopper"}, "your mentor",
         {"mentees": 1, "mentor_ratings": 1, "conversations": 1, "conversation_drafts": 0}),
        ({"profile_id": scene.ida.id, "name": "Ida Wells"}, "your mentor",
         {"mentees": 1, "mentor_ratings": 0, "conversations": 1, "conversation_drafts": 0}),
    ]
    ida_copy = held["holders"][1]["records"]["mentees"][0]
    assert ida_copy["mentee_profile_id"] == scene.person.id
    assert ida_copy["shared_profile"]["name"] == DISTINCTIVE_NAME
    assert len(ida_copy["shared_assessments"]) == len(ida_copy["shared_plan_items"]) == 1


def test_the_export_leaves_out_what_mentors_hold_about_other_people(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    held = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)["held_by_others"]["holders"]

    shown_ids = {doc["id"] for h in held for table in MENTORING_TABLES for doc in h["records"][table]}
    assert shown_ids.isdisjoint({scene.grace_mentee_bob.id, scene.grace_rating_of_bob.id,
                                 scene.grace_conversation_with_bob.id})


def test_the_export_is_stamped_with_the_moment_given_and_is_plain_json(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    exported = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)

    assert exported["exported_at"] == "2026-03-01T12:30:00+00:00"
    assert json.loads(json.dumps(exported)) == exported


def test_someone_no_one_mentors_has_nothing_held_by_others(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    exported = privacy.everything_about(repo, Actor(scene.grace.id, "me"), scene.grace.id, NOW)

    assert exported["held_by_others"]["holders"] == []
    assert _counts(exported["records"])["mentees"] == 2


def test_only_the_person_themselves_may_export_or_forget_their_data(repo, make_known_to_others):
    scene = make_known_to_others(repo)
    someone_else = Actor(scene.bob.id, "Bob")

    with pytest.raises(NotAllowed):
        privacy.everything_about(repo, someone_else, scene.person.id, NOW)
    with pytest.raises(NotAllowed):
        privacy.forget(repo, someone_else, scene.person.id)

    assert repo.get_profile(scene.person.id) == scene.person


def test_exporting_or_forgetting_an_unknown_profile_says_so_and_changes_nothing(repo, make_known_to_others):
    scene = make_known_to_others(repo)
    before = [privacy.everything_about(repo, Actor(ref.id, "me"), ref.id, NOW) for ref in repo.list_profiles()]

    with pytest.raises(StoreError, match="No profile"):
        privacy.everything_about(repo, Actor("no-such-person", "me"), "no-such-person", NOW)
    with pytest.raises(StoreError, match="nothing to delete"):
        privacy.forget(repo, Actor("no-such-person", "me"), "no-such-person")

    assert [privacy.everything_about(repo, Actor(ref.id, "me"), ref.id, NOW) for ref in repo.list_profiles()] == before
    assert repo.get_profile(scene.person.id) == scene.person


# --- Forgetting a person ----------------------------------------------------------------------


def test_forgetting_removes_their_own_data_and_every_record_others_held_about_them(
    repo, make_known_to_others
):
    scene = make_known_to_others(repo)

    result = privacy.forget(repo, Actor(scene.person.id, "me"), scene.person.id)

    assert repo.get_profile(scene.person.id) is None
    assert [ref.name for ref in repo.list_profiles()] == ["Bob Builder", "Grace Hopper", "Ida Wells"]
    assert privacy.held_by_others(repo, Actor(scene.person.id, "me"), scene.person.id) == []
    for ref in repo.list_profiles():
        mentee_ids = {m.id for m in repo.list(Mentee, ref.id)}
        assert all(m.mentee_profile_id != scene.person.id for m in repo.list(Mentee, ref.id))
        assert all(r.mentee_id in mentee_ids for r in repo.list(MentorRating, ref.id))
        assert all(c.mentee_id in mentee_ids for c in repo.list(Conversation, ref.id))
    assert result == privacy.ForgetResult(
        name=DISTINCTIVE_NAME, own_records=9, others_records=5, holders=("Grace Hopper", "Ida Wells")
    )


def test_forgetting_keeps_the_other_mentors_own_data_and_their_other_mentees(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    privacy.forget(repo, Actor(scene.person.id, "me"), scene.person.id)

    assert repo.get_profile(scene.grace.id) == scene.grace
    assert repo.list(Mentee, scene.grace.id) == [scene.grace_mentee_bob]
    assert repo.list(MentorRating, scene.grace.id) == [scene.grace_rating_of_bob]
    assert repo.list(Conversation, scene.grace.id) == [scene.grace_conversation_with_bob]
    assert repo.get_profile(scene.ida.id) == scene.ida
    assert repo.list(Mentee, scene.ida.id) == repo.list(Conversation, scene.ida.id) == []
    assert repo.get_profile(scene.bob.id) == scene.bob
    assert len(privacy.everything_about(repo, Actor(scene.bob.id, "me"), scene.bob.id, NOW)["records"]["assessments"]) == 1


def test_forgetting_leaves_neither_their_id_nor_their_name_in_any_file_of_the_data_folder(
    tinydb_repo: TinyDBRepository, make_known_to_others
):
    scene = make_known_to_others(tinydb_repo)
    data_dir = tinydb_repo.data_dir
    before = files_naming(data_dir, scene.person.id, DISTINCTIVE_NAME)
    # The walk would see her wherever she was: her file, its set-aside copy, the index and its
    # set-aside copy, and both mentors' files.
    assert {f"people/{who.id}.json" for who in (scene.person, scene.grace, scene.ida)} <= set(before)
    assert any(".unreadable-" in name and name.startswith("people/") for name in before)
    assert any(name.startswith("index.json.unreadable-") for name in before)
    assert "index.json" in before

    privacy.forget(tinydb_repo, Actor(scene.person.id, "me"), scene.person.id)

    assert files_naming(data_dir, scene.person.id, DISTINCTIVE_NAME) == {}
    left = {str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()}
    assert {"index.json", "settings.json", f"people/{scene.grace.id}.json", f"people/{scene.ida.id}.json",
            f"people/{scene.bob.id}.json"} <= left
    assert files_naming(data_dir, "Grace Hopper", scene.grace_conversation_with_bob.id)


def test_the_summary_says_what_was_removed_from_their_file_and_from_others(repo, make_known_to_others):
    scene = make_known_to_others(repo)

    summary = privacy.forget(repo, Actor(scene.person.id, "me"), scene.person.id).summary()

    assert summary == (
        f"Deleted the profile of {DISTINCTIVE_NAME} and everything saved with it (9 records), and 5 records "
        f"other people held about you (in the mentoring records of Grace Hopper, Ida Wells)."
    )


def test_the_summary_of_someone_with_nothing_else_saved_is_one_short_sentence(repo, make_profile):
    repo.save_profile(make_profile(id="solo", name="Ada Lovelace"))

    assert privacy.forget(repo, Actor("solo", "me"), "solo").summary() == "Deleted the profile of Ada Lovelace and everything saved with it."
    assert repo.list_profiles() == []


def test_the_export_holds_records_set_aside_as_unreadable_as_they_were(repo, make_known_to_others):
    from tests.conftest import plant_document

    scene = make_known_to_others(repo)
    spoilt = {"id": "spoilt-item", "profile_id": scene.person.id, "objective": "Mend the retention schedule",
              "status": "bogus", "schema_version": 1}
    plant_document(repo, store.PERSON_TABLES[PlanItem], scene.person.id, spoilt)
    [unreadable] = repo.unreadable_records(scene.person.id)
    repo.set_aside_record(scene.person.id, unreadable)

    exported = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)

    assert spoilt in exported["set_aside"]["records"]
    assert "could not be read" in exported["set_aside"]["note"]
    json.dumps(exported)


def test_a_record_a_mentor_is_still_writing_about_them_is_exported_and_forgotten(repo, make_known_to_others):
    from planner.domain import conversation_drafts
    from planner.domain.models import ConversationDraft

    scene = make_known_to_others(repo)
    (grace_her,) = [m for m in repo.list(Mentee, scene.grace.id) if m.mentee_profile_id == scene.person.id]
    draft = conversation_drafts.start(scene.grace.id, scene.grace.name, grace_her.id, grace_her.name, [],
                                      NOW.date(), NOW)
    repo.put(draft.model_copy(update={"participants": f"Grace Hopper, {DISTINCTIVE_NAME}"}))

    held = privacy.everything_about(repo, Actor(scene.person.id, "me"), scene.person.id, NOW)["held_by_others"]["holders"]
    grace = next(h for h in held if h["held_by"]["name"] == "Grace Hopper")
    assert [d["participants"] for d in grace["records"]["conversation_drafts"]] == [f"Grace Hopper, {DISTINCTIVE_NAME}"]

    privacy.forget(repo, Actor(scene.person.id, "me"), scene.person.id)
    assert repo.list(ConversationDraft, scene.grace.id) == []
