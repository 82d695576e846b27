"""Shared data (curriculum, professional bodies' mapping, grade settings): only those who manage it change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.models import Settings
from planner.io import curriculum_io, curriculum_sheets, dataset
from planner.services import shared_data
from planner.services.acting import Actor, NotAllowed
from planner.store import open_repository

ADMIN = Actor.on_server("id-lead", "Lee Lead", "lead@example.gov.uk", admin=True)
MEMBER = Actor.on_server("id-alice", "Alice Archer", "alice@example.gov.uk", admin=False)
ON_ONES_OWN_COMPUTER = Actor("", "this computer's user")


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under a folder, with its bytes and change time: any write shows as a difference."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def own_curriculum(fw):
    return curriculum_io.parse_curriculum(curriculum_sheets.template_csv(), "ours.csv", fw)


@pytest.fixture
def own_mapping():
    shipped = dataset.load_mapping()
    return type(shipped)(frameworks=[shipped.frameworks[0]])


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "user"


def _changes(own_curriculum, own_mapping, folder, repo):
    """Each use case that changes shared data, called with an actor."""
    return {
        "replace_curriculum": lambda actor: shared_data.replace_curriculum(open_repository(folder), actor, own_curriculum),
        "remove_curriculum": lambda actor: shared_data.remove_curriculum(open_repository(folder), actor),
        "replace_mapping": lambda actor: shared_data.replace_mapping(open_repository(folder), actor, own_mapping),
        "remove_mapping": lambda actor: shared_data.remove_mapping(open_repository(folder), actor),
        "save_settings": lambda actor: shared_data.save_settings(repo, actor, Settings(min_months_in_grade=9)),
    }


@pytest.mark.parametrize("change", ["replace_curriculum", "remove_curriculum", "replace_mapping",
                                    "remove_mapping", "save_settings"])
def test_someone_who_is_not_an_admin_is_refused_and_nothing_on_disk_changes(
        change, own_curriculum, own_mapping, folder, tinydb_repo):
    # Imports an admin made earlier, so a refused removal has something it could have deleted.
    dataset.CURRICULUM.save(own_curriculum, open_repository(folder))
    dataset.MAPPING.save(own_mapping, open_repository(folder))
    tinydb_repo.save_settings(Settings(min_months_in_grade=12))
    before = _files(folder), _files(tinydb_repo.data_dir)

    with pytest.raises(NotAllowed, match="Only the profession's admins can change .*Nothing was changed"):
        _changes(own_curriculum, own_mapping, folder, tinydb_repo)[change](MEMBER)

    assert (_files(folder), _files(tinydb_repo.data_dir)) == before
    assert tinydb_repo.get_settings() == Settings(min_months_in_grade=12)


def test_a_refused_import_writes_no_file_where_there_was_none(own_curriculum, own_mapping, folder):
    repo = open_repository(folder)
    before = _files(folder)
    for refused in (lambda: shared_data.replace_curriculum(repo, MEMBER, own_curriculum),
                    lambda: shared_data.replace_mapping(repo, MEMBER, own_mapping)):
        with pytest.raises(NotAllowed):
            refused()
    assert _files(folder) == before
    assert not dataset.CURRICULUM.is_imported(open_repository(folder)) and not dataset.MAPPING.is_imported(open_repository(folder))


def test_the_refusal_names_what_was_refused_in_words(own_curriculum, folder, repo):
    with pytest.raises(NotAllowed, match="change the curriculum"):
        shared_data.replace_curriculum(open_repository(folder), MEMBER, own_curriculum)
    with pytest.raises(NotAllowed, match="change the professional bodies' mapping"):
        shared_data.remove_mapping(open_repository(folder), MEMBER)
    with pytest.raises(NotAllowed, match="change the grade settings"):
        shared_data.save_settings(repo, MEMBER, Settings())


@pytest.mark.parametrize("actor", [ADMIN, ON_ONES_OWN_COMPUTER], ids=["admin on a server", "one's own computer"])
def test_an_admin_replaces_and_removes_the_curriculum_and_the_mapping(actor, own_curriculum, own_mapping, folder):
    shared_data.replace_curriculum(open_repository(folder), actor, own_curriculum)
    shared_data.replace_mapping(open_repository(folder), actor, own_mapping)
    assert dataset.CURRICULUM.active(open_repository(folder)) == own_curriculum
    assert dataset.MAPPING.active(open_repository(folder)) == own_mapping

    assert shared_data.remove_curriculum(open_repository(folder), actor) is True
    assert shared_data.remove_mapping(open_repository(folder), actor) is True
    assert not dataset.CURRICULUM.is_imported(open_repository(folder)) and not dataset.MAPPING.is_imported(open_repository(folder))
    assert shared_data.remove_curriculum(open_repository(folder), actor) is False


@pytest.mark.parametrize("actor", [ADMIN, ON_ONES_OWN_COMPUTER], ids=["admin on a server", "one's own computer"])
def test_an_admin_saves_the_settings(actor, repo):
    shared_data.save_settings(repo, actor, Settings(min_months_in_grade=9))
    assert repo.get_settings() == Settings(min_months_in_grade=9)
