"""Damaged TinyDB files harm no one else: deep files, notices for their owner only, set-aside records, leftovers.

What every store does with a record that does not fit its model is in the contract suite
(test_store_contract_unreadable.py); this file is what only files can suffer.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.domain.models import Assessment
from planner.errors import StoreError
from planner.store import tinydb_store as store_tinydb
from tests.conftest import plant_document

ROOT = Path(__file__).resolve().parents[2]
SET_ASIDE = re.compile(r"\.unreadable-\d{8}T\d{6}Z(-\d+)?$")
NESTED = b"[" * 100_000 + b"]" * 100_000


def set_aside_copies(folder: Path, name: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(name + ".") and SET_ASIDE.search(p.name))


# --- A file nested too deeply to read ---------------------------------------------------------


def test_a_person_file_nested_100000_levels_deep_is_set_aside_and_told_to_that_person(
    tinydb_repo, make_profile
):
    alice, bob = make_profile(name="Alice Ashdown"), make_profile(name="Bob Brennan")
    tinydb_repo.save_profiles([alice, bob])
    path = tinydb_repo.people_dir / f"{alice.id}.json"
    path.write_bytes(NESTED)
    (tinydb_repo.data_dir / "index.json").unlink()  # the next listing reads every person's file

    assert [ref.name for ref in tinydb_repo.list_profiles()] == ["Bob Brennan"]
    assert tinydb_repo.get_profile(alice.id) is None

    [moved] = set_aside_copies(tinydb_repo.people_dir, path.name)
    assert moved.read_bytes() == NESTED
    assert tinydb_repo.take_notices(bob.id) == []
    [notice] = tinydb_repo.take_notices(alice.id)
    assert "nested too deeply" in notice and str(moved) in notice and "Nothing was deleted" in notice


@pytest.mark.parametrize("content", [NESTED, b'{"profile": {"1": {"n": ' + b"9" * 5_000 + b"}}}"],
                         ids=["nested 100,000 deep", "a number of 5,000 digits"])
def test_settings_no_json_reader_can_take_are_set_aside_like_any_unreadable_file(tinydb_repo, content):
    (tinydb_repo.data_dir / "settings.json").write_bytes(content)

    assert tinydb_repo.get_settings() is None
    [notice] = tinydb_repo.take_notices()
    assert "default settings apply" in notice


# --- Notices go to the person they concern --------------------------------------------------


def test_a_notice_about_one_persons_file_goes_only_to_that_person(tinydb_repo, make_profile):
    alice, bob = make_profile(name="Alice Ashdown"), make_profile(name="Bob Brennan")
    tinydb_repo.save_profiles([alice, bob])
    path = tinydb_repo.people_dir / f"{alice.id}.json"
    path.write_bytes(b"{cut sho")
    (tinydb_repo.data_dir / "index.json").unlink()
    tinydb_repo.list_profiles()  # Bob's listing is what finds Alice's file unreadable

    for nobody_in_particular in (tinydb_repo.take_notices(), tinydb_repo.take_notices(bob.id)):
        assert nobody_in_particular == []
    [notice] = tinydb_repo.take_notices(alice.id)
    assert str(path) in notice and "your saved data" in notice
    assert tinydb_repo.take_notices(alice.id) == []


def test_a_notice_about_the_settings_goes_to_whoever_comes_next_and_names_no_one(
    tinydb_repo, make_profile
):
    alice = make_profile(name="Alice Ashdown")
    tinydb_repo.save_profile(alice)
    (tinydb_repo.data_dir / "settings.json").write_text("[]", encoding="utf-8")
    tinydb_repo.get_settings()

    [notice] = tinydb_repo.take_notices("someone-else")
    assert alice.id not in notice and alice.name not in notice
    assert tinydb_repo.take_notices(alice.id) == []


# --- One invalid record, set aside from a TinyDB file (the contract: test_store_contract_unreadable.py)


def _bogus_item(repo, profile_id, make_plan_item) -> dict:
    doc = make_plan_item(profile_id, objective="Status spoilt by hand").model_dump(mode="json")
    doc["status"] = "bogus"
    plant_document(repo, "plan_items", profile_id, doc)
    return doc


def test_a_record_set_aside_from_a_tinydb_file_lies_beside_it_in_the_same_shape(
    tinydb_repo, make_profile, make_plan_item
):
    alice = make_profile(name="Alice Ashdown")
    tinydb_repo.save_profile(alice)
    bogus = _bogus_item(tinydb_repo, alice.id, make_plan_item)
    [unreadable] = tinydb_repo.unreadable_records(alice.id)

    where = tinydb_repo.set_aside_record(alice.id, unreadable)

    path = tinydb_repo.people_dir / f"{alice.id}.json"
    [moved] = set_aside_copies(tinydb_repo.people_dir, path.name)
    assert where == str(moved)
    assert json.loads(moved.read_text(encoding="utf-8")) == {"plan_items": {unreadable.key: bogus}}
    assert bogus["id"] not in path.read_text(encoding="utf-8")


# --- Temporary files left by a killed writer --------------------------------------------------


def test_temporary_files_left_by_a_killed_writer_are_removed_when_the_store_opens(tinydb_repo, make_profile):
    alice = make_profile(name="Alice Ashdown")
    tinydb_repo.save_profile(alice)
    people, data = tinydb_repo.people_dir, tinydb_repo.data_dir
    leftovers = [people / f"{alice.id}.json.k3x9q.tmp", people / "gone-person.json.ab12.tmp",
                 data / "index.json.zz81.tmp", data / "settings.json.q0q0.tmp"]
    for leftover in leftovers:
        leftover.write_text(f'{{"profile": {{"1": {{"name": "{alice.name}"', encoding="utf-8")
    unrelated = data / "curriculum.json"
    unrelated.write_text("{}", encoding="utf-8")
    before = {p.name for p in people.iterdir()} - {p.name for p in leftovers}

    store_tinydb.TinyDBRepository(data)

    assert [p.name for p in leftovers if p.exists()] == []
    assert {p.name for p in people.iterdir()} == before  # no lock file left for the person who is gone
    assert unrelated.exists()


HOLD_LOCK = r"""
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1] + ".lock")
lock.acquire()
print("holding", flush=True)
sys.stdin.read()
"""


def test_the_temporary_file_of_a_writer_still_at_work_is_left_alone(tinydb_repo, make_profile):
    alice = make_profile(name="Alice Ashdown")
    tinydb_repo.save_profile(alice)
    path = tinydb_repo.people_dir / f"{alice.id}.json"
    in_flight = path.with_name(path.name + ".live1.tmp")
    in_flight.write_text("{", encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        store_tinydb.TinyDBRepository(tinydb_repo.data_dir)
        assert in_flight.exists()
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        writer.stdout.close()

    store_tinydb.TinyDBRepository(tinydb_repo.data_dir)
    assert not in_flight.exists()


def test_a_file_the_system_will_not_open_is_named_only_to_its_owner(tinydb_repo, make_profile, monkeypatch):
    alice = make_profile(name="Alice Ashdown")
    tinydb_repo.save_profile(alice)
    path = tinydb_repo.people_dir / f"{alice.id}.json"
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    # As when a team lead's page lists everyone's snapshots: what they are shown names no one.
    with pytest.raises(StoreError) as refused:
        tinydb_repo.list(Assessment, alice.id)
    assert alice.id not in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert tinydb_repo.take_notices() == []
    [notice] = tinydb_repo.take_notices(alice.id)
    assert str(path) in notice and "read-only or this program may not" in notice
    assert path.exists()  # not set aside: it may open again once the system allows it
