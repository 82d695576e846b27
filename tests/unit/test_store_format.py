"""The files people already have: what version 0.15 wrote opens unchanged, and is written the same way.

tests/fixtures/store_v0_15 was written by the store of version 0.15 (its own code, before each
person's file was opened through TinyDB itself) running `store_sample.write_sample`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tinydb import TinyDB, where

from planner import store
from planner.domain.models import Assessment, Draft, Mentee, PlanItem
from planner.store.tinydb_store import AtomicJSONStorage, TinyDBRepository
from tests.unit import store_sample
from tests.unit.store_sample import ADA, DRAFT, EDITED, ITEMS, MENTEE, SETTINGS, SNAPSHOT, write_sample

FILES = ["index.json", "settings.json", f"people/{ADA.id}.json"]


@pytest.fixture
def copied(tmp_path) -> Path:
    """A copy of the folder version 0.15 wrote, so tests may change it."""
    folder = tmp_path / "data"
    shutil.copytree(store_sample.FIXTURE, folder)
    return folder


def test_a_folder_written_by_version_0_15_reads_back_every_record(copied):
    repo = TinyDBRepository(copied)

    assert [(ref.id, ref.name) for ref in repo.list_profiles()] == [(ADA.id, ADA.name)]
    assert repo.get_profile(ADA.id) == ADA
    assert repo.list(Assessment, ADA.id) == [SNAPSHOT]
    assert repo.list(PlanItem, ADA.id) == [EDITED, ITEMS[2]]
    assert repo.get(Draft, ADA.id, "current") == DRAFT
    assert repo.list(Mentee, ADA.id) == [MENTEE]
    assert repo.get_settings() == SETTINGS
    assert repo.unreadable_records(ADA.id) == [] and repo.take_notices(ADA.id) == []


ADDED_SINCE_0_15 = {
    "tables": {"access_records", "proposed_actions", "cpd_entries", "revalidation_statements", "behaviour_examples",
               "pdp_details", "validated_ratings", "plan_sign_offs", "job_specs"},
    "profile_fields": {"email": "", "grade_since": None},
}
"""What a person's file has gained since 0.15 (server mode; the CPD log, Success Profiles examples and the line
manager's part of the PDP; time in grade; saved job specifications), all empty for a person who has not used them."""

FIRST_KIM = {"id": "kim-professional-skills", "version": "1"}
ADDED_WITH_FRAMEWORK_VERSIONS = {
    "settings.json": {"grade_levels_framework": "kim-professional-skills"},
    "assessments": {"framework_version": FIRST_KIM, "carried_from": None},
    "drafts": {"framework_version": FIRST_KIM, "carried_from": None},
}
"""What records have gained since frameworks became versioned packs: the version they were made against
(for these, the KIM framework's first, which is what a record without one is read as) and the snapshot a
crosswalk carried ratings from (none)."""


def test_todays_store_writes_the_same_files_as_version_0_15_with_only_the_empty_additions(tmp_path):
    write_sample(store.open_repository(tmp_path / "data"))

    index = FILES[0]
    assert (tmp_path / "data" / index).read_bytes() == (store_sample.FIXTURE / index).read_bytes(), index
    settings = json.loads((tmp_path / "data" / FILES[1]).read_text(encoding="utf-8"))
    for field, value in ADDED_WITH_FRAMEWORK_VERSIONS["settings.json"].items():
        assert settings.pop(field) == value
    assert settings == json.loads((store_sample.FIXTURE / FILES[1]).read_text(encoding="utf-8"))
    person = FILES[2]
    today = json.loads((tmp_path / "data" / person).read_text(encoding="utf-8"))
    then = json.loads((store_sample.FIXTURE / person).read_text(encoding="utf-8"))
    for table in ADDED_SINCE_0_15["tables"]:
        assert today.pop(table) == {}
    for field, value in ADDED_SINCE_0_15["profile_fields"].items():
        assert today["profile"]["1"].pop(field) == value
    for table in ("assessments", "drafts"):
        for record in today[table].values():
            for field, value in ADDED_WITH_FRAMEWORK_VERSIONS[table].items():
                assert record.pop(field) == value, (table, field)
    assert today == then


def test_a_record_added_to_an_old_file_takes_the_next_number_after_the_highest(copied):
    repo = TinyDBRepository(copied)
    newest = ITEMS[0].model_copy(update={"id": "item-4", "objective": "Objective 4"})

    repo.put(newest)

    tables = json.loads((copied / "people" / f"{ADA.id}.json").read_text(encoding="utf-8"))
    assert {key: doc["id"] for key, doc in tables["plan_items"].items()} == {
        "1": EDITED.id, "3": ITEMS[2].id, "4": newest.id}
    assert [item.id for item in repo.list(PlanItem, ADA.id)] == [EDITED.id, ITEMS[2].id, newest.id]


def test_a_person_file_is_a_tinydb_database_that_tinydb_queries_directly(copied):
    db = TinyDB(copied / "people" / f"{ADA.id}.json", storage=AtomicJSONStorage)

    [item] = db.table("plan_items").search(where("status") == "in progress")
    assert (item.doc_id, item["id"]) == (1, EDITED.id)
    assert db.table("profile").get(doc_id=1)["name"] == ADA.name
    assert db.tables() | ADDED_SINCE_0_15["tables"] == {"profile", *store.PERSON_TABLES.values()}
