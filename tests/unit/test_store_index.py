"""The TinyDB index of names and its log of people added: cheap to add to at any size, repaired from people's files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.store import name_index
from planner.store import tinydb_store as store_tinydb
from tests.unit.test_store_damage import set_aside_copies

ROOT = Path(__file__).resolve().parents[2]
SEEDED = 60


@pytest.fixture
def large(tinydb_repo, make_profile, monkeypatch):
    """A folder whose index counts as large (the threshold lowered), seeded with 60 people in one bulk save."""
    monkeypatch.setattr(name_index, "LOG_FROM_BYTES", 0)
    tinydb_repo.save_profiles([make_profile(name=f"Person {n:03d}") for n in range(SEEDED)])
    assert not log_path(tinydb_repo).exists()  # a new index is written whole
    return tinydb_repo


def index_path(repo: store_tinydb.TinyDBRepository) -> Path:
    return repo.data_dir / "index.json"


def log_path(repo: store_tinydb.TinyDBRepository) -> Path:
    return repo.data_dir / "index-log.jsonl"


def log_lines(repo: store_tinydb.TinyDBRepository) -> list[dict]:
    return [json.loads(line) for line in log_path(repo).read_text(encoding="utf-8").splitlines()]


def names_in_files(repo: store_tinydb.TinyDBRepository) -> dict[str, str]:
    """What the index and its log say, read as they are on disk (no listing, so no repair)."""
    names = json.loads(index_path(repo).read_text(encoding="utf-8"))["profiles"]
    if log_path(repo).exists():
        for entry in log_lines(repo):
            names.setdefault(entry["id"], entry["name"])
    return names


def listed(repo: store_tinydb.TinyDBRepository) -> list[str]:
    return [ref.name for ref in repo.list_profiles()]


# --- Small and large -----------------------------------------------------------------------------


def test_a_small_index_is_written_whole_and_no_log_is_ever_made(tinydb_repo, make_profile):
    people = [make_profile(name=name) for name in ("Ada", "Bea", "Cal")]
    for person in people:
        tinydb_repo.save_profile(person)

    assert not log_path(tinydb_repo).exists()
    assert json.loads(index_path(tinydb_repo).read_text(encoding="utf-8"))["profiles"] == {
        p.id: p.name for p in people}


def test_a_person_added_to_a_large_index_is_one_line_of_its_log_and_the_index_is_left_alone(large, make_profile):
    before = os.stat(index_path(large)).st_ino
    newcomer = make_profile(name="Zoë Ng")

    large.save_profile(newcomer)

    assert os.stat(index_path(large)).st_ino == before
    assert log_lines(large) == [{"schema_version": 1, "id": newcomer.id, "name": "Zoë Ng"}]
    assert "Zoë Ng" in listed(large)
    assert large.take_notices() == []


def test_another_process_that_listed_before_sees_the_people_added_since(large, make_profile):
    other = store_tinydb.TinyDBRepository(large.data_dir)
    assert len(listed(other)) == SEEDED

    for n in range(3):
        large.save_profile(make_profile(name=f"Newcomer {n}"))
        assert f"Newcomer {n}" in listed(other)  # each time only the new line is read

    assert len(listed(other)) == SEEDED + 3


def test_the_log_is_folded_into_the_index_before_it_would_pass_a_quarter_of_its_size(large, make_profile):
    added = []
    while True:
        added.append(make_profile(name=f"Newcomer {len(added):03d}"))
        log_before = log_path(large).stat().st_size if log_path(large).exists() else 0
        large.save_profile(added[-1])
        if not log_path(large).exists():
            break
        assert log_path(large).stat().st_size <= index_path(large).stat().st_size // name_index.LOG_SHARE
        assert log_path(large).stat().st_size > log_before

    assert len(added) >= 5
    index = json.loads(index_path(large).read_text(encoding="utf-8"))["profiles"]
    assert {p.id: p.name for p in added}.items() <= index.items()
    assert len(listed(large)) == SEEDED + len(added)


def test_a_rename_writes_the_index_whole_so_the_log_only_ever_adds_people(large, make_profile):
    newcomer = make_profile(name="Zoë Ng")
    large.save_profile(newcomer)

    large.save_profile(newcomer.model_copy(update={"name": "Zoë Ng-Smith"}))

    assert not log_path(large).exists()
    assert json.loads(index_path(large).read_text(encoding="utf-8"))["profiles"][newcomer.id] == "Zoë Ng-Smith"
    assert "Zoë Ng-Smith" in listed(large) and "Zoë Ng" not in listed(large)


def test_deleting_someone_added_to_the_log_leaves_their_name_in_no_file(large, make_profile):
    newcomer = make_profile(name="Ottoline Quist")
    large.save_profile(newcomer)
    log_path(large).with_name("index-log.jsonl.unreadable-20260101T000000Z").write_bytes(
        log_path(large).read_bytes())

    large.delete_person(newcomer.id)

    for path in large.data_dir.rglob("*"):
        if path.is_file():
            assert newcomer.id.encode() not in path.read_bytes() and b"Ottoline" not in path.read_bytes(), path
    assert len(listed(large)) == SEEDED


# --- Crashes -------------------------------------------------------------------------------------


def test_a_crash_between_a_persons_file_and_their_line_in_the_log_is_repaired_on_listing(large, make_profile):
    first, second = make_profile(name="First Added"), make_profile(name="Second Added")
    large.save_profile(first)
    large.save_profile(second)
    # As if the process died after writing the second person's file but before their line:
    log = log_path(large)
    log.write_bytes(log.read_bytes().splitlines(keepends=True)[0])

    assert {"First Added", "Second Added"} <= set(listed(large))
    assert {first.id, second.id} <= names_in_files(large).keys()  # written into the index
    assert large.take_notices() == []


def test_an_unfinished_last_line_is_not_read_and_the_next_writer_cuts_it_off(large, make_profile):
    first = make_profile(name="First Added")
    large.save_profile(first)
    log = log_path(large)
    with log.open("ab") as unfinished:  # a writer killed in the middle of its line
        unfinished.write(b'{"schema_version": 1, "id": "half-writ')
    other = store_tinydb.TinyDBRepository(large.data_dir)

    assert "First Added" in listed(other)
    second = make_profile(name="Second Added")
    large.save_profile(second)

    assert [entry["name"] for entry in log_lines(large)] == ["First Added", "Second Added"]
    assert {"First Added", "Second Added"} <= set(listed(other))
    assert large.take_notices() == other.take_notices() == []
    assert set_aside_copies(large.data_dir, "index-log.jsonl") == []


def test_a_log_left_by_a_crash_after_the_index_was_written_whole_changes_no_name(large, make_profile):
    newcomer = make_profile(name="Zoë Ng")
    large.save_profile(newcomer)
    stale = log_path(large).read_bytes()
    large.save_profile(newcomer.model_copy(update={"name": "Zoë Ng-Smith"}))
    # As if the process died after writing the index whole but before deleting the log:
    log_path(large).write_bytes(stale)

    assert "Zoë Ng-Smith" in listed(store_tinydb.TinyDBRepository(large.data_dir))
    assert "Zoë Ng" not in listed(large)


def test_someone_whose_file_was_taken_back_after_their_line_was_written_is_not_listed(large, make_profile):
    newcomer = make_profile(name="Undone Person")
    large.save_profile(newcomer)
    # A use case undone puts the files back as they were; the line in the log stays.
    (large.people_dir / f"{newcomer.id}.json").unlink()

    assert "Undone Person" not in listed(large)
    assert newcomer.id not in names_in_files(large)
    assert not log_path(large).exists()


@pytest.mark.parametrize("damage", [b"{not json\n", b'{"schema_version": 1, "id": "../etc", "name": "X"}\n', b"[]\n"],
                         ids=["not JSON", "not a usable id", "not a person"])
def test_a_damaged_log_is_set_aside_the_list_rebuilt_from_the_people_and_someone_told(
    large, make_profile, damage
):
    first, second = make_profile(name="First Added"), make_profile(name="Second Added")
    large.save_profile(first)
    large.save_profile(second)
    log = log_path(large)
    lines = log.read_bytes().splitlines(keepends=True)
    damaged = lines[0] + damage + lines[1]
    log.write_bytes(damaged)

    assert {"First Added", "Second Added"} <= set(listed(large))

    [moved] = set_aside_copies(large.data_dir, "index-log.jsonl")
    assert moved.read_bytes() == damaged
    assert not log.exists()
    assert {first.id, second.id} <= names_in_files(large).keys()
    [notice] = large.take_notices()
    assert "line 2" in notice and "rebuilt" in notice and str(moved) in notice


# --- Processes at once ---------------------------------------------------------------------------


ADDER = """
import sys, time
from pathlib import Path
from planner.domain.models import Profile
from planner.store import name_index
from planner.store.tinydb_store import TinyDBRepository

name_index.LOG_FROM_BYTES = 0  # as the test's large folder
data_dir, name = Path(sys.argv[1]), sys.argv[2]
repo = TinyDBRepository(data_dir)
(data_dir / f"ready-{name}").touch()
while not (data_dir / "go").exists():  # start together, so the additions really overlap
    time.sleep(0.005)
for n in range(60):
    repo.save_profile(Profile(id=f"{name}-{n:02d}", name=f"{name} {n}", current_grade="HEO"))
"""


def test_two_processes_adding_people_at_once_lose_no_name(large):
    data = large.data_dir
    adders = [subprocess.Popen([sys.executable, "-c", ADDER, str(data), name], cwd=ROOT)
              for name in ("first", "second")]
    deadline = time.monotonic() + 30
    while not all((data / f"ready-{n}").exists() for n in ("first", "second")):
        assert time.monotonic() < deadline, "the adding processes did not start"
        time.sleep(0.01)
    (data / "go").touch()

    assert [adder.wait(timeout=120) for adder in adders] == [0, 0]
    added = {f"{name}-{n:02d}" for name in ("first", "second") for n in range(60)}
    assert added <= names_in_files(large).keys()  # in the index or its log, with no repair
    assert len(listed(large)) == SEEDED + 120
    assert large.take_notices() == []
