"""A person's file is parsed once while it is unchanged, and any change to it, by anyone, is seen next read."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from planner.domain.models import Assessment, PlanItem, Rating
from planner.store import files
from planner.store.file_cache import UnchangedFileCache
from planner.store.tinydb_store import TinyDBRepository


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """Counts every JSON text the store parses (one entry per parse)."""
    counted: list[int] = []
    real = files.parse_json

    def counting(raw: bytes):
        counted.append(len(raw))
        return real(raw)

    monkeypatch.setattr(files, "parse_json", counting)
    return counted


@pytest.fixture
def person(tinydb_repo, make_profile, make_plan_item):
    profile = make_profile(name="Zoë Ng")
    tinydb_repo.save_profiles([profile], [make_plan_item(profile.id, objective="Shadow a records manager")])
    return profile


def person_file(repo: TinyDBRepository, profile_id: str) -> Path:
    return repo.people_dir / f"{profile_id}.json"


def replace_by_hand(path: Path, content: bytes) -> None:
    """What a person or another program does: write a new file beside it and rename it into place."""
    new = path.with_name(path.name + ".by-hand")
    new.write_bytes(content)
    os.replace(new, path)


def test_a_second_read_of_an_unchanged_file_does_not_parse_it_again(tinydb_repo, person, parses):
    tinydb_repo.get_profile(person.id)
    first = len(parses)
    assert first == 1
    for _ in range(5):
        assert tinydb_repo.get_profile(person.id).name == "Zoë Ng"
        assert [item.objective for item in tinydb_repo.list(PlanItem, person.id)] == ["Shadow a records manager"]
    assert len(parses) == first


def test_a_write_through_the_same_repository_is_seen_by_the_next_read(tinydb_repo, person, make_plan_item):
    assert len(tinydb_repo.list(PlanItem, person.id)) == 1
    tinydb_repo.put(make_plan_item(person.id, objective="Lead a retention review"))
    assert [item.objective for item in tinydb_repo.list(PlanItem, person.id)] == [
        "Shadow a records manager",
        "Lead a retention review",
    ]


def test_a_write_by_another_repository_on_the_same_folder_is_seen_by_the_next_read(tinydb_repo, person, make_plan_item):
    assert len(tinydb_repo.list(PlanItem, person.id)) == 1
    other_process = TinyDBRepository(tinydb_repo.data_dir)
    other_process.put(make_plan_item(person.id, objective="Lead a retention review"))
    other_process.save_profile(person.model_copy(update={"name": "Zoë Ng-Smith"}))
    assert len(tinydb_repo.list(PlanItem, person.id)) == 2
    assert tinydb_repo.get_profile(person.id).name == "Zoë Ng-Smith"


def test_a_file_replaced_by_hand_is_seen_by_the_next_read(tinydb_repo, person, make_plan_item):
    path = person_file(tinydb_repo, person.id)
    assert len(tinydb_repo.list(PlanItem, person.id)) == 1
    # Another copy of the folder, made with one more record, is put in place by hand.
    elsewhere = TinyDBRepository(path.parent.parent.parent / "elsewhere")
    elsewhere.save_profiles([person], [*tinydb_repo.list(PlanItem, person.id), make_plan_item(person.id)])
    replace_by_hand(path, person_file(elsewhere, person.id).read_bytes())
    assert len(tinydb_repo.list(PlanItem, person.id)) == 2


def test_a_file_damaged_after_it_was_read_is_still_set_aside_and_its_owner_told(tinydb_repo, person, parses):
    path = person_file(tinydb_repo, person.id)
    assert tinydb_repo.get_profile(person.id) is not None
    replace_by_hand(path, b'{"profile": {"1": ')
    assert tinydb_repo.get_profile(person.id) is None
    [notice] = tinydb_repo.take_notices(person.id)
    assert "could not be read" in notice and "Nothing was deleted" in notice
    assert not path.exists()
    assert len(list(path.parent.glob(path.name + ".unreadable-*"))) == 1
    # Nothing of the damaged file is kept: the next read looks again, and finds no file.
    assert tinydb_repo.get_profile(person.id) is None
    assert tinydb_repo.take_notices(person.id) == []


def test_changing_what_a_read_returned_changes_nothing_kept(tinydb_repo, person, make_profile):
    codes = {"1.1.1": Rating(score=2)}
    tinydb_repo.add(Assessment(profile_id=person.id, taken_on=date(2025, 1, 1), ratings=codes))
    [snapshot] = tinydb_repo.list(Assessment, person.id)
    snapshot.ratings["1.1.1"].score = 4
    snapshot.ratings["9.9.9"] = Rating(score=1)
    items = tinydb_repo.list(PlanItem, person.id)
    items[0].objective = "Changed behind the store's back"
    items.clear()
    profile = tinydb_repo.get_profile(person.id)
    profile.name = "Someone else"

    [again] = tinydb_repo.list(Assessment, person.id)
    assert {code: rating.score for code, rating in again.ratings.items()} == {"1.1.1": 2}
    assert [item.objective for item in tinydb_repo.list(PlanItem, person.id)] == ["Shadow a records manager"]
    assert tinydb_repo.get_profile(person.id).name == "Zoë Ng"


def test_a_reading_that_tries_to_change_the_file_is_refused_and_nothing_kept_is_changed(tinydb_repo, person, parses):
    tinydb_repo.get_profile(person.id)
    with pytest.raises(RuntimeError, match="only for reading"):
        with tinydb_repo._person(person.id) as db:
            db.table("plan_items").update({"objective": "Spoilt"})
    assert [item.objective for item in tinydb_repo.list(PlanItem, person.id)] == ["Shadow a records manager"]


def test_the_cache_keeps_only_the_files_used_last(tmp_path):
    cache = UnchangedFileCache(size=2)
    paths = [tmp_path / f"{n}.json" for n in range(3)]
    reads: list[Path] = []
    for path in paths:
        path.write_text("{}")

    def reader(path: Path):
        return lambda: reads.append(path) or {"name": path.name}

    for path in [*paths, paths[2], paths[0]]:
        assert cache.read(path, reader(path)) == {"name": path.name}
    # 0, 1, 2 read; 2 kept; 0 had been dropped for 2 (the oldest of three), so it is read again.
    assert reads == [paths[0], paths[1], paths[2], paths[0]]


def test_the_cache_keeps_nothing_of_a_missing_file_or_one_that_changed_while_read(tmp_path):
    cache = UnchangedFileCache()
    missing, moving = tmp_path / "missing.json", tmp_path / "moving.json"
    moving.write_text("{}")
    reads: list[str] = []

    def read_missing():
        reads.append("missing")
        return None

    def read_while_replaced():
        reads.append("moving")
        replace_by_hand(moving, b'{"a": 1}')
        return {}

    for _ in range(2):
        assert cache.read(missing, read_missing) is None
        cache.read(moving, read_while_replaced)
    assert reads == ["missing", "moving", "missing", "moving"]
