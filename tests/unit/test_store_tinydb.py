"""What only the TinyDB repository does: files, locks, atomic writes, unreadable files."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import platformdirs
import pytest
from tinydb import TinyDB

from planner import store
from planner.domain.models import Assessment, PlanItem, Settings
from planner.errors import StoreError
from planner.store import tinydb_store as store_tinydb

ROOT = Path(__file__).resolve().parents[2]
SET_ASIDE = re.compile(r"\.unreadable-\d{8}T\d{6}Z$")


@pytest.fixture
def person(tinydb_repo, make_profile):
    profile = make_profile(name="Zoë Ng")
    tinydb_repo.save_profile(profile)
    return profile


def person_file(repo: store_tinydb.TinyDBRepository, profile_id: str) -> Path:
    return repo.people_dir / f"{profile_id}.json"


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def temp_files(folder: Path) -> list[Path]:
    return [p for p in every_file(folder) if p.name.endswith(".tmp")]


# --- Layout ---------------------------------------------------------------------------------


def test_each_person_has_one_file_beside_an_index_of_names_and_a_settings_file(tinydb_repo, person):
    tinydb_repo.save_settings(Settings())
    data = tinydb_repo.data_dir

    index = json.loads((data / "index.json").read_text(encoding="utf-8"))
    assert index["profiles"] == {person.id: "Zoë Ng"}
    assert json.loads((data / "settings.json").read_text(encoding="utf-8"))["schema_version"] == 1
    tables = json.loads(person_file(tinydb_repo, person.id).read_text(encoding="utf-8"))
    assert set(tables) == {"profile", *store.PERSON_TABLES.values()}


def test_files_are_utf8_without_escapes_and_every_document_has_a_schema_version(
    tinydb_repo, person
):
    tinydb_repo.put(PlanItem(profile_id=person.id, objective="Café étude"))
    text = person_file(tinydb_repo, person.id).read_text(encoding="utf-8")

    assert "Zoë Ng" in text and "Café étude" in text
    tables = json.loads(text)
    assert all(doc["schema_version"] == 1 for docs in tables.values() for doc in docs.values())


def test_a_person_file_opens_in_tinydb_itself(tinydb_repo, person, make_plan_item):
    item = make_plan_item(person.id)
    tinydb_repo.put(item)

    db = TinyDB(person_file(tinydb_repo, person.id), storage=store_tinydb.AtomicJSONStorage)
    assert db.table("plan_items").all()[0]["id"] == item.id
    assert db.table("profile").all()[0]["name"] == "Zoë Ng"


def test_export_includes_tables_written_by_a_newer_version(tinydb_repo, person):
    path = person_file(tinydb_repo, person.id)
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["conversations"] = {"1": {"schema_version": 2, "id": "c1", "profile_id": person.id}}
    path.write_text(json.dumps(tables), encoding="utf-8")

    assert tinydb_repo.export_person(person.id)["records"]["conversations"][0]["id"] == "c1"


def test_saving_a_persons_data_leaves_the_index_alone_until_a_rename(
    tinydb_repo, person, make_assessment
):
    index = tinydb_repo.data_dir / "index.json"
    before = os.stat(index).st_ino

    tinydb_repo.add(make_assessment(person.id))
    tinydb_repo.save_profile(person.model_copy(update={"notes": "Wants to move into records"}))
    assert os.stat(index).st_ino == before

    tinydb_repo.save_profile(person.model_copy(update={"name": "Zoë Ng-Smith"}))
    assert os.stat(index).st_ino != before
    assert [ref.name for ref in tinydb_repo.list_profiles()] == ["Zoë Ng-Smith"]


def test_writing_for_an_unknown_person_leaves_no_file_behind(tinydb_repo, make_plan_item):
    with pytest.raises(StoreError):
        tinydb_repo.put(make_plan_item("nobody"))

    assert not any("nobody" in p.name for p in every_file(tinydb_repo.data_dir))


# --- Threads and processes ------------------------------------------------------------------


def test_eight_threads_writing_fifty_records_each_lose_nothing(tinydb_repo, person):
    def write_fifty(thread: int) -> None:
        for n in range(50):
            tinydb_repo.put(PlanItem(profile_id=person.id, objective=f"Thread {thread} item {n}"))

    threads = [threading.Thread(target=write_fifty, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(tinydb_repo.list(PlanItem, person.id)) == 400
    for path in every_file(tinydb_repo.data_dir):
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    assert temp_files(tinydb_repo.data_dir) == []


WRITER = """
import sys, time
from pathlib import Path
from planner.domain.models import PlanItem
from planner.store.tinydb_store import TinyDBRepository

data_dir, profile_id, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
repo = TinyDBRepository(data_dir)
(data_dir / f"ready-{name}").touch()
while not (data_dir / "go").exists():  # start together, so the writes really overlap
    time.sleep(0.005)
for n in range(100):
    repo.put(PlanItem(profile_id=profile_id, objective=f"{name} {n}"))
"""


def test_two_processes_writing_to_one_person_at_once_lose_nothing(tinydb_repo, person):
    data = tinydb_repo.data_dir
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data), person.id, name])
        for name in ("first", "second")
    ]
    deadline = time.monotonic() + 30
    while not all((data / f"ready-{n}").exists() for n in ("first", "second")):
        assert time.monotonic() < deadline, "the writer processes did not start"
        time.sleep(0.01)
    (data / "go").touch()

    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    objectives = {i.objective for i in tinydb_repo.list(PlanItem, person.id)}
    assert len(objectives) == 200
    json.loads(person_file(tinydb_repo, person.id).read_text(encoding="utf-8"))


# --- Atomic writes and failed writes --------------------------------------------------------


def test_a_crash_before_the_rename_leaves_the_previous_file_whole(tinydb_repo, person, monkeypatch):
    path = person_file(tinydb_repo, person.id)
    before = path.read_bytes()

    def crash(*args):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        tinydb_repo.put(PlanItem(profile_id=person.id, objective="Lost"))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert temp_files(tinydb_repo.data_dir) == []
    assert tinydb_repo.list(PlanItem, person.id) == []


def test_a_disk_that_fills_up_mid_write_gives_a_plain_error_and_keeps_the_old_file(
    tinydb_repo, person, make_assessment, monkeypatch
):
    path = person_file(tinydb_repo, person.id)
    before = path.read_bytes()
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(StoreError, match="the disk is full") as raised:
        tinydb_repo.add(make_assessment(person.id))
    monkeypatch.undo()

    assert "unchanged" in str(raised.value)
    assert path.read_bytes() == before
    assert temp_files(tinydb_repo.data_dir) == []
    assert tinydb_repo.list(Assessment, person.id) == []


def failing(error_number: int):
    def fail(*args, **kwargs):
        raise OSError(error_number, os.strerror(error_number))

    return fail


def test_a_failing_fsync_gives_a_store_error_and_keeps_the_old_file(
    tinydb_repo, person, monkeypatch
):
    path = person_file(tinydb_repo, person.id)
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", failing(errno.ENOSPC))

    with pytest.raises(StoreError, match="the disk is full"):
        tinydb_repo.save_profile(person.model_copy(update={"name": "Changed"}))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert temp_files(tinydb_repo.data_dir) == []


def test_a_read_only_folder_gives_a_plain_store_error(tinydb_repo, person, monkeypatch):
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EROFS))
    with pytest.raises(StoreError, match="read-only"):
        tinydb_repo.save_settings(Settings())


def test_the_repository_works_again_after_a_failed_write(tinydb_repo, person, monkeypatch):
    monkeypatch.setattr(os, "replace", failing(errno.EIO))
    with pytest.raises(StoreError):
        tinydb_repo.put(PlanItem(profile_id=person.id, objective="First try"))
    monkeypatch.undo()

    tinydb_repo.put(PlanItem(profile_id=person.id, objective="Second try"))
    assert [i.objective for i in tinydb_repo.list(PlanItem, person.id)] == ["Second try"]


# --- Files that cannot be read --------------------------------------------------------------


UNREADABLE = {
    "invalid JSON": b"{not json",
    "truncated": b'{"profile": {"1": {"name": "Zo',
    "not an object": b"[1, 2, 3]",
    "empty": b"",
    "not UTF-8": b'{"profile": "\xff\xfe"}',
    "not tables of records": b'{"profile": {"1": "text"}}',
}


def set_aside_copies(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(name) and SET_ASIDE.search(p.name)]


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_person_file_is_moved_aside_with_a_notice_and_nothing_deleted(
    tinydb_repo, person, make_profile, content
):
    other = make_profile(name="Grace Hopper")
    tinydb_repo.save_profile(other)
    path = person_file(tinydb_repo, person.id)
    path.write_bytes(content)

    assert tinydb_repo.get_profile(person.id) is None
    assert [ref.name for ref in tinydb_repo.list_profiles()] == ["Grace Hopper"]

    [moved] = set_aside_copies(tinydb_repo.people_dir, path.name)
    assert moved.read_bytes() == content
    assert not path.exists()
    assert tinydb_repo.take_notices(other.id) == []  # told to the person whose file it is, only
    [notice] = tinydb_repo.take_notices(person.id)
    assert str(path) in notice and str(moved) in notice and "Nothing was deleted" in notice


def test_saving_over_an_unreadable_person_file_keeps_the_old_copy(tinydb_repo, person):
    path = person_file(tinydb_repo, person.id)
    path.write_bytes(b"{broken")

    tinydb_repo.save_profile(person)

    assert tinydb_repo.get_profile(person.id) == person
    kept = set_aside_copies(tinydb_repo.people_dir, path.name)
    assert [p.read_bytes() for p in kept] == [b"{broken"]
    assert len(tinydb_repo.take_notices(person.id)) == 1


@pytest.mark.parametrize("content", [b"{oops", b'{"profiles": ["a list"]}', b"null"])
def test_an_unreadable_index_is_moved_aside_and_rebuilt_from_the_people_files(
    tinydb_repo, person, content
):
    index = tinydb_repo.data_dir / "index.json"
    index.write_bytes(content)

    assert [(r.id, r.name) for r in tinydb_repo.list_profiles()] == [(person.id, "Zoë Ng")]

    [moved] = set_aside_copies(tinydb_repo.data_dir, "index.json")
    assert moved.read_bytes() == content
    assert json.loads(index.read_text(encoding="utf-8"))["profiles"] == {person.id: "Zoë Ng"}
    [notice] = tinydb_repo.take_notices()
    assert "rebuilt" in notice and str(moved) in notice


def test_unreadable_settings_are_moved_aside_and_read_as_none(tinydb_repo):
    settings = tinydb_repo.data_dir / "settings.json"
    settings.write_text("{half", encoding="utf-8")

    assert tinydb_repo.get_settings() is None

    kept = set_aside_copies(tinydb_repo.data_dir, "settings.json")
    assert [p.read_text() for p in kept] == ["{half"]
    assert "default settings" in tinydb_repo.take_notices()[0]


def test_two_unreadable_copies_in_the_same_second_both_survive(tinydb_repo):
    settings = tinydb_repo.data_dir / "settings.json"
    for content in ("{first", "{second"):
        settings.write_text(content, encoding="utf-8")
        tinydb_repo.get_settings()

    kept = {p.read_text() for p in tinydb_repo.data_dir.iterdir() if ".unreadable-" in p.name}
    assert kept == {"{first", "{second"}


def test_notices_are_cleared_once_taken(tinydb_repo):
    (tinydb_repo.data_dir / "settings.json").write_text("[]", encoding="utf-8")
    tinydb_repo.get_settings()

    assert len(tinydb_repo.take_notices()) == 1
    assert tinydb_repo.take_notices() == []


# --- The index ------------------------------------------------------------------------------


def test_a_deleted_index_is_rebuilt_from_the_people_files(tinydb_repo, make_profile):
    people = [make_profile(name=name) for name in ("Cal", "ada", "Bea")]
    tinydb_repo.save_profiles(people)
    (tinydb_repo.data_dir / "index.json").unlink()

    assert [r.name for r in tinydb_repo.list_profiles()] == ["ada", "Bea", "Cal"]
    assert (tinydb_repo.data_dir / "index.json").exists()
    assert tinydb_repo.take_notices() == []


def test_an_index_out_of_step_after_a_crash_is_repaired_on_listing(
    tinydb_repo, person, make_profile
):
    index = tinydb_repo.data_dir / "index.json"
    newcomer = make_profile(name="Bea")
    tinydb_repo.save_profile(newcomer)
    # As if the process died after writing a person file but before the index:
    stale = {"schema_version": 1, "profiles": {person.id: "Zoë Ng", "gone": "Ghost"}}
    index.write_text(json.dumps(stale), encoding="utf-8")

    assert [r.name for r in tinydb_repo.list_profiles()] == ["Bea", "Zoë Ng"]


def test_a_second_repository_on_the_same_folder_sees_the_same_people(tinydb_repo, person):
    again = store_tinydb.TinyDBRepository(tinydb_repo.data_dir)
    assert [r.id for r in again.list_profiles()] == [person.id]


# --- Deleting a person ----------------------------------------------------------------------


def test_after_delete_person_no_file_holds_their_id_or_name(
    tinydb_repo, person, make_profile, make_assessment, make_plan_item, make_draft
):
    other = make_profile(name="Grace Hopper")
    tinydb_repo.save_profile(other)
    tinydb_repo.add(make_assessment(person.id))
    tinydb_repo.put_many([make_plan_item(person.id), make_draft(person.id)])
    tinydb_repo.save_settings(Settings())
    # Earlier broken copies of this person's file and of the index hold them too.
    old_copy = tinydb_repo.people_dir / f"{person.id}.json.unreadable-20240101T000000Z"
    old_copy.write_text(person.name, encoding="utf-8")
    index_copy = tinydb_repo.data_dir / "index.json.unreadable-20240101T000000Z"
    index_copy.write_text(f'{{"{person.id}": "{person.name}"')

    tinydb_repo.delete_person(person.id)

    for path in every_file(tinydb_repo.data_dir):
        text = path.read_text(encoding="utf-8")
        assert person.id not in path.name
        assert person.id not in text and person.name not in text, path
    assert tinydb_repo.get_profile(other.id) is not None


# --- Where the data lives -------------------------------------------------------------------


def test_the_data_folder_comes_from_the_environment_variable_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("KIM_PATHWAYS_DATA_DIR", str(tmp_path / "chosen"))

    assert store.default_data_dir() == tmp_path / "chosen"
    assert store.open_repository().data_dir == tmp_path / "chosen"
    assert (tmp_path / "chosen" / "people").is_dir()


def test_the_default_data_folder_is_the_users_data_folder_outside_the_repository(monkeypatch):
    monkeypatch.delenv("KIM_PATHWAYS_DATA_DIR", raising=False)

    folder = store.default_data_dir()

    assert folder == Path(platformdirs.user_data_dir("kim-pathways", appauthor=False))
    assert ROOT not in folder.parents


def test_open_repository_uses_the_folder_it_is_given(tmp_path):
    assert store.open_repository(tmp_path / "given").data_dir == tmp_path / "given"
