"""The plan file (JSON): exported, read back with clear errors, and merged without losing data."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from planner import store
from planner.domain.models import SCHEMA_VERSION, Assessment, Draft, PlanItem, Rating
from planner.errors import PlannerError, StoreError
from planner.io import bundle, shipped
from planner.services import plan_import
from planner.store import files as store_files
from tests.unit.export_fixtures import NOW, draft, person, plan_items, snapshot

GRADES = shipped.load_grades().codes
READ_AT = NOW + timedelta(hours=1)


def read(data: bytes) -> bundle.Bundle:
    """The file read as this installation reads it, an hour after it was exported."""
    return bundle.read_bundle(data, grades=GRADES, now=READ_AT)


@pytest.fixture
def records(fw):
    profile = person()
    return {
        "profile": profile,
        "assessments": [snapshot(fw, profile.id)],
        "items": plan_items(profile.id, 6),
        "draft": draft(profile.id),
    }


@pytest.fixture
def exported(records) -> bytes:
    return bundle.export_bundle(records["profile"], records["assessments"], records["items"], NOW,
                                records["draft"])


@pytest.fixture
def busy_repo(make_profile, make_plan_item, make_assessment) -> store.MemoryRepository:
    """A repository that already holds someone else's data."""
    repo = store.MemoryRepository()
    other = make_profile(name="Grace Hopper")
    repo.save_profiles([other], [make_plan_item(other.id), make_assessment(other.id)])
    return repo


def held(repo: store.Repository) -> dict:
    """Everything the repository holds, without the export times."""
    everything = {}
    for ref in repo.list_profiles():
        doc = repo.export_person(ref.id)
        doc.pop("exported_at")
        everything[ref.id] = doc
    return everything


def export_from(repo: store.Repository, profile_id: str) -> dict:
    """The bundle the app would export for a person in the repository, as a dict."""
    data = bundle.export_bundle(
        repo.get_profile(profile_id),
        repo.list(Assessment, profile_id),
        repo.list(PlanItem, profile_id),
        NOW,
        repo.get(Draft, profile_id, "current"),
    )
    return json.loads(data)


def edit(data: bytes, change) -> bytes:
    document = json.loads(data)
    change(document)
    return json.dumps(document).encode("utf-8")


# --- Export ----------------------------------------------------------------------------------


def test_the_file_says_what_it_is_and_holds_every_record(exported, records):
    document = json.loads(exported)
    assert document["format"] == "kim-pathways-bundle"
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["exported_at"] == NOW.isoformat()
    assert document["profile"] == store.to_document(records["profile"])
    assert len(document["assessments"]) == 1
    assert [d["id"] for d in document["plan_items"]] == [i.id for i in records["items"]]
    assert document["draft"]["profile_id"] == records["profile"].id


def test_the_file_keeps_unicode_as_it_is(exported):
    assert "Siân Llŷr O'Brien-Ødegård 😀 مريم".encode() in exported


def test_no_draft_is_written_as_null(records):
    data = bundle.export_bundle(records["profile"], [], [], NOW)
    assert json.loads(data)["draft"] is None


# --- Round trip and merging ------------------------------------------------------------------


def test_export_read_import_export_gives_the_same_file(repo, exported, records):
    result = plan_import.merge_bundle(repo, read(exported), chosen_id=None)

    again = export_from(repo, records["profile"].id)
    first = json.loads(exported)
    first.pop("exported_at"), again.pop("exported_at")
    assert again == first
    assert (result.added, result.updated, result.kept) == (1 + 1 + 6 + 1, 0, 0)


def test_a_second_import_of_the_same_file_adds_nothing(repo, exported):
    plan_import.merge_bundle(repo, read(exported), chosen_id=None)
    before = held(repo)

    result = plan_import.merge_bundle(repo, read(exported), chosen_id="siany")

    assert (result.added, result.updated) == (0, 0)
    assert result.kept == 1 + 1 + 6 + 1
    assert result.message() == "Nothing new to import: everything in the file is already saved."
    assert held(repo) == before


def test_a_newer_plan_item_replaces_an_older_one_but_an_older_one_does_not_replace_a_newer(
    repo, records
):
    profile, items = records["profile"], records["items"]
    repo.save_profiles([profile], items)
    older, newer = items[0], items[1]
    saved_newer = newer.model_copy(update={"objective": "Edited in the app", "updated_at": NOW})
    repo.put(saved_newer)

    from_file = [
        older.model_copy(update={"objective": "Edited on another computer",
                                 "updated_at": older.updated_at + timedelta(days=1)}),
        newer.model_copy(update={"objective": "Stale copy", "updated_at": NOW - timedelta(days=30)}),
    ]
    result = plan_import.merge_bundle(repo, bundle.Bundle(profile=profile, plan_items=from_file), chosen_id=profile.id)

    assert repo.get(PlanItem, profile.id, older.id).objective == "Edited on another computer"
    assert repo.get(PlanItem, profile.id, newer.id).objective == "Edited in the app"
    assert (result.plan_items.updated, result.plan_items.kept) == (1, 1)
    assert result.message() == "Updated 1 plan item. Kept 2 records that were already up to date."


def test_saved_assessments_are_never_overwritten(repo, records):
    profile, snap = records["profile"], records["assessments"][0]
    repo.save_profiles([profile], [snap])
    changed = snap.model_copy(update={"ratings": {"1.1.1": Rating(score=0)}, "comment": "tampered"})

    result = plan_import.merge_bundle(repo, bundle.Bundle(profile=profile, assessments=[changed]), chosen_id=profile.id)

    assert repo.get(Assessment, profile.id, snap.id) == snap
    assert result.assessments == plan_import.Counts(kept=1)


def test_a_saved_draft_is_kept(repo, records):
    profile = records["profile"]
    mine = Draft(profile_id=profile.id, ratings={"2.2.2": Rating(score=1)})
    repo.save_profiles([profile], [mine])

    result = plan_import.merge_bundle(repo, bundle.Bundle(profile=profile, draft=records["draft"]), chosen_id=profile.id)

    assert repo.get(Draft, profile.id, "current") == mine
    assert result.draft == plan_import.Counts(kept=1)


def test_the_profile_is_updated_only_when_the_file_has_a_newer_one(repo, records):
    profile = records["profile"]
    repo.save_profile(profile)
    older = profile.model_copy(update={"target_role": "Old plan", "updated_at": profile.updated_at - timedelta(days=1)})
    newer = profile.model_copy(update={"target_role": "New plan", "updated_at": profile.updated_at + timedelta(days=1)})

    kept = plan_import.merge_bundle(repo, bundle.Bundle(profile=older), chosen_id=profile.id)
    assert repo.get_profile(profile.id).target_role == profile.target_role
    updated = plan_import.merge_bundle(repo, bundle.Bundle(profile=newer), chosen_id=profile.id)
    assert repo.get_profile(profile.id).target_role == "New plan"
    assert (kept.profile, updated.profile) == (plan_import.Counts(kept=1), plan_import.Counts(updated=1))


def test_a_new_person_is_created_with_the_same_id_beside_the_people_already_saved(busy_repo, exported):
    before = held(busy_repo)
    result = plan_import.merge_bundle(busy_repo, read(exported), chosen_id=None)

    after = held(busy_repo)
    assert "siany" in after
    assert {k: v for k, v in after.items() if k != "siany"} == before
    assert result.message().startswith("Added 1 profile, 1 assessment, 6 plan items and 1 draft")


# --- Reading errors --------------------------------------------------------------------------


def _set_item_field(index: int, name: str, value):
    def change(document):
        document["plan_items"][index][name] = value

    return change


BAD_FILES = {
    "empty": (lambda good: b"", "The file is empty"),
    "only spaces": (lambda good: b"  \n ", "The file is empty"),
    "not text": (lambda good: b"\xff\xfe\x00\x81binary", "it is not text (UTF-8)"),
    "not json": (lambda good: b"name,grade\nAda,HEO\n",
                 "The file is not a KIM Pathways plan file: it is not valid JSON at line 1"),
    "truncated json": (lambda good: good[: len(good) // 2], "it is not valid JSON at line "),
    "a list": (lambda good: b"[1, 2]", "The file is not a KIM Pathways plan file: it holds no plan."),
    "no format": (lambda good: edit(good, lambda d: d.pop("format")), "no \"format\" field"),
    "other format": (lambda good: edit(good, lambda d: d.update(format="tinydb")),
                     "it is a file of another kind (\"tinydb\")"),
    "newer version": (
        lambda good: edit(good, lambda d: d.update(schema_version=SCHEMA_VERSION + 1)),
        f"This file was made by a newer version of KIM Pathways (format version {SCHEMA_VERSION + 1}). "
        f"This version reads version {SCHEMA_VERSION} and earlier. Update the app, then import it again.",
    ),
    "bad status": (lambda good: edit(good, _set_item_field(2, "status", "finished")),
                   "plan item 3, field 'status': "),
    "bad date": (lambda good: edit(good, _set_item_field(0, "target_date", "next Tuesday")),
                 "plan item 1, field 'target_date': "),
    "unknown field": (lambda good: edit(good, _set_item_field(1, "colour", "red")),
                      "plan item 2, field 'colour': this field is not one KIM Pathways knows"),
    "missing profile field": (lambda good: edit(good, lambda d: d["profile"].pop("name")),
                              "the profile, field 'name': this field is missing"),
    "bad rating": (lambda good: edit(good, lambda d: d["assessments"][0]["ratings"]["1.1.1"].update(score=9)),
                   "assessment 1, field 'ratings.1.1.1.score': "),
    "another person's item": (lambda good: edit(good, _set_item_field(4, "profile_id", "someone-else")),
                              "plan item 5: it belongs to another person (profile id someone-else)"),
    "another person's draft": (lambda good: edit(good, lambda d: d["draft"].update(profile_id="x")),
                               "the draft: it belongs to another person"),
    "same id twice": (lambda good: edit(good, _set_item_field(3, "id", "item00")),
                      "plan item 4: it has the same id as plan item 1"),
    "newer record": (lambda good: edit(good, _set_item_field(0, "schema_version", SCHEMA_VERSION + 1)),
                     "plan item 1: it was made by a newer version of KIM Pathways"),
    "unsafe profile id": (lambda good: edit(good, lambda d: d["profile"].update(id="../../etc")),
                          "The profile in the file cannot be imported"),
    "items not a list": (lambda good: edit(good, lambda d: d.update(plan_items={"a": 1})),
                         "its plan items are not a list"),
    "grade not in the ladder": (lambda good: edit(good, lambda d: d["profile"].update(current_grade="GRADE-X")),
                                "the grade \"GRADE-X\", which this installation does not have"),
    "target grade not in the ladder": (lambda good: edit(good, lambda d: d["profile"].update(target_grade="ZZ")),
                                       "the grade \"ZZ\", which this installation does not have"),
    "profile changed in 2099": (lambda good: edit(good, lambda d: d["profile"].update(
        updated_at="2099-01-01T00:00:00+00:00")),
                                "the profile has a time in the future (1 January 2099"),
    "item changed in 2099": (lambda good: edit(good, _set_item_field(2, "updated_at", "2099-01-01T00:00:00+00:00")),
                             "plan item 3 has a time in the future (1 January 2099"),
    "assessment made in 2099": (lambda good: edit(good, lambda d: d["assessments"][0].update(
        created_at="2099-05-01T00:00:00")),
                                "assessment 1 has a time in the future (1 May 2099"),
    "draft changed in 2099": (lambda good: edit(good, lambda d: d["draft"].update(
        updated_at="2099-01-01T00:00:00+00:00")),
                              "the draft has a time in the future"),
    "exported in 2099": (lambda good: edit(good, lambda d: d.update(exported_at="2099-01-01T00:00:00+00:00")),
                         "the file says it was exported in the future"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_changes(case, exported, busy_repo):
    make_bad, message = BAD_FILES[case]
    before = held(busy_repo)

    with pytest.raises(PlannerError) as raised:
        plan_import.merge_bundle(busy_repo, read(make_bad(exported)), chosen_id=None)

    assert message in str(raised.value)
    assert held(busy_repo) == before


def test_a_file_with_a_byte_order_mark_is_read(exported):
    assert read(b"\xef\xbb\xbf" + exported).profile.id == "siany"


def test_times_without_a_zone_are_compared_as_utc(repo, records):
    profile = records["profile"]
    repo.save_profile(profile)
    naive = profile.model_copy(update={"updated_at": (profile.updated_at + timedelta(hours=1)).replace(tzinfo=None)})
    result = plan_import.merge_bundle(repo, bundle.Bundle(profile=naive), chosen_id=profile.id)
    assert result.profile == plan_import.Counts(updated=1)


# --- Write failures --------------------------------------------------------------------------


def test_a_failed_write_raises_a_planner_error_and_leaves_saved_data_as_it_was(
    repo, exported, records, monkeypatch
):
    repo.save_profiles([records["profile"]], records["items"][:2])
    before = held(repo)

    def refuse(*args, **kwargs):
        raise StoreError("The disk is full.")

    monkeypatch.setattr(repo, "save_profiles", refuse)
    monkeypatch.setattr(repo, "put_many", refuse)
    with pytest.raises(PlannerError, match="could not be imported, and nothing was changed: The disk is full"):
        plan_import.merge_bundle(repo, read(exported), chosen_id=records["profile"].id)
    monkeypatch.undo()
    assert held(repo) == before


def test_a_failed_file_write_in_tinydb_leaves_the_person_file_unchanged(
    tinydb_repo, exported, records, monkeypatch
):
    newer_profile = records["profile"].model_copy(update={"updated_at": NOW - timedelta(days=300)})
    tinydb_repo.save_profiles([newer_profile], records["items"][:2])
    before = held(tinydb_repo)

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_files.os, "replace", no_space)
    with pytest.raises(PlannerError, match="nothing was changed"):
        plan_import.merge_bundle(tinydb_repo, read(exported), chosen_id=records["profile"].id)
    monkeypatch.undo()
    assert held(tinydb_repo) == before


# --- Whose record an import may change ---------------------------------------------------------


def test_a_file_with_another_saved_persons_id_is_refused_and_changes_nobody(busy_repo, exported):
    """A file carrying Grace's id, with times set in the future, must not touch Grace's record."""
    [grace] = busy_repo.list_profiles()
    me = busy_repo.get_profile(grace.id).model_copy(update={"id": "mine", "name": "Mo Farah"})
    busy_repo.save_profile(me)
    forged = edit(exported, lambda d: (
        d["profile"].update(id=grace.id, name="Taken over", notes="Not Grace's words"),
        [item.update(profile_id=grace.id) for item in d["plan_items"]],
        [a.update(profile_id=grace.id) for a in d["assessments"]],
        d["draft"].update(profile_id=grace.id),
    ))
    before = held(busy_repo)

    with pytest.raises(PlannerError) as raised:
        plan_import.merge_bundle(busy_repo, read(forged), chosen_id="mine")

    assert "belongs to another profile saved here" in str(raised.value)
    assert held(busy_repo) == before


def test_a_file_with_a_saved_id_is_refused_when_no_profile_is_chosen(busy_repo, exported):
    [grace] = busy_repo.list_profiles()
    forged = edit(exported, lambda d: (
        d["profile"].update(id=grace.id, updated_at="2025-06-02T09:00:00+00:00"),
        [item.update(profile_id=grace.id) for item in d["plan_items"]],
        [a.update(profile_id=grace.id) for a in d["assessments"]],
        d["draft"].update(profile_id=grace.id),
    ))
    before = held(busy_repo)

    with pytest.raises(PlannerError, match="belongs to another profile saved here"):
        plan_import.merge_bundle(busy_repo, read(forged), chosen_id=None)
    assert held(busy_repo) == before


def test_a_file_of_a_new_person_is_refused_while_another_profile_is_in_use(busy_repo, exported):
    [grace] = busy_repo.list_profiles()
    before = held(busy_repo)

    with pytest.raises(PlannerError, match="not the profile in use"):
        plan_import.merge_bundle(busy_repo, read(exported), chosen_id=grace.id)
    assert held(busy_repo) == before


def test_the_chosen_person_can_import_their_own_file(repo, records, exported):
    profile = records["profile"]
    repo.save_profile(profile)

    result = plan_import.merge_bundle(repo, read(exported), chosen_id=profile.id)

    assert result.plan_items.added == 6
    assert len(repo.list(PlanItem, profile.id)) == 6


def test_a_time_a_few_minutes_ahead_is_taken_as_a_clock_difference(exported):
    moved = edit(exported, lambda d: d["profile"].update(updated_at=(READ_AT + timedelta(minutes=5)).isoformat()))
    assert read(moved).profile.updated_at == READ_AT + timedelta(minutes=5)
