"""Damaged saved data harms no one else: deep files, notices for their owner only, bad records, leftovers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.domain.models import Assessment, ItemStatus, PlanItem
from planner.errors import StoreError
from planner.store import tinydb_store as store_tinydb
from tests.conftest import plant_document

ROOT = Path(__file__).resolve().parents[2]
SET_ASIDE = re.compile(r"\.unreadable-\d{8}T\d{6}Z(-\d+)?$")
NESTED = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture
def alice(repo, make_profile):
    profile = make_profile(name="Alice Ashdown")
    repo.save_profile(profile)
    return profile


@pytest.fixture
def bob(repo, make_profile):
    profile = make_profile(name="Bob Brennan")
    repo.save_profile(profile)
    return profile


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


# --- One invalid record (both repositories) -------------------------------------------------


def _bogus_item(repo, profile_id, make_plan_item) -> dict:
    doc = make_plan_item(profile_id, objective="Status spoilt by hand").model_dump(mode="json")
    doc["status"] = "bogus"
    plant_document(repo, "plan_items", profile_id, doc)
    return doc


def test_an_invalid_record_is_left_out_of_the_list_and_the_rest_are_listed(repo, alice, make_plan_item):
    good = [make_plan_item(alice.id, objective=f"Objective {n}") for n in range(3)]
    repo.put_many(good[:2])
    _bogus_item(repo, alice.id, make_plan_item)
    repo.put(good[2])

    assert [item.objective for item in repo.list(PlanItem, alice.id)] == [i.objective for i in good]


def test_an_invalid_record_is_named_as_unreadable_with_its_kind_id_and_reason(repo, alice, make_plan_item):
    bogus = _bogus_item(repo, alice.id, make_plan_item)

    [unreadable] = repo.unreadable_records(alice.id)
    assert (unreadable.kind, unreadable.record_id) == ("plan item", bogus["id"])
    *others, last = [f"'{status.value}'" for status in ItemStatus]
    assert unreadable.reason == f"The status must be one of {', '.join(others)} or {last}."
    assert bogus["id"] in unreadable.describe() and "plan item" in unreadable.describe()


def test_a_persons_unreadable_record_is_never_reported_to_another(repo, alice, bob, make_plan_item):
    _bogus_item(repo, alice.id, make_plan_item)

    assert repo.unreadable_records(bob.id) == []
    assert repo.unreadable_records("nobody-saved") == []


def test_getting_an_invalid_record_by_its_id_still_says_it_cannot_be_read(repo, alice, make_plan_item):
    bogus = _bogus_item(repo, alice.id, make_plan_item)

    # Never None: a caller would then save a new record over it, and the original would be lost.
    with pytest.raises(StoreError, match="A saved plan item could not be read"):
        repo.get(PlanItem, alice.id, bogus["id"])


def test_setting_an_unreadable_record_aside_keeps_it_and_leaves_the_rest(repo, alice, make_plan_item):
    kept = make_plan_item(alice.id, objective="Still here")
    repo.put(kept)
    bogus = _bogus_item(repo, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)

    where = repo.set_aside_record(alice.id, unreadable)

    assert repo.unreadable_records(alice.id) == []
    assert repo.list(PlanItem, alice.id) == [kept]
    assert repo.get(PlanItem, alice.id, bogus["id"]) is None
    assert bogus in repo.set_aside_documents(alice.id)
    assert where


def test_a_record_mended_meanwhile_is_not_set_aside(repo, alice, make_plan_item):
    bogus = _bogus_item(repo, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)
    mended = PlanItem.model_validate(bogus | {"status": "done"})
    repo.put(mended)

    with pytest.raises(StoreError, match="can be read now"):
        repo.set_aside_record(alice.id, unreadable)
    assert repo.list(PlanItem, alice.id) == [mended]


def test_set_aside_records_go_when_the_person_is_deleted(repo, alice, make_plan_item):
    _bogus_item(repo, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)
    repo.set_aside_record(alice.id, unreadable)

    repo.delete_person(alice.id)

    assert repo.set_aside_documents(alice.id) == []


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


def test_a_record_spoilt_after_the_last_check_is_found_at_the_next(repo, alice, make_plan_item):
    repo.put(make_plan_item(alice.id))
    assert repo.unreadable_records(alice.id) == []

    bogus = _bogus_item(repo, alice.id, make_plan_item)

    assert [r.record_id for r in repo.unreadable_records(alice.id)] == [bogus["id"]]
    assert [r.record_id for r in repo.unreadable_records(alice.id)] == [bogus["id"]]


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
